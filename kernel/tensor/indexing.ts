// numpy-style indexing worked out as a list of flat positions for the gather op.
//   X.slice(0)            row 0 (the axis is dropped, as X[0] in numpy)
//   X.slice("0:10")       rows 0..9            X.slice(null, 1)   column 1 (X[:, 1])
//   X.slice(":", "1:3")   columns 1 and 2      X.slice([2, 0])    rows 2 and 0 (fancy indexing)
//   P.slice(np.arange(n), y)  P[i, y[i]] for each i: several index arrays are zipped, as numpy does.
import type { Tensor } from "./tensor.ts";
import { stridesOf, formatShape } from "./shape.ts";

export type Index = number | string | null | readonly number[] | Tensor;

export interface IndexPlan {
  from: Int32Array;
  shape: number[];
  label: string;
}

function isTensor(x: unknown): x is Tensor {
  return typeof x === "object" && x !== null && "data" in x && "shape" in x;
}

/** Python slice semantics for "start:stop:step" on an axis of size n. */
function parseSlice(text: string, n: number, axis: number): number[] {
  const parts = text.split(":").map((s) => s.trim());
  if (parts.length > 3 || parts.some((p) => p !== "" && !/^-?\d+$/.test(p))) {
    throw new Error(`index: "${text}" is not a slice like "1:5", ":", "::2" or "-3:" (axis ${axis})`);
  }
  const step = parts[2] ? Number(parts[2]) : 1;
  if (step === 0) throw new Error(`index: slice step cannot be zero (axis ${axis})`);
  const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);
  const norm = (s: string, dflt: number, lo: number, hi: number) => (s === "" ? dflt : clamp(Number(s) < 0 ? Number(s) + n : Number(s), lo, hi));
  const start = step > 0 ? norm(parts[0], 0, 0, n) : norm(parts[0], n - 1, -1, n - 1);
  const stop = step > 0 ? norm(parts[1] ?? "", n, 0, n) : norm(parts[1] ?? "", -1, -1, n - 1);
  const out: number[] = [];
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(i);
  return out;
}

function checkIndex(k: number, n: number, axis: number): number {
  if (!Number.isInteger(k) || k < -n || k >= n) throw new Error(`index: index ${k} is out of bounds for axis ${axis} with size ${n}`);
  return k < 0 ? k + n : k;
}

export function planIndex(x: Tensor, index: readonly Index[]): IndexPlan {
  if (index.length > x.ndim) {
    throw new Error(`index: too many indices for array of shape ${formatShape(x.shape)}: ${index.length} were given`);
  }
  const strides = stridesOf(x.shape);
  let base = 0;
  const axesOut: number[][] = []; // per output axis: the offset contribution of each position
  let fancy: { at: number; lists: { list: number[]; stride: number }[] } | null = null;
  const labels: string[] = [];
  for (let axis = 0; axis < x.ndim; axis++) {
    const ix = axis < index.length ? index[axis] : null;
    const n = x.shape[axis];
    if (typeof ix === "number") {
      base += checkIndex(ix, n, axis) * strides[axis];
      labels.push(String(ix));
    } else if (ix === null || typeof ix === "string") {
      axesOut.push(parseSlice(ix ?? ":", n, axis).map((k) => k * strides[axis]));
      labels.push(ix ?? ":");
    } else {
      const list = Array.from(isTensor(ix) ? ix.data : ix, (k) => checkIndex(k, n, axis));
      if (fancy === null) {
        fancy = { at: axesOut.length, lists: [] };
        axesOut.push([]); // filled below, once every index array is known
      } else if (fancy.lists[0].list.length !== list.length) {
        throw new Error(`index: shape mismatch: indexing arrays could not be broadcast together with shapes (${fancy.lists[0].list.length},) (${list.length},)`);
      }
      fancy.lists.push({ list, stride: strides[axis] });
      labels.push(list.length <= 4 ? `[${list.join(",")}]` : `[${list.length}\\ \\text{indices}]`);
    }
  }
  if (fancy !== null) {
    const { lists } = fancy;
    axesOut[fancy.at] = lists[0].list.map((_, t) => lists.reduce((s, l) => s + l.list[t] * l.stride, 0));
  }
  const shape = axesOut.map((a) => a.length);
  const from = new Int32Array(shape.reduce((p, q) => p * q, 1));
  let at = 0;
  const walk = (d: number, offset: number) => {
    if (d === axesOut.length) {
      from[at++] = offset;
      return;
    }
    for (const step of axesOut[d]) walk(d + 1, offset + step);
  };
  walk(0, base);
  return { from, shape, label: labels.join(", ") };
}
