// Making arrays: np.array from nested lists (or a list of arrays), and numpy's creation helpers.
import { Tensor, type NestedArray, type DType } from "./tensor.ts";
import { checkShape, sizeOf, formatShape, sameShape, type ShapeLike } from "./shape.ts";
import { checkOptions } from "./options.ts";

export interface ArrayOptions {
  requiresGrad?: boolean;
  name?: string;
  /** "float64" (the default; also "float"), or "bool" for a mask; numpy's other dtypes are not supported. */
  dtype?: "float64" | "float" | "bool";
}
const ARRAY_OPTIONS = ["requiresGrad", "name", "dtype"] as const;

/** The dtype an options object asks for (undefined: keep what the data implies). */
export function dtypeOption(op: string, dtype: unknown): DType | undefined {
  if (dtype === undefined) return undefined;
  if (dtype === "float64" || dtype === "float" || dtype === Number) return "float64";
  if (dtype === "bool" || dtype === Boolean) return "bool";
  throw new Error(`${op}: dtype ${typeof dtype === "string" ? JSON.stringify(dtype) : String(dtype)} is not supported: arrays hold float64 numbers (dtype "float64") or booleans (dtype "bool")`);
}

function finish(op: string, t: Tensor, options?: ArrayOptions): Tensor {
  checkOptions(op, options, ARRAY_OPTIONS);
  const dtype = dtypeOption(op, options?.dtype);
  if (dtype === "bool") {
    for (let i = 0; i < t.data.length; i++) t.data[i] = t.data[i] !== 0 ? 1 : 0; // NaN is true, as in numpy
  }
  if (dtype !== undefined) t.dtype = dtype;
  if (options?.requiresGrad) t.requiresGrad();
  if (options?.name) t.named(options.name);
  return t;
}

/**
 * np.array([[1, 2], [3, 4]]): nested lists (or a typed array) to a tensor; ragged input is an error.
 * A list of booleans gives a bool array (a mask). A list of arrays is stacked, as numpy does:
 * np.array([t1, t2]) has shape (2, ...t1.shape). The result is always a new array holding the values
 * (no gradient flows back through np.array; np.stack keeps the graph).
 */
export function array(value: NestedArray | ArrayLike<number> | Tensor | readonly Tensor[], options?: ArrayOptions): Tensor {
  if (value instanceof Tensor) return finish("array", copyOf(value), options);
  if (ArrayBuffer.isView(value)) {
    const flat = Float64Array.from(value as ArrayLike<number>);
    return finish("array", new Tensor(flat, [flat.length]), options);
  }
  return finish("array", fromNested(value as unknown), options);
}

function copyOf(t: Tensor): Tensor {
  const out = new Tensor(t.data.slice(), t.shape);
  out.dtype = t.dtype;
  return out;
}

/** Nested lists whose leaves are numbers, booleans or arrays, to one tensor (numpy's array construction). */
function fromNested(value: unknown): Tensor {
  // the shape: list lengths down the first elements, then the first leaf's own shape if it is an array
  const shape: number[] = [];
  let probe: unknown = value;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    probe = probe[0];
  }
  const leafShape = probe instanceof Tensor ? probe.shape : [];
  const listDepth = shape.length;
  shape.push(...leafShape);
  const data = new Float64Array(sizeOf(shape));
  const leafSize = sizeOf(leafShape);
  let at = 0;
  let bools = 0;
  let leaves = 0;
  const fill = (v: unknown, depth: number, path: string) => {
    if (depth === listDepth) {
      leaves++;
      if (v instanceof Tensor) {
        if (!sameShape(v.shape, leafShape)) {
          throw new Error(`array: inhomogeneous shape: element ${path} has shape ${formatShape(v.shape)}, expected ${formatShape(leafShape)}`);
        }
        data.set(v.data, at);
        at += leafSize;
        if (v.dtype === "bool") bools++;
        return;
      }
      if (Array.isArray(v)) throw new Error(`array: inhomogeneous shape: element ${path} is a list, expected ${leafShape.length ? "an array" : "a number"}`);
      if (leafShape.length > 0) throw new Error(`array: inhomogeneous shape: element ${path} is ${describeLeaf(v)}, expected an array of shape ${formatShape(leafShape)}`);
      if (typeof v === "boolean") {
        bools++;
        v = v ? 1 : 0;
      }
      if (typeof v !== "number") throw new Error(`array: element ${path} is ${describeLeaf(v)}, expected a number`);
      data[at++] = v;
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[depth]) {
      throw new Error(`array: inhomogeneous shape after ${depth} dimensions: element ${path || "[]"} has ${Array.isArray(v) ? `length ${v.length}` : "no length"}, expected ${shape[depth]}`);
    }
    for (let i = 0; i < v.length; i++) fill(v[i], depth + 1, `${path}[${i}]`);
  };
  fill(value, 0, "");
  const t = new Tensor(data, shape);
  if (leaves > 0 && bools === leaves) t.dtype = "bool";
  return t;
}

