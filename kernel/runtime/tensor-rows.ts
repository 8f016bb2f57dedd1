// numpy reads an array by rows: X[0] is row 0, X[-1] the last, len(X) is X.shape[0], `for row in X` walks the
// rows. JavaScript reads a tensor as a plain object: X[0] and X.length are undefined, X[0] = v sets a property
// and leaves the values alone, delete X[0] deletes nothing, and X is not iterable. A cell's X[k], X.length,
// for-of, spread and array destructuring pass X through `rows` (numpy-habits.ts finds where, rewrite.ts wraps):
// anything but a tensor comes back as it is, so arrays, text, typed arrays and objects keep JavaScript's meaning
// and speed; a tensor comes back as a view that refuses a number key (read, write, delete) and .length with what
// to write, iterates its rows as numpy does (each X.slice(i), a traced op like any other), and passes every other
// key to the tensor.
import { Tensor } from "../tensor/tensor.ts";
import { activeTrace } from "../trace/active.ts";
import type { FieldsUse } from "./numpy-habits.ts";

// taken when the kernel loads: a cell that replaces Array.isArray does not change what its X[k] means
const isArray = Array.isArray, isView = ArrayBuffer.isView;

/**
 * X, or a view of tensor X that reads numpy's way; `text` is the code of X for messages, `nested` destructures
 * each row too, `write` says a number key is refused as a write (X[0] -= v reads first).
 */
export function rows(value: unknown, text?: string, nested?: boolean, write?: boolean): unknown {
  // arrays, typed arrays and text first: a type test each, where instanceof walks the prototype chain (4x slower
  // in a loop's a[i] < a.length; bench/cell-operators.ts)
  if (isArray(value) || isView(value) || typeof value !== "object") return value;
  return value instanceof Tensor ? rowView(value, text, nested, write) : value;
}

function rowView(t: Tensor, text?: string, nested?: boolean, write?: boolean): Tensor {
  return new Proxy(t, view(text ?? "X", nested === true, write === true));
}

/** switch (X): === to each case, which a tensor never is, so it would run `default` without a word. */
export function switchValue(value: unknown, text = "x"): unknown {
  if (value instanceof Tensor) {
    throw new TypeError(`switch (${text}) on a tensor: switch compares with ===, which a tensor never is to a number or text, so only default would run; write switch (${text}.item()) for the number in a one-element array`);
  }
  return value;
}

/** for (const row in X): Python's `for row in X` in JavaScript's words walks X's property names (id, data, shape, ...). */
export function forInValue(value: unknown, text = "x"): unknown {
  if (value instanceof Tensor) {
    throw new TypeError(`for (... in ${text}) on a tensor: JavaScript's for-in walks an object's property names (id, data, shape, ...), not numpy's rows; write for (const row of ${text}) for numpy's \`for row in ${text}\``);
  }
  return value;
}

/**
 * {...X}, Object.keys(X), Object.values(X), Object.entries(X), Object.assign(o, X), structuredClone(X): a tensor's
 * own fields (id, data, shape, grad, ...), which a numpy user reads as the array's values or indices, or a copy.
 */
export function fields(how: FieldsUse, value: unknown, text = "X"): unknown {
  if (!(value instanceof Tensor)) return value;
  const values = `write ${text}.tolist() for its values as nested lists (${text}.flatten().tolist() for one flat list)`;
  const key = /^[\w$]+$/.test(text) ? text : "value";
  switch (how) {
    case "spread": throw new TypeError(`{...${text}} on a tensor: JavaScript copies its fields (id, data, shape, grad, ...), not numpy's values; ${values}, ${text}.copy() for a copy of the array, or ${key === text ? `{${text}}` : `{ value: ${text} }`} for an object that holds it`);
    case "assign": throw new TypeError(`Object.assign(o, ${text}) on a tensor: JavaScript copies its fields (id, data, shape, grad, ...), not numpy's values; ${values}, or o.${key} = ${text} to put the array in o`);
    case "clone": throw new TypeError(`structuredClone(${text}) on a tensor: JavaScript copies its fields into a plain object, which is no longer an array (no methods, no shape checks); write ${text}.copy() for numpy's ${text}.copy() (copy.deepcopy)`);
    case "keys": throw new TypeError(`Object.keys(${text}) on a tensor: JavaScript lists the names of its fields (id, data, shape, ...), not numpy's indices; write np.arange(${text}.shape[0]) for its row numbers, ${text}.shape for its shape`);
    case "values": throw new TypeError(`Object.values(${text}) on a tensor: JavaScript lists its fields (an id, the data, the shape, ...), not numpy's values; ${values}`);
    case "entries": throw new TypeError(`Object.entries(${text}) on a tensor: JavaScript lists its fields as [name, value] pairs, not numpy's rows; write for (const [i, row] of [...${text}].entries()) for numpy's enumerate(${text}), ${text}.tolist() for its values`);
  }
}

