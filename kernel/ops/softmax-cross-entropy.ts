// softmaxCrossEntropy: L = -(1/n) Σ_i Σ_j Y_ij log softmax(Z)_ij, the categorical cross-entropy of
// logits Z (n, k) against targets Y (n, k) (one-hot rows, or probabilities), averaged over the n rows.
// As PyTorch's F.cross_entropy(Z, Y) with probabilities as targets.
//
// Forward, stably: log softmax(z)_j = z_j - lse(z) with lse(z) = m + log Σ_k e^{z_k - m}, m = max_k z_k,
// so e^z never overflows however large the logits. exp and log run through the kernel's backend, as the
// exp and log ops do, so a model gives the same bits in Node and in the browser.
// Backward: the Jacobian of softmax and the 1/p of the log cancel (lesson 09's derivation) and leave
//   ∂L/∂Z = (P - Y) / n,  P = softmax(Z)
// for rows of Y that sum to 1; in general (P ⊙ Σ_j Y_ij - Y) / n. And ∂L/∂Y = -log softmax(Z) / n.
import { defineOp, apply } from "../autograd/op.ts";
import { Tensor, type TensorLike } from "../tensor/tensor.ts";
import { formatShape, sameShape } from "../tensor/shape.ts";
import { asTensor } from "./functional.ts";
import { unary } from "../tensor/elementwise.ts";

/** exp or log of every value, through the kernel's backend (the same bits in Node and in a browser). */
export function mapValues(name: "exp" | "log", values: Float64Array): Float64Array {
  return unary(new Tensor(values, [values.length]), name === "exp" ? Math.exp : Math.log, name).data;
}

/** log softmax of each row of a (n, k) array. */
function logSoftmaxRows(z: Tensor): Float64Array {
  const [n, k] = z.shape;
  const shifted = new Float64Array(n * k);
  const maxes = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let m = -Infinity;
    for (let j = 0; j < k; j++) m = Math.max(m, z.data[i * k + j]);
    if (!Number.isFinite(m)) m = 0; // all -Infinity: -Infinity, as PyTorch (not -inf - -inf = NaN)
    maxes[i] = m;
    for (let j = 0; j < k; j++) shifted[i * k + j] = z.data[i * k + j] - m;
  }
  const e = mapValues("exp", shifted);
  const sums = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) sums[i] += e[i * k + j];
  const logSums = mapValues("log", sums);
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const lse = maxes[i] + logSums[i];
    for (let j = 0; j < k; j++) out[i * k + j] = z.data[i * k + j] - lse;
  }
  return out;
}

export const softmaxCrossEntropyOp = defineOp<{ n: number }>({
  name: "softmaxCrossEntropy",
  tex: (n) => `-\\frac{1}{n} \\sum ${n.in[1]} \\odot \\log \\operatorname{softmax}(${(n.bare ?? n.in)[0]})`,
  forward: ([z, y]) => {
    const logP = logSoftmaxRows(z);
    let total = 0;
    for (let i = 0; i < logP.length; i++) if (y.data[i] !== 0) total += y.data[i] * logP[i];
    return new Tensor(new Float64Array([-total / z.shape[0]]), []);
  },
  backward: (g, [z, y], _out, { n }, needs) => {
    const [rows, k] = z.shape;
    const logP = logSoftmaxRows(z);
    const scale = g.data[0] / n;
    let dz: Tensor | null = null;
    if (needs[0]) {
      const p = mapValues("exp", logP);
      const d = new Float64Array(rows * k);
      for (let i = 0; i < rows; i++) {
        let ySum = 0;
        for (let j = 0; j < k; j++) ySum += y.data[i * k + j];
        for (let j = 0; j < k; j++) d[i * k + j] = scale * (p[i * k + j] * ySum - y.data[i * k + j]);
      }
      dz = new Tensor(d, [rows, k]);
    }
    const dy = needs[1] ? new Tensor(logP.map((v) => -scale * v), [rows, k]) : null;
    return [dz, dy];
  },
  vjpTex: [
    (n, a) => `${upstream(n.g)}\\frac{P - ${n.in[1]}}{n},\\quad P = \\operatorname{softmax}(${(n.bare ?? n.in)[0]}),\\ n = ${a.n}`,
    (n, a) => `-${upstream(n.g)}\\frac{\\log \\operatorname{softmax}(${(n.bare ?? n.in)[0]})}{n},\\quad n = ${a.n}`,
  ],
  factorTex: [(n) => `\\frac{P - ${n.in[1]}}{n}`, (n) => `-\\frac{\\log \\operatorname{softmax}(${(n.bare ?? n.in)[0]})}{n}`],
});

/** G ⊙ in front of a rule, unless G is 1 (the loss itself). */
const upstream = (g: string) => (g === "1" ? "" : `${g} \\odot `);

/**
 * The mean categorical cross-entropy of logits (n, k) against targets (n, k): one step forward, and
 * one step back, ∂L/∂logits = (softmax(logits) - Y) / n.
 */
export function softmaxCrossEntropy(logits: TensorLike, targets: TensorLike): Tensor {
  const z = asTensor(logits), y = asTensor(targets);
  if (z.ndim !== 2) throw new Error(`softmaxCrossEntropy: logits must be 2-D (rows, classes), got shape ${formatShape(z.shape)}`);
  if (!sameShape(z.shape, y.shape)) {
    throw new Error(`softmaxCrossEntropy: logits ${formatShape(z.shape)} and targets ${formatShape(y.shape)} must have the same shape (one-hot or probability rows; np.oneHot(labels, k) makes them)`);
  }
  if (z.shape[0] === 0) throw new Error("softmaxCrossEntropy: no rows (the mean of nothing)");
  return apply(softmaxCrossEntropyOp, [z, y], { n: z.shape[0] });
}