function describeLeaf(v: unknown): string {
  if (v instanceof Tensor) return `an array of shape ${formatShape(v.shape)}`;
  if (v === null || v === undefined) return String(v);
  if (typeof v === "object") return "an object";
  return typeof v === "string" ? JSON.stringify(v) : typeof v;
}

/** An array of `shape` filled with `value` (a boolean fills a bool array), for the creation function `op`. */
function filled(op: string, shape: ShapeLike, value: number | boolean, options: ArrayOptions | undefined, like?: Tensor): Tensor {
  const s = checkShape(op, shape);
  const t = new Tensor(new Float64Array(sizeOf(s)).fill(Number(value)), s);
  if (typeof value === "boolean") t.dtype = "bool";
  // the *Like functions keep the array's dtype unless told otherwise, as numpy's
  if (like !== undefined && checkOptions(op, options, ARRAY_OPTIONS)?.dtype === undefined) t.dtype = like.dtype;
  return finish(op, t, options);
}
/** np.full(shape, value): shape is a list of sizes or one integer (np.full(3, 7)). */
export const full = (shape: ShapeLike, value: number | boolean, options?: ArrayOptions) => filled("full", shape, value, options);
export const zeros = (shape: ShapeLike, options?: ArrayOptions) => filled("zeros", shape, 0, options);
export const ones = (shape: ShapeLike, options?: ArrayOptions) => filled("ones", shape, 1, options);
export const zerosLike = (t: Tensor, options?: ArrayOptions) => filled("zerosLike", t.shape, 0, options, t);
export const onesLike = (t: Tensor, options?: ArrayOptions) => filled("onesLike", t.shape, 1, options, t);
export const fullLike = (t: Tensor, value: number | boolean, options?: ArrayOptions) => filled("fullLike", t.shape, value, options, t);

export interface EyeOptions extends ArrayOptions {
  /** the diagonal: 0 the main one, k > 0 above it, k < 0 below it (numpy's k). */
  k?: number;
}

/** The identity matrix: np.eye(3); np.eye(n, m, {k}) has ones on the k-th diagonal of an n x m matrix. */
export function eye(n: number, m?: number | null | EyeOptions, options?: EyeOptions): Tensor {
  if (m !== null && typeof m === "object") [m, options] = [undefined, m];
  const cols = m ?? n;
  const { k = 0, ...rest } = checkOptions("eye", options, [...ARRAY_OPTIONS, "k"]) ?? {};
  if (!Number.isInteger(k)) throw new Error(`eye: k must be an integer, got ${k}`);
  const s = checkShape("eye", [n, cols]);
  const t = new Tensor(new Float64Array(sizeOf(s)), s);
  for (let i = Math.max(0, -k); i < n && i + k < cols; i++) t.data[i * cols + i + k] = 1;
  return finish("eye", t, rest);
}

/** np.arange(stop) / np.arange(start, stop, step): values in [start, stop). */
export function arange(start: number, stop?: number, step?: number): Tensor {
  if (stop === undefined) [start, stop] = [0, start];
  step ??= 1;
  for (const [name, v] of [["start", start], ["stop", stop], ["step", step]] as const) {
    if (typeof v !== "number") throw new Error(`arange: ${name} must be a number, got ${typeof v === "object" ? "an object (arange takes no options)" : typeof v}`);
  }
  if (step === 0) throw new Error("arange: step must not be zero");
  const n = Math.max(0, Math.ceil((stop - start) / step));
  const data = new Float64Array(n);
  for (let i = 0; i < n; i++) data[i] = start + i * step;
  return new Tensor(data, [n]);
}

/** np.linspace(start, stop, num=50): num evenly spaced values, both ends included. */
export function linspace(start: number, stop: number, num?: number, options?: { endpoint?: boolean }): Tensor {
  num ??= 50;
  const endpoint = checkOptions("linspace", options, ["endpoint"])?.endpoint ?? true;
  if (!Number.isInteger(num) || num < 0) throw new Error(`linspace: number of samples, ${num}, must be a non-negative integer`);
  const data = new Float64Array(num);
  const div = endpoint ? num - 1 : num;
  const step = div > 0 ? (stop - start) / div : 0;
  for (let i = 0; i < num; i++) data[i] = start + i * step;
  if (endpoint && num > 1) data[num - 1] = stop;
  return new Tensor(data, [num]);
}

/** np.asarray: an array as it is (no copy), anything else through np.array. */
export function asarray(value: NestedArray | ArrayLike<number> | Tensor | readonly Tensor[], options?: ArrayOptions): Tensor {
  if (value instanceof Tensor && options === undefined) return value;
  return array(value, options);
}
