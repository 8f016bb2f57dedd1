// Order statistics: sort, median, percentile, quantile. Built from argsort (indices, no gradient)
// and a gather of the values through those indices, so the gradient of a sorted value goes back to
// the element it came from; median and percentile interpolate between two sorted values, so their
// gradient is split between those two (as PyTorch's quantile).
import type { Tensor, TensorLike, Axis } from "../tensor/tensor.ts";
import { normalizeAxes, describe, formatShape } from "../tensor/shape.ts";
import { checkOptions, positionalOrOption } from "../tensor/options.ts";
import { arange, full } from "../tensor/create.ts";
import * as F from "./functional.ts";

/**
 * numpy's take_along_axis: out[..., i, ...] = x[..., idx[..., i, ...], ...] along `axis`, e.g. the
 * values in the order argsort gives. One gather, indexed by idx on `axis` and a range on every other.
 */
export function takeAlongAxis(x: TensorLike, indices: TensorLike, axis: number | { axis: number }): Tensor {
  const t = F.asTensor(x);
  axis = positionalOrOption<number>("takeAlongAxis", axis, "axis");
  if (typeof axis !== "number") throw new Error(`takeAlongAxis: axis must be an integer, got ${describe(axis)}`);
  const idx = F.asTensor(indices);
  if (idx.ndim !== t.ndim) throw new Error(`takeAlongAxis: indices and arr must have the same number of dimensions, got shapes ${formatShape(idx.shape)} and ${formatShape(t.shape)}`);
  const [ax] = normalizeAxes("takeAlongAxis", axis, t.ndim);
  const index = t.shape.map((n, d) => {
    if (d === ax) return idx;
    const shape = t.shape.map(() => 1);
    shape[d] = n;
    return arange(n).reshape(shape); // broadcasts against idx, which has the same size here
  });
  return t.slice(...index);
}

/** A sorted copy along an axis (the last by default; {axis: null} sorts the flattened array). NaN sorts last. */
export function sort(x: TensorLike, options?: F.SortOptions): Tensor {
  const t = F.asTensor(x);
  checkOptions("sort", options, ["axis", "kind"]);
  const flat = (options !== undefined && "axis" in options && options.axis === null) || t.ndim === 0;
  const source = flat ? F.reshape(t, [t.size]) : t;
  const axis = flat ? 0 : options?.axis ?? -1;
  return takeAlongAxis(source, F.argsort(source, { axis, kind: options?.kind }), axis);
}

export interface QuantileOptions {
  /** the axis or axes to reduce; all of them by default (numpy's None) */
  axis?: Axis;
  keepdims?: boolean;
  /** numpy's default "linear" interpolation is the only one here */
  method?: "linear";
}

/**
 * The q-th quantile (q in [0, 1]) along the axes, numpy's default "linear" method: sort, then
 * interpolate between the values at positions floor(h) and floor(h) + 1, where h = (n - 1) q.
 * A list of q gives one result per q, stacked along a new first axis, as numpy.
 */
export function quantile(x: TensorLike, q: number | readonly number[], options?: QuantileOptions): Tensor {
  return quantiles("quantile", x, q, 1, options);
}

/** The q-th percentile (q in [0, 100]): quantile(x, q / 100). */
export function percentile(x: TensorLike, q: number | readonly number[], options?: QuantileOptions): Tensor {
  return quantiles("percentile", x, q, 100, options);
}

/** The middle value along the axes (the mean of the two middle values for an even count), as numpy. */
export function median(x: TensorLike, options?: Omit<QuantileOptions, "method">): Tensor {
  checkOptions("median", options, ["axis", "keepdims"]);
  return quantiles("median", x, 0.5, 1, options);
}

/** The values at sorted positions lo and hi combined: numpy's lerp for quantiles, the mean of the two for a median. */
type Combine = (a: Tensor, b: Tensor, gamma: number) => Tensor;
// numpy's _lerp: from the nearer end, so the result is monotonic in q
const lerp: Combine = (a, b, gamma) => (gamma >= 0.5 ? b.sub(b.sub(a).mul(1 - gamma)) : a.add(b.sub(a).mul(gamma)));
// np.median averages the two middle values ((a + b) / 2, not a lerp: the last bit can differ)
const middle: Combine = (a, b, gamma) => (gamma === 0 ? a : a.add(b).div(2));

function quantiles(name: string, x: TensorLike, q: number | readonly number[], scale: number, options?: QuantileOptions): Tensor {
  const t = F.asTensor(x);
  checkOptions(name, options, ["axis", "keepdims", "method"]);
  if (options?.method !== undefined && options.method !== "linear") {
    throw new Error(`${name}: method ${describe(options.method)} is not supported (only numpy's default "linear")`);
  }
  const qs = typeof q === "number" ? [q] : Array.isArray(q) ? [...q] : null;
  if (qs === null || qs.some((v) => typeof v !== "number")) throw new Error(`${name}: q must be a number or a list of numbers, got ${describe(q)}`);
  for (const v of qs) if (!(v >= 0 && v <= scale)) throw new Error(`${name}: q must be in the range [0, ${scale}], got ${v}`);
  const axes = normalizeAxes(name, options?.axis, t.ndim);
  // the reduced axes moved to the end and merged into one, sorted along it
  const kept = [...t.shape.keys()].filter((d) => !axes.includes(d));
  const moved = F.transpose(t, [...kept, ...axes]);
  const rows = F.reshape(moved, [...kept.map((d) => t.shape[d]), -1]);
  const n = rows.shape[rows.ndim - 1];
  const outShape = options?.keepdims ? t.shape.map((d, i) => (axes.includes(i) ? 1 : d)) : kept.map((d) => t.shape[d]);
  if (n === 0) return full(typeof q === "number" ? outShape : [qs.length, ...outShape], NaN); // numpy warns and gives NaN
  const sorted = sort(rows, { axis: -1 });
  // NaN sorts last: if a slice has one, its quantile is NaN, as numpy
  const hasNan = F.isnan(sorted.slice("...", n - 1));
  const combine = name === "median" ? middle : lerp;
  const results = qs.map((v) => {
    const h = (n - 1) * (v / scale);
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, n - 1);
    const value = combine(sorted.slice("...", lo), sorted.slice("...", hi), h - lo);
    return F.reshape(F.where(hasNan, NaN, value), outShape);
  });
  return typeof q === "number" ? results[0] : F.stack(results);
}
