// Where JavaScript wants a yes/no or numbers and a cell gives it a tensor: a condition (if (x.greater(0)), which
// JavaScript counted as true, as any object) and a spread into Math's functions (Math.max(...v), whose items
// were rows). numpy-habits.ts finds the places, rewrite.ts wraps them; anything but a tensor comes back as it is.
import { formatShape } from "../tensor/shape.ts";
import { Tensor } from "../tensor/tensor.ts";

// taken when the kernel loads, as in tensor-rows.ts: a cell that replaces Array.isArray changes nothing here
const isArray = Array.isArray;

/**
 * if (loss.less(0.01)), while (err.greater(tol)), ok ? a : b, !x.isnan(): JavaScript counts any object as true, so
 * the condition was always true. numpy's bool(x) is the one value of a one-element array (NaN counts as true, as there)
 * and refuses any other size: so does a cell's condition. A name or a property (`maskOnly`) counts so only when it
 * holds a mask (const done = err.less(tol); if (done)): if (W.grad) and if (best) ask whether there is one, as
 * JavaScript's `if` does, and a one-element gradient of 0 must not read as "none".
 */
export function truth(value: unknown, text = "x", maskOnly?: boolean): unknown {
  // a boolean or a number first: a type test, where instanceof walks the prototype chain (a loop's if (even(i)))
  if (typeof value !== "object" || value === null || !(value instanceof Tensor) || (maskOnly && value.dtype !== "bool")) return value;
  if (value.size === 1) return value.data[0] !== 0;
  throw new TypeError(`${text} as a condition, on a tensor of shape ${formatShape(value.shape)}: JavaScript counts any object as true, so it was true whatever the values; `
    + `numpy's truth value of an array with ${value.size === 0 ? "no elements" : "more than one element"} is ambiguous: write ${text}.any() or ${text}.all() for one true or false, `
    + `or ${text} !== undefined to ask whether there is one`);
}

/**
 * Math.max(...v), Math.hypot(...v) (`alone`: the only argument): a 1-D tensor gives its numbers, as numpy's max(v)
 * and math.hypot(*v) read an array's items as numbers; a larger one gives rows, which numpy's max refuses
 * (ambiguous truth value) and Math cannot read: refused with X.max() to write. Anything else is spread as it is.
 */
export function mathSpread(fn: string, value: unknown, text = "x", alone?: boolean): unknown {
  // an array first, as tensor-rows.ts rows does: instanceof walks its prototype chain
  if (isArray(value) || typeof value !== "object" || !(value instanceof Tensor)) return value;
  if (value.ndim === 1) return value.toArray();
  if (value.ndim === 0) throw new TypeError(`iteration over a 0-d array (${text}), as in numpy: it has no items; write ${text}.item() for its number`);
  const extreme = fn === "max" || fn === "min";
  const write = extreme ? `write ${text}.${fn}().item() for its ${fn === "max" ? "largest" : "smallest"} number (np.${fn}(${text})), ${text}.${fn}({axis: 0}) for each column's`
    : `write Math.${fn}(...${text}.flatten().tolist()) for its numbers`;
  throw new TypeError(`Math.${fn}(${alone ? "" : "..., "}...${text}) on a tensor of shape ${formatShape(value.shape)}: its items are rows, not numbers `
    + `(numpy's ${extreme ? `${fn}(${text})` : `math.${fn}(*${text})`} refuses them too); ${write}`);
}
