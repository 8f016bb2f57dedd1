// Truth tests and counting: any, all, isclose, allclose, arrayEqual, countNonzero, nonzero, unique, bincount.
// Built from comparisons and sums; answers about a whole array come back as a JavaScript boolean or
// number (as numpy's np.bool_ and int scalars), so `if (np.allclose(a, b))` does what it says: a
// tensor would always be truthy in an `if`.
import { Tensor, type TensorLike, type ReduceOptions } from "../tensor/tensor.ts";
import { sameShape, stridesOf, formatShape } from "../tensor/shape.ts";
import { checkOptions } from "../tensor/options.ts";
import * as F from "./functional.ts";

/** Is any element non-zero (true)? A boolean; with options ({axis, keepdims}), a bool array. */
export function any(x: TensorLike): boolean;
export function any(x: TensorLike, options: ReduceOptions): Tensor;
export function any(x: TensorLike, options?: ReduceOptions): boolean | Tensor {
  checkOptions("any", options, ["axis", "keepdims"]);
  const out = F.greater(F.sum(F.notEqual(x, 0), options), 0); // an empty array has none: false
  return options === undefined ? out.item() !== 0 : out;
}

/** Are all elements non-zero (true)? A boolean; with options ({axis, keepdims}), a bool array. */
export function all(x: TensorLike): boolean;
export function all(x: TensorLike, options: ReduceOptions): Tensor;
export function all(x: TensorLike, options?: ReduceOptions): boolean | Tensor {
  checkOptions("all", options, ["axis", "keepdims"]);
  const out = F.equal(F.sum(F.equal(x, 0), options), 0); // an empty array has no false element: true
  return options === undefined ? out.item() !== 0 : out;
}

export interface CloseOptions {
  /** relative tolerance (numpy's default 1e-5) */
  rtol?: number;
  /** absolute tolerance (numpy's default 1e-8) */
  atol?: number;
  /** count NaN as equal to NaN (default false) */
  equalNan?: boolean;
}

/**
 * |a - b| <= atol + rtol |b| elementwise, as numpy's isclose (not symmetric: b is the reference).
 * Infinities are close only to themselves; NaN to nothing unless equalNan. A bool array.
 */
export function isclose(a: TensorLike, b: TensorLike, options?: CloseOptions): Tensor {
  checkOptions("isclose", options, ["rtol", "atol", "equalNan"]);
  const rtol = options?.rtol ?? 1e-5;
  const atol = options?.atol ?? 1e-8;
  // numpy compares masks as the numbers 0 and 1
  const x = F.astype(a, "float64");
  const y = F.astype(b, "float64");
  const within = F.lessEqual(F.abs(F.sub(x, y)), F.add(atol, F.mul(rtol, F.abs(y))));
  const close = F.where(F.logicalAnd(F.isfinite(x), F.isfinite(y)), within, F.equal(x, y));
  return options?.equalNan ? F.logicalOr(close, F.logicalAnd(F.isnan(x), F.isnan(y))) : close;
}

/** Are all elements close (numpy's allclose: isclose everywhere, with broadcasting)? A boolean. */
export function allclose(a: TensorLike, b: TensorLike, options?: CloseOptions): boolean {
  checkOptions("allclose", options, ["rtol", "atol", "equalNan"]);
  return all(isclose(a, b, options));
}

/** Same shape and the same values (numpy's array_equal; NaN is never equal)? A boolean. */
export function arrayEqual(a: TensorLike, b: TensorLike): boolean {
  const x = F.asTensor(a);
  const y = F.asTensor(b);
  return sameShape(x.shape, y.shape) && all(F.equal(x, y));
}

/** How many elements are non-zero: a number; with options ({axis, keepdims}), an array of counts. */
export function countNonzero(x: TensorLike): number;
export function countNonzero(x: TensorLike, options: ReduceOptions): Tensor;
export function countNonzero(x: TensorLike, options?: ReduceOptions): number | Tensor {
  checkOptions("countNonzero", options, ["axis", "keepdims"]);
  const counts = F.sum(F.notEqual(x, 0), options);
  return options === undefined ? counts.item() : counts;
}

/**
 * The indices of the non-zero (true) elements, one index array per axis, in row-major order (numpy's
 * nonzero): x.slice(...np.nonzero(mask)) is x.slice(mask).
 */
export function nonzero(x: TensorLike): Tensor[] {
  const t = F.asTensor(x);
  if (t.ndim === 0) throw new Error("nonzero: called on a 0-d array; reshape it to 1-d first (x.reshape(1))");
  const hits: number[] = [];
  for (let i = 0; i < t.size; i++) if (t.data[i] !== 0) hits.push(i);
  const strides = stridesOf(t.shape);
  return t.shape.map((n, d) => new Tensor(Float64Array.from(hits, (flat) => Math.floor(flat / strides[d]) % n), [hits.length]));
}

