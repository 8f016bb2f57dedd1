// Composite ops: built only from primitives, so they need no backward of their own — autograd
// differentiates them through the primitives they are made of (as micrograd's a / b = a * b^-1).
import type { Tensor, TensorLike, ReduceOptions } from "../tensor/tensor.ts";
import { normalizeAxes, sizeOf } from "../tensor/shape.ts";
import { Tensor as TensorClass } from "../tensor/tensor.ts";
import * as F from "./functional.ts";

/** mean = sum / count over the axes. */
export function mean(x: TensorLike, options?: ReduceOptions): Tensor {
  const t = F.asTensor(x);
  const axes = normalizeAxes("mean", options?.axis, t.ndim);
  const count = sizeOf(axes.map((a) => t.shape[a]));
  return F.sum(t, options).div(count);
}

/** min A = -max(-A). */
export function min(x: TensorLike, options?: ReduceOptions): Tensor {
  normalizeAxes("min", options?.axis, F.asTensor(x).ndim);
  return F.max(F.negative(x), options).neg();
}

/** Variance, numpy's default ddof=0: mean((x - mean x)²). */
export function variance(x: TensorLike, options?: ReduceOptions & { ddof?: number }): Tensor {
  const t = F.asTensor(x);
  const axes = normalizeAxes("var", options?.axis, t.ndim);
  const count = sizeOf(axes.map((a) => t.shape[a]));
  const centred = t.sub(mean(t, { axis: axes, keepdims: true }));
  return F.sum(centred.mul(centred), { axis: axes, keepdims: options?.keepdims }).div(count - (options?.ddof ?? 0));
}
export const std = (x: TensorLike, options?: ReduceOptions & { ddof?: number }) => F.sqrt(variance(x, options));

/** clip(x, lo, hi) = min(max(x, lo), hi); null leaves that side open, as numpy's None. */
export function clip(x: TensorLike, lo: number | null, hi: number | null): Tensor {
  let t = F.asTensor(x);
  if (lo !== null) t = F.maximum(t, lo);
  if (hi !== null) t = F.minimum(t, hi);
  return t;
}

/**
 * log Σ e^x, stably: subtracting the max first keeps e^x from overflowing; the max is detached
 * because it cancels out of the result (its gradient would be zero anyway).
 */
export function logsumexp(x: TensorLike, options?: { axis?: number; keepdims?: boolean }): Tensor {
  const t = F.asTensor(x);
  const axis = options?.axis ?? -1;
  normalizeAxes("logsumexp", axis, t.ndim);
  const m = F.max(t, { axis, keepdims: true }).detach();
  const out = F.log(F.sum(F.exp(t.sub(m)), { axis, keepdims: true })).add(m);
  return options?.keepdims ? out : F.squeeze(out, axis);
}

/** softmax(z)_j = e^{z_j} / Σ_k e^{z_k} along an axis (the last by default). */
export function softmax(x: TensorLike, options?: { axis?: number }): Tensor {
  const t = F.asTensor(x);
  const axis = options?.axis ?? -1;
  normalizeAxes("softmax", axis, t.ndim);
  const e = F.exp(t.sub(F.max(t, { axis, keepdims: true }).detach()));
  return e.div(F.sum(e, { axis, keepdims: true }));
}

/** log softmax(z) = z - logsumexp(z): the stable way into cross-entropy. */
export function logSoftmax(x: TensorLike, options?: { axis?: number }): Tensor {
  const t = F.asTensor(x);
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
