// Composites that rearrange arrays: swapaxes, vstack/hstack, repeat, tile, diag, triu/tril, meshgrid.
// Each is built from primitives (transpose, concatenate, reshape, broadcastTo, gather, where), so
// gradients flow through them with no backward of their own, and a trace shows those steps.
import type { Tensor, TensorLike } from "../tensor/tensor.ts";
import { normalizeAxes, formatShape, describe } from "../tensor/shape.ts";
import { checkOptions, singleAxis } from "../tensor/options.ts";
import { arange, eye, full } from "../tensor/create.ts";
import * as F from "./functional.ts";

/** Exchange two axes: swapaxes(x, 0, 1) of a matrix is its transpose. */
export function swapaxes(x: TensorLike, axis1: number, axis2: number): Tensor {
  const t = F.asTensor(x);
  const [a] = normalizeAxes("swapaxes", axis1, t.ndim);
  const [b] = normalizeAxes("swapaxes", axis2, t.ndim);
  const perm = [...t.shape.keys()];
  [perm[a], perm[b]] = [perm[b], perm[a]];
  return F.transpose(t, perm);
}

/** Stack arrays as rows: 1-D arrays of length n become rows (1, n); then concatenate along axis 0. */
export function vstack(parts: readonly TensorLike[]): Tensor {
  if (!Array.isArray(parts)) throw new Error(`vstack: expected a list of arrays, e.g. np.vstack([a, b]), got ${describe(parts)}`);
  return F.concatenate(parts.map((p) => {
    const t = F.asTensor(p);
    return t.ndim >= 2 ? t : F.reshape(t, [1, t.size]);
  }), { axis: 0 });
}

/** Stack arrays side by side: 1-D arrays are joined end to end, others along axis 1 (columns). */
export function hstack(parts: readonly TensorLike[]): Tensor {
  if (!Array.isArray(parts)) throw new Error(`hstack: expected a list of arrays, e.g. np.hstack([a, b]), got ${describe(parts)}`);
  const ts = parts.map((p) => {
    const t = F.asTensor(p);
    return t.ndim === 0 ? F.reshape(t, [1]) : t;
  });
  return F.concatenate(ts, { axis: ts.length > 0 && ts[0].ndim === 1 ? 0 : 1 });
}

/**
 * Repeat each element: repeat([a, b], 2) is [a, a, b, b]. Without an axis the array is flattened
 * first (numpy's default); `repeats` may give a count per element along the axis. A take (gather)
 * with repeated indices, so the gradient of each element is the sum over its copies.
 */
export function repeat(x: TensorLike, repeats: number | readonly number[], options?: { axis?: number | null }): Tensor {
  let t = F.asTensor(x);
  const axisOption = singleAxis("repeat", checkOptions("repeat", options, ["axis"])?.axis);
  if (axisOption === undefined || axisOption === null) t = F.reshape(t, [t.size]);
  const [axis] = normalizeAxes("repeat", axisOption ?? 0, t.ndim);
  const n = t.shape[axis];
  let counts = typeof repeats === "number" ? [repeats] : [...repeats];
  if (counts.length === 1) counts = new Array<number>(n).fill(counts[0]); // one count for every element
  if (counts.length !== n) throw new Error(`repeat: operands could not be broadcast together with shape (${n},) and repeats of length ${counts.length}`);
  const index: number[] = [];
  counts.forEach((c, i) => {
    if (!Number.isInteger(c) || c < 0) throw new Error(`repeat: repeats must be non-negative integers, got ${c}`);
    for (let k = 0; k < c; k++) index.push(i);
  });
  return F.take(t, index, { axis });
}

/**
 * Repeat the whole array: tile(x, [2, 3]) is x repeated 2 times down and 3 times across. A reshape
 * that puts a size-1 axis before each axis, a broadcast along those, and a reshape back.
 */
export function tile(x: TensorLike, reps: number | readonly number[]): Tensor {
  const t = F.asTensor(x);
  const r = typeof reps === "number" ? [reps] : [...reps];
  if (r.some((k) => !Number.isInteger(k) || k < 0)) throw new Error(`tile: reps must be non-negative integers, got ${JSON.stringify(reps)}`);
  const nd = Math.max(t.ndim, r.length);
  const shape = [...new Array<number>(nd - t.ndim).fill(1), ...t.shape];
  const times = [...new Array<number>(nd - r.length).fill(1), ...r];
  const spread = F.reshape(t, shape.flatMap((s) => [1, s]));
  const copies = F.broadcastTo(spread, shape.flatMap((s, i) => [times[i], s]));
  return F.reshape(copies, shape.map((s, i) => s * times[i]));
}