export interface UniqueOptions {
  /** also return the index of each value's first occurrence in the flattened input */
  returnIndex?: boolean;
  /** also return, for each input element, the index of its value in the result: np.take(values, inverse) is the input */
  returnInverse?: boolean;
  /** also return how many times each value occurs */
  returnCounts?: boolean;
  /** one NaN in the result for all NaNs (numpy's default, true) or one per NaN */
  equalNan?: boolean;
}

/**
 * The sorted distinct values of the flattened array. With returnIndex / returnInverse / returnCounts
 * the result is a list [values, index?, inverse?, counts?] in numpy's order:
 * const [values, counts] = np.unique(y, {returnCounts: true}).
 */
export function unique(x: TensorLike): Tensor;
export function unique(x: TensorLike, options: { returnCounts: true; returnIndex?: false; returnInverse?: false; equalNan?: boolean }): [Tensor, Tensor];
export function unique(x: TensorLike, options: UniqueOptions): Tensor | Tensor[];
export function unique(x: TensorLike, options?: UniqueOptions): Tensor | Tensor[] {
  const t = F.asTensor(x);
  checkOptions("unique", options, ["returnIndex", "returnInverse", "returnCounts", "equalNan"]);
  const order = Array.from(F.argsort(t, { axis: null, kind: "stable" }).data);
  const values: number[] = [];
  const first: number[] = [];
  const counts: number[] = [];
  const inverse = new Float64Array(t.size);
  const equalNan = options?.equalNan ?? true;
  for (const i of order) {
    const v = t.data[i];
    const last = values.length - 1;
    const same = last >= 0 && (values[last] === v || (equalNan && v !== v && values[last] !== values[last]));
    if (!same) {
      values.push(v);
      first.push(i);
      counts.push(0);
    }
    counts[values.length - 1]++;
    inverse[i] = values.length - 1;
  }
  const result = new Tensor(Float64Array.from(values), [values.length]);
  result.dtype = t.dtype;
  if (!options?.returnIndex && !options?.returnInverse && !options?.returnCounts) return result;
  const out = [result];
  if (options.returnIndex) out.push(new Tensor(Float64Array.from(first), [first.length]));
  if (options.returnInverse) out.push(new Tensor(inverse, t.shape)); // numpy 2.1+: the input's shape
  if (options.returnCounts) out.push(new Tensor(Float64Array.from(counts), [counts.length]));
  return out;
}

export interface BincountOptions {
  /** add weights[i] to bin x[i] instead of 1 (numpy's weights): a per-class sum */
  weights?: TensorLike;
  /** at least this many bins (numpy's minlength): np.bincount(y, { minlength: 10 }) counts 10 classes */
  minlength?: number;
}

/**
 * How often each of 0, 1, ..., max(x) occurs in x (numpy's bincount): x is 1-D and holds non-negative
 * integers (class labels); np.bincount(y) counts the examples of each class. With weights, each bin is the
 * sum of the weights of its elements. No gradient flows through it, as numpy has none.
 */
export function bincount(x: TensorLike, options?: BincountOptions): Tensor {
  checkOptions("bincount", options, ["weights", "minlength"]);
  const t = F.asTensor(x);
  if (t.ndim !== 1) throw new Error(`bincount: object too deep for desired array: x must be 1-D, got shape ${formatShape(t.shape)}; flatten it first (x.reshape(-1))`);
  const minlength = options?.minlength ?? 0;
  if (!Number.isInteger(minlength) || minlength < 0) throw new Error(`bincount: minlength must be a non-negative integer, got ${minlength}`);
  const w = options?.weights === undefined ? null : F.asTensor(options.weights);
  if (w !== null && !sameShape(w.shape, t.shape)) throw new Error(`bincount: The weights and list don't have the same length: x has shape ${formatShape(t.shape)}, weights ${formatShape(w.shape)}`);
  if (w?.needsGrad) throw new Error("bincount: no gradient flows through bincount (numpy has none); for a per-class sum that has one, multiply by a one-hot matrix: np.eye(k).slice(y).T.matmul(w)");
  let bins = minlength;
  t.data.forEach((v, i) => {
    if (!Number.isInteger(v)) throw new Error(`bincount: x must hold integers (class labels), got ${v} at [${i}] (numpy cannot cast float64 to int64 here)`);
    if (v < 0) throw new Error(`bincount: 'list' argument must have no negative elements, got ${v} at [${i}]`);
    bins = Math.max(bins, v + 1);
  });
  const out = new Float64Array(bins);
  t.data.forEach((v, i) => { out[v] += w === null ? 1 : w.data[i]; });
  return new Tensor(out, [bins]);
}
