// sigmoidBinaryCrossEntropy: L = -(1/N) Σ [y log σ(z) + (1 - y) log(1 - σ(z))], the binary
// cross-entropy of logits z against targets y in [0, 1] (same shape), averaged over all N elements.
// As PyTorch's F.binary_cross_entropy_with_logits(z, y).
//
// Forward, stably: the same sum written max(z, 0) - z y + log(1 + e^{-|z|}), which never takes the
// log of 0 or the exp of a large number (exp and log through the kernel's backend: the same bits in
// Node and in the browser).
// Backward: σ'(z) = σ(z)(1 - σ(z)) cancels the 1/σ and 1/(1 - σ) of the logs:
//   ∂L/∂z = (σ(z) - y) / N,   ∂L/∂y = -z / N.
import { defineOp, apply } from "../autograd/op.ts";
import { Tensor, type TensorLike } from "../tensor/tensor.ts";
import { formatShape, sameShape } from "../tensor/shape.ts";
import { asTensor } from "./functional.ts";
import { mapValues } from "./softmax-cross-entropy.ts";

/** log(1 + e) for e in [0, 1], accurate to a few ulp from log alone (Goldberg's trick: the rounding of 1 + e cancels). */
function log1pSmall(e: number, logOfOnePlus: number): number {
  const u = 1 + e;
  return u === 1 ? e : (logOfOnePlus * e) / (u - 1);
}

/** max(z, 0) - z y + log(1 + e^{-|z|}) for every element, exp and log through the kernel's backend. */
function elementLosses(z: Tensor, y: Tensor): Float64Array {
  const e = mapValues("exp", z.data.map((x) => -Math.abs(x)));
  const logs = mapValues("log", e.map((v) => 1 + v));
  return z.data.map((x, i) => Math.max(x, 0) - x * y.data[i] + log1pSmall(e[i], logs[i]));
}

/** σ(z) for every element without overflow: 1 / (1 + e^{-z}) for z ≥ 0, e^{z} / (1 + e^{z}) below. */
function sigmoids(z: Tensor): Float64Array {
  const e = mapValues("exp", z.data.map((x) => -Math.abs(x)));
  return z.data.map((x, i) => (x >= 0 ? 1 / (1 + e[i]) : e[i] / (1 + e[i])));
}

export const sigmoidBinaryCrossEntropyOp = defineOp<{ n: number }>({
  name: "sigmoidBinaryCrossEntropy",
  tex: (n) => `-\\frac{1}{N} \\sum \\left[${n.in[1]} \\odot \\log \\sigma(${(n.bare ?? n.in)[0]}) + (1 - ${n.in[1]}) \\odot \\log\\left(1 - \\sigma(${(n.bare ?? n.in)[0]})\\right)\\right]`,
  forward: ([z, y]) => {
    let total = 0;
    for (const v of elementLosses(z, y)) total += v;
    return new Tensor(new Float64Array([total / z.size]), []);
  },
  backward: (g, [z, y], _out, { n }, needs) => {
    const scale = g.data[0] / n;
    return [
      needs[0] ? new Tensor(sigmoids(z).map((p, i) => scale * (p - y.data[i])), [...z.shape]) : null,
      needs[1] ? new Tensor(z.data.map((x) => -scale * x), [...z.shape]) : null,
    ];
  },
  vjpTex: [
    (n, a) => `${upstream(n.g)}\\frac{\\sigma(${(n.bare ?? n.in)[0]}) - ${n.in[1]}}{N},\\quad N = ${a.n}`,
    (n, a) => `-${upstream(n.g)}\\frac{${n.in[0]}}{N},\\quad N = ${a.n}`,
  ],
  factorTex: [(n) => `\\frac{\\sigma(${(n.bare ?? n.in)[0]}) - ${n.in[1]}}{N}`, (n) => `-\\frac{${n.in[0]}}{N}`],
});

const upstream = (g: string) => (g === "1" ? "" : `${g} \\odot `);

/** The mean binary cross-entropy of logits against 0/1 (or probability) targets of the same shape. */
export function sigmoidBinaryCrossEntropy(logits: TensorLike, targets: TensorLike): Tensor {
  const z = asTensor(logits), y = asTensor(targets);
  if (!sameShape(z.shape, y.shape)) {
    throw new Error(`sigmoidBinaryCrossEntropy: logits ${formatShape(z.shape)} and targets ${formatShape(y.shape)} must have the same shape`);
  }
  if (z.size === 0) throw new Error("sigmoidBinaryCrossEntropy: no elements (the mean of nothing)");
  return apply(sigmoidBinaryCrossEntropyOp, [z, y], { n: z.size });
}