/**
 * diag(v): a square matrix with v on its k-th diagonal (k > 0 above, k < 0 below);
 * diag(A): the k-th diagonal of a matrix, as a 1-D array.
 */
export function diag(v: TensorLike, k?: number): Tensor {
  const t = F.asTensor(v);
  k ??= 0;
  if (!Number.isInteger(k)) throw new Error(`diag: k must be an integer, got ${describe(k)}`);
  if (t.ndim === 2) {
    const [n, m] = t.shape;
    const count = Math.max(0, Math.min(n, m - k, n + k, m));
    const rows = arange(Math.max(0, -k), Math.max(0, -k) + count);
    return t.slice(rows, rows.add(k));
  }
  if (t.ndim !== 1) throw new Error(`diag: input must be 1- or 2-d, got shape ${formatShape(t.shape)}`);
  const n = t.size + Math.abs(k);
  const pad = F.zerosOf(t, [Math.abs(k)]);
  const row = k >= 0 ? F.concatenate([pad, t]) : F.concatenate([t, pad]);
  return F.where(eye(n, n, { k, dtype: "bool" }), row, F.zerosOf(t, []));
}

/** The mask of a k-th triangle over the last two axes: above (j - i >= k) or below (j - i <= k). */
function triangle(name: string, x: TensorLike, k: number | undefined, keep: (i: number, j: number) => boolean): Tensor {
  const t = F.asTensor(x);
  if (t.ndim === 0) throw new Error(`${name}: input must be at least 1-d`);
  if (k !== undefined && !Number.isInteger(k)) throw new Error(`${name}: k must be an integer, got ${describe(k)}`);
  const rows = t.ndim >= 2 ? t.shape[t.ndim - 2] : t.shape[0];
  const cols = t.shape[t.ndim - 1];
  const mask = full([rows, cols], false);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) mask.data[i * cols + j] = keep(i, j) ? 1 : 0;
  return F.where(mask, t, F.zerosOf(t, []));
}
/** The upper triangle (the k-th diagonal and above, over the last two axes); zeros below. */
export const triu = (x: TensorLike, k?: number) => triangle("triu", x, k, (i, j) => j - i >= (k ?? 0));
/** The lower triangle (the k-th diagonal and below, over the last two axes); zeros above. */
export const tril = (x: TensorLike, k?: number) => triangle("tril", x, k, (i, j) => j - i <= (k ?? 0));

export interface MeshgridOptions {
  /** "xy" (numpy's default: for x of length n and y of length m the grids are (m, n)) or "ij" ((n, m)) */
  indexing?: "xy" | "ij";
}

/**
 * Coordinate grids: const [XX, YY] = np.meshgrid(xs, ys) gives XX[i, j] = xs[j] and YY[i, j] = ys[i],
 * the points of a decision-boundary plot. Each grid is its input reshaped and broadcast.
 */
export function meshgrid(...args: (TensorLike | MeshgridOptions)[]): Tensor[] {
  const last = args[args.length - 1];
  const hasOptions = last !== undefined && last !== null && typeof last === "object" && !Array.isArray(last) && !("shape" in last);
  const options = checkOptions("meshgrid", hasOptions ? (last as MeshgridOptions) : undefined, ["indexing"]);
  const indexing = options?.indexing ?? "xy";
  if (indexing !== "xy" && indexing !== "ij") throw new Error(`meshgrid: indexing must be "xy" or "ij", got ${describe(indexing)}`);
  const xs = (hasOptions ? args.slice(0, -1) : args).map((a) => F.asTensor(a as TensorLike));
  const sizes = xs.map((x) => x.size);
  if (indexing === "xy" && xs.length >= 2) [sizes[0], sizes[1]] = [sizes[1], sizes[0]];
  return xs.map((x, i) => {
    const shape = sizes.map(() => 1);
    const at = indexing === "xy" && xs.length >= 2 && i < 2 ? 1 - i : i;
    shape[at] = x.size;
    return F.broadcastTo(F.reshape(x, shape), sizes);
  });
}
