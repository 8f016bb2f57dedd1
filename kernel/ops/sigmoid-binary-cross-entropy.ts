// sigmoidBinaryCrossEntropy: L = -(1/N) Σ [y log σ(z) + (1 - y) log(1 - σ(z))], the binary
// cross-entropy of logits z against targets y in [0, 1] (same shape), averaged over all N elements.
// As PyTorch's F.binary_cross_entropy_with_logits(z, y).
//
// Forward, stably: the same sum written max(z, 0) - z y + log(1 + e^{-|z|}), which never takes the
// log of 0 or the exp of a large number.
// Backward: σ'(z) = σ(z)(1 - σ(z)) cancels the 1/σ and 1/(1 - σ) of the logs:
//   ∂L/∂z = (σ(z) - y) / N,   ∂L/∂y = -z / N.
import { defineOp, apply } from "../autograd/op.ts";
import { Tensor, type TensorLike } from "../tensor/tensor.ts";
import { formatShape, sameShape } from "../tensor/shape.ts";
import { asTensor } from "./functional.ts";

function stableSigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

export const sigmoidBinaryCrossEntropyOp = defineOp<{ n: number }>({
  name: "sigmoidBinaryCrossEntropy",
  tex: (n) => `-\\frac{1}{N} \\sum \\left[${n.in[1]} \\odot \\ln \\sigma(${n.in[0]}) + (1 - ${n.in[1]}) \\odot \\ln\\left(1 - \\sigma(${n.in[0]})\\right)\\right]`,
  forward: ([z, y]) => {
    let total = 0;
    for (let i = 0; i < z.size; i++) {
      const x = z.data[i];
      total += Math.max(x, 0) - x * y.data[i] + Math.log1p(Math.exp(-Math.abs(x)));
    }
    return new Tensor(new Float64Array([total / z.size]), []);
  },
  backward: (g, [z, y], _out, { n }, needs) => {
    const scale = g.data[0] / n;
    return [
      needs[0] ? new Tensor(z.data.map((x, i) => scale * (stableSigmoid(x) - y.data[i])), [...z.shape]) : null,
      needs[1] ? new Tensor(z.data.map((x) => -scale * x), [...z.shape]) : null,
    ];
  },
  vjpTex: [
    (n, a) => `${upstream(n.g)}\\frac{\\sigma(${n.in[0]}) - ${n.in[1]}}{N},\\quad N = ${a.n}`,
    (n, a) => `-${upstream(n.g)}\\frac{${n.in[0]}}{N},\\quad N = ${a.n}`,
  ],
  factorTex: [(n) => `\\frac{\\sigma(${n.in[0]}) - ${n.in[1]}}{N}`, (n) => `-\\frac{${n.in[0]}}{N}`],
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