/** obj[k] += v (cell-handle.ts addTo): a tensor refuses a number key there too. */
export function checkRowWrite(target: unknown, key: PropertyKey, text = "X"): void {
  if (target instanceof Tensor && isNumberKey(String(key))) throw new TypeError(writeMessage(text, String(key)));
}

/** "0", "-1", "2.5": the text of a number key (JavaScript turns X[-1] into the key "-1"). */
const isNumberKey = (key: string | symbol): boolean => typeof key === "string" && key !== "" && String(Number(key)) === key;

function readMessage(x: string, key: string): string {
  const get = `, or ${x}.get(${key}, j) for one number of a matrix (${x}.get(${key}) of a vector)`;
  return `${x}[${key}] on a tensor: JavaScript reads a property named "${key}" (undefined), not numpy's row ${key}; write ${x}.slice(${key}) for numpy's ${x}[${key}]${Number.isInteger(Number(key)) ? get : ""}`;
}

function writeMessage(x: string, key: string): string {
  return `${x}[${key}] = v on a tensor: JavaScript would set a property named "${key}" and leave the values alone, not numpy's row ${key}. `
    + `The kernel has no assignment into part of a tensor (an op's output never changes, so the trace can keep it): make a new one, `
    + `${x} = np.where(mask, v, ${x}) with a mask that is true where values change (row ${key}: np.arange(${x}.shape[0]).equal(${key}), `
    + `.reshape([-1, 1]) for a matrix), or ${x}.assign(v) to replace every value`;
}

function deleteMessage(x: string, key: string): string {
  // arange counts 0 to n - 1: row -1 is n - 1 there
  const k = !Number.isInteger(Number(key)) ? "k" : Number(key) < 0 ? `${x}.shape[0] - ${-Number(key)}` : key;
  return `delete ${x}[${key}] on a tensor: JavaScript deletes a property named "${key}" (there is none: it gives true and leaves the values alone), not numpy's row ${key}. `
    + `An array's rows cannot be removed in place (numpy's del ${x}[${key}] is refused too): make a new array without it, `
    + `${x}.slice(np.arange(${x}.shape[0]).notEqual(${k})) (numpy's np.delete(${x}, ${key}, axis=0))`;
}

const inMessage = (x: string, key: string) => `${key} in ${x} on a tensor: JavaScript asks whether ${x} has a property named "${key}" (false), not numpy's \`${key} in ${x}\`, whether some value equals ${key}; write ${x}.equal(${key}).any() for numpy's ${key} in ${x}`;

const lengthMessage = (x: string) => `${x}.length on a tensor: JavaScript reads undefined; numpy's len(${x}) is ${x}.shape[0] (${x}.size counts every element)`;

/** numpy's iteration: row by row along the first axis; a 0-d array has none (numpy: "iteration over a 0-d array"). */
function* rowsOf(t: Tensor, x: string, nested: boolean): Generator<unknown> {
  if (t.ndim === 0) throw new TypeError(`iteration over a 0-d array (${x}), as in numpy: it has no rows; write ${x}.item() for its number`);
  const n = t.shape[0]!;
  // each row is a step of the loop's own line (for (const row of X)), not of the body's last statement
  const trace = activeTrace(), head = trace?.location();
  for (let i = 0; i < n; i++) {
    const body = trace?.location();
    if (head !== undefined) trace!.at(head.cell, head.line);
    const row = t.slice(i);
    if (body !== undefined) trace!.at(body.cell, body.line);
    yield nested ? rows(row, `${x}[${i}]`) : row;
  }
}

function view(x: string, nested: boolean, write: boolean): ProxyHandler<Tensor> {
  return {
    get(t, key) {
      if (isNumberKey(key)) throw new TypeError((write ? writeMessage : readMessage)(x, key as string));
      if (key === "length") throw new TypeError(lengthMessage(x));
      if (key === Symbol.iterator) return () => rowsOf(t, x, nested);
      return Reflect.get(t, key, t);
    },
    set(t, key, value) {
      if (isNumberKey(key)) throw new TypeError(writeMessage(x, key as string));
      if (key === "length") throw new TypeError(lengthMessage(x));
      return Reflect.set(t, key, value, t);
    },
    has(t, key) {
      if (isNumberKey(key)) throw new TypeError(inMessage(x, key as string));
      return Reflect.has(t, key);
    },
    deleteProperty(t, key) {
      if (isNumberKey(key)) throw new TypeError(deleteMessage(x, key as string));
      return Reflect.deleteProperty(t, key);
    },
  };
}
