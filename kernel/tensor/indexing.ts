// numpy-style indexing worked out as a list of flat positions for the gather op.
//   X.slice(0)            row 0 (the axis is dropped, as X[0] in numpy)
//   X.slice("0:10")       rows 0..9            X.slice(null, 1)   column 1 (X[:, 1])
//   X.slice(":", "1:3")   columns 1 and 2      X.slice([2, 0])    rows 2 and 0 (an index array)
//   X.slice(X.greater(0)) the elements where X > 0, as X[X > 0] (a boolean mask selects)
//   X.slice("...", 0)     X[..., 0]            X.slice(null, np.newaxis)  X[:, None]
//   P.slice(np.arange(n), y)  P[i, y[i]] for each i: index arrays broadcast together, as numpy's.
// The rules are numpy's "advanced indexing" (https://numpy.org/doc/stable/user/basics.indexing.html):
// every index array (and every integer, once there is an array) is broadcast to one shape B; the
// result has B's axes where the index arrays stood if they are next to each other, and in front
// otherwise (X[0, :, [1, 2]] has shape (2, n): the slice in between moves B to the front).
import type { Tensor } from "./tensor.ts";
import { array } from "./create.ts";
import { stridesOf, formatShape, broadcastShapes, broadcastStrides, sizeOf } from "./shape.ts";

type NestedIndex = readonly (number | boolean | NestedIndex)[];
/** One entry of X.slice(...): an integer, a slice string, null (":"), "..." , "newaxis", a list or an array. */
export type Index = number | string | null | NestedIndex | Tensor;

/** numpy's np.newaxis (None in Python; our null already means ":"). */
export const NEWAXIS = "newaxis";

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
  // "1" would otherwise read as the slice "1:" (all rows from 1), where numpy's X[1] is one row
  if (parts.length === 1 && /^-?\d+$/.test(parts[0])) {
    throw new Error(`index: "${text}" is a string without ":" (axis ${axis}); write the number ${parts[0]} for numpy's X[${parts[0]}], or "${parts[0]}:" for X[${parts[0]}:]`);
  }
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
  if (!Number.isInteger(k)) throw new Error(`index: arrays used as indices must be of integer (or boolean) type, got ${k} (axis ${axis})`);
  if (k < -n || k >= n) throw new Error(`index: index ${k} is out of bounds for axis ${axis} with size ${n}`);
  return k < 0 ? k + n : k;
}

/** One position of the index after "..." and masks are expanded: what it does to which axis of x. */
type Entry =
  | { kind: "int"; k: number; axis: number }
  | { kind: "slice"; list: number[]; axis: number }
  | { kind: "array"; values: Float64Array; shape: number[]; axis: number }
  | { kind: "newaxis" };

/** The positions where a boolean mask is true, one index array per mask axis (numpy's nonzero). */
function maskToArrays(mask: Tensor, x: Tensor, first: number): Entry[] {
  mask.shape.forEach((d, i) => {
    if (x.shape[first + i] !== d) {
      throw new Error(`index: boolean index did not match indexed array along axis ${first + i}; size of axis is ${x.shape[first + i]} but size of corresponding boolean axis is ${d}`);
    }
  });
  const strides = stridesOf(mask.shape);
  const hits: number[] = [];
  for (let i = 0; i < mask.size; i++) if (mask.data[i] !== 0) hits.push(i);
  return mask.shape.map((_, d) => ({
    kind: "array" as const,
    values: Float64Array.from(hits, (flat) => Math.floor(flat / strides[d]) % mask.shape[d]),
    shape: [hits.length],
    axis: first + d,
  }));
}

function label(ix: Index): string {
  if (typeof ix === "number") return String(ix);
  if (ix === null) return ":";
  if (typeof ix === "string") return ix === "..." ? "\\ldots" : ix === NEWAXIS ? "\\text{newaxis}" : ix;
  if (isTensor(ix)) {
    if (ix.dtype === "bool") return "\\text{mask}";
    return ix.ndim === 1 && ix.size <= 4 ? `[${Array.from(ix.data).join(",")}]` : `[${ix.size}\\ \\text{indices}]`;
  }
  const values = (ix as NestedIndex).flat(Infinity as 1) as (number | boolean)[];
  if (values.some((v) => typeof v === "boolean")) return "\\text{mask}";
  const ndim = Array.isArray((ix as NestedIndex)[0]) ? 2 : 1;
  return ndim === 1 && values.length <= 4 ? `[${values.join(",")}]` : `[${values.length}\\ \\text{indices}]`;
}

