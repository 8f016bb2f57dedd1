// Composite ops: built only from primitives, so they need no backward of their own — autograd
// differentiates them through the primitives they are made of (as micrograd's a / b = a * b^-1).
import type { Tensor, TensorLike, ReduceOptions, Axis } from "../tensor/tensor.ts";
import { normalizeAxes, sizeOf } from "../tensor/shape.ts";
import { Tensor as TensorClass } from "../tensor/tensor.ts";
import { checkOptions } from "../tensor/options.ts";
import * as F from "./functional.ts";

/** mean = sum / count over the axes (NaN for an empty axis: 0 / 0, as numpy). */
export function mean(x: TensorLike, options?: ReduceOptions): Tensor {
  const t = F.asTensor(x);
  const { axes } = F.axesAttrs("mean", t, options);
  const count = sizeOf(axes.map((a) => t.shape[a]));
  return F.sum(t, options).div(count);
}

/** min A = -max(-A). */
export function min(x: TensorLike, options?: ReduceOptions): Tensor {
  const t = F.asTensor(x);
  const { axes } = F.axesAttrs("min", t, options);
  if (axes.some((ax) => t.shape[ax] === 0)) throw new Error("min: zero-size array to reduction operation minimum which has no identity");
  // a mask's min is "and": computed as not(max(not mask)), since numpy refuses to negate bools
  if (t.dtype === "bool") return F.logicalNot(F.max(F.logicalNot(t), options));
  return F.max(F.negative(t), options).neg();
}

export interface VarOptions extends ReduceOptions {
  /** divide by N - ddof (numpy's default 0; 1 gives the unbiased sample variance) */
  ddof?: number;
}

/** Variance, numpy's default ddof=0: mean((x - mean x)²). */
export function variance(x: TensorLike, options?: VarOptions): Tensor {
  const t = F.asTensor(x);
  checkOptions("var", options, ["axis", "keepdims", "ddof"]);
  const axes = normalizeAxes("var", options?.axis, t.ndim);
  const count = sizeOf(axes.map((a) => t.shape[a]));
  const centred = t.sub(mean(t, { axis: axes, keepdims: true }));
  return F.sum(centred.mul(centred), { axis: axes, keepdims: options?.keepdims }).div(count - (options?.ddof ?? 0));
}
export const std = (x: TensorLike, options?: VarOptions) => {
  checkOptions("std", options, ["axis", "keepdims", "ddof"]);
  return F.sqrt(variance(x, options));
};

/**
 * log Σ e^x, stably: subtracting the max first keeps e^x from overflowing; the max is detached
 * because it cancels out of the result (its gradient would be zero anyway). An infinite max is
 * replaced by 0, as PyTorch does, so all -Infinity gives -Infinity (not -inf - -inf = NaN).
 * The last axis by default (scipy.special.logsumexp's default is every axis).
 */
export function logsumexp(x: TensorLike, options?: { axis?: Axis; keepdims?: boolean }): Tensor {
  const t = F.asTensor(x);
  checkOptions("logsumexp", options, ["axis", "keepdims"]);
  const axis = options?.axis === undefined ? -1 : options.axis;
  const axes = normalizeAxes("logsumexp", axis, t.ndim);
  const max = F.max(t, { axis: axes, keepdims: true }).detach();
  const m = F.where(F.isfinite(max), max, 0);
  const out = F.log(F.sum(F.exp(t.sub(m)), { axis: axes, keepdims: true })).add(m);
  return options?.keepdims ? out : F.squeeze(out, axes);
}

// softmax is an op of its own (softmax.ts): one step each way, as lesson 09 derives it
export { softmax } from "./softmax.ts";

/** log softmax(z) = z - logsumexp(z): the stable way into cross-entropy. */
export function logSoftmax(x: TensorLike, options?: { axis?: number }): Tensor {
  const t = F.asTensor(x);
  checkOptions("logSoftmax", options, ["axis"]);
  return t.sub(logsumexp(t, { axis: options?.axis ?? -1, keepdims: true }));
}

/** One-hot rows: labels [0, 2] with 3 classes -> [[1, 0, 0], [0, 0, 1]]. */
export function oneHot(labels: TensorLike, numClasses?: number): Tensor {
  const y = F.asTensor(labels);
  const n = numClasses ?? (y.size === 0 ? 0 : Math.max(...y.data) + 1);
  const out = new Float64Array(y.size * n);
  y.data.forEach((label, i) => {
    if (!Number.isInteger(label) || label < 0 || label >= n) {
      throw new Error(`oneHot: label ${label} at index ${i} is not an integer in [0, ${n})`);
    }
    out[i * n + label] = 1;
  });
  return new TensorClass(out, [...y.shape, n]);
}