/** Expand "...", masks and lists into one Entry per position, checking each against x's axes. */
function entries(x: Tensor, index: readonly Index[]): Entry[] {
  const asArray = (ix: NestedIndex | Tensor): Tensor => (isTensor(ix) ? ix : array(ix as never));
  const arrays = index.map((ix) => (ix !== null && typeof ix === "object" ? asArray(ix) : null));
  const used = index.reduce<number>((n, ix, i) =>
    n + (ix === "..." || ix === NEWAXIS ? 0 : arrays[i] !== null && arrays[i]!.dtype === "bool" ? arrays[i]!.ndim : 1), 0);
  if (index.filter((ix) => ix === "...").length > 1) throw new Error(`index: an index can only have a single ellipsis ("...")`);
  if (used > x.ndim) {
    throw new Error(`index: too many indices for array of shape ${formatShape(x.shape)}: ${used} were indexed`);
  }
  const out: Entry[] = [];
  let axis = 0;
  index.forEach((ix, i) => {
    const t = arrays[i];
    if (ix === "...") {
      for (const end = axis + x.ndim - used; axis < end; axis++) out.push({ kind: "slice", list: parseSlice(":", x.shape[axis], axis), axis });
    } else if (ix === NEWAXIS) {
      out.push({ kind: "newaxis" });
    } else if (typeof ix === "number") {
      out.push({ kind: "int", k: checkIndex(ix, x.shape[axis], axis), axis });
      axis++;
    } else if (ix === null || typeof ix === "string") {
      out.push({ kind: "slice", list: parseSlice(ix ?? ":", x.shape[axis], axis), axis });
      axis++;
    } else if (t!.dtype === "bool") {
      if (t!.ndim === 0) throw new Error("index: a 0-d boolean index (x[True]) is not supported");
      out.push(...maskToArrays(t!, x, axis));
      axis += t!.ndim;
    } else {
      const n = x.shape[axis];
      const at = axis;
      out.push({ kind: "array", values: t!.data.map((k) => checkIndex(k, n, at)), shape: [...t!.shape], axis });
      axis++;
    }
  });
  // axes not indexed at all are taken whole, as trailing ":"
  for (; axis < x.ndim; axis++) out.push({ kind: "slice", list: parseSlice(":", x.shape[axis], axis), axis });
  return out;
}

export function planIndex(x: Tensor, index: readonly Index[]): IndexPlan {
  const list = entries(x, index);
  const strides = stridesOf(x.shape);
  const hasArrays = list.some((e) => e.kind === "array");
  // Output axes, each a list of offsets into x; the advanced block is one "axis" with many dims.
  const blocks: { offsets: ArrayLike<number>; dims: number[] }[] = [];
  let base = 0;
  let advancedAt = -1;
  const advanced: Extract<Entry, { kind: "int" | "array" }>[] = [];
  const positions: number[] = [];
  list.forEach((e, p) => {
    if (e.kind === "int" && !hasArrays) {
      base += e.k * strides[e.axis];
    } else if (e.kind === "int" || e.kind === "array") {
      if (advancedAt < 0) advancedAt = blocks.length;
      advanced.push(e);
      positions.push(p);
    } else if (e.kind === "slice") {
      blocks.push({ offsets: e.list.map((k) => k * strides[e.axis]), dims: [e.list.length] });
    } else {
      blocks.push({ offsets: [0], dims: [1] });
    }
  });
  if (advanced.length > 0) {
    const block = broadcastIndexArrays(advanced, strides);
    // next to each other: the block stands where they stood; separated by a slice: in front
    const adjacent = positions[positions.length - 1] - positions[0] === positions.length - 1;
    blocks.splice(adjacent ? advancedAt : 0, 0, block);
  }
  const shape = blocks.flatMap((b) => b.dims);
  const from = new Int32Array(sizeOf(shape));
  let at = 0;
  const walk = (d: number, offset: number) => {
    if (d === blocks.length) {
      from[at++] = offset;
      return;
    }
    const offsets = blocks[d].offsets;
    for (let i = 0; i < offsets.length; i++) walk(d + 1, offset + offsets[i]);
  };
  walk(0, base);
  return { from, shape, label: index.map(label).join(", ") };
}

/** The offsets of every combination of the (broadcast) index arrays, in row-major order of their shape. */
function broadcastIndexArrays(advanced: Extract<Entry, { kind: "int" | "array" }>[], strides: number[]): { offsets: Float64Array; dims: number[] } {
  let shape: number[] = [];
  for (const e of advanced) {
    const s = e.kind === "int" ? [] : e.shape;
    try {
      shape = broadcastShapes("index", shape, s);
    } catch {
      const shapes = advanced.map((a) => formatShape(a.kind === "int" ? [] : a.shape)).join(" ");
      throw new Error(`index: shape mismatch: indexing arrays could not be broadcast together with shapes ${shapes}`);
    }
  }
  const offsets = new Float64Array(sizeOf(shape));
  const outStrides = stridesOf(shape);
  for (const e of advanced) {
    const stride = strides[e.axis];
    if (e.kind === "int") {
      for (let i = 0; i < offsets.length; i++) offsets[i] += e.k * stride;
      continue;
    }
    const read = broadcastStrides(e.shape, shape);
    for (let i = 0; i < offsets.length; i++) {
      let src = 0;
      for (let d = 0; d < shape.length; d++) src += (Math.floor(i / outStrides[d]) % shape[d]) * read[d];
      offsets[i] += e.values[src] * stride;
    }
  }
  return { offsets, dims: shape };
}
