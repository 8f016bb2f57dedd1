// softmax: P = softmax(Z) along an axis, p_j = e^{z_j} / Σ_k e^{z_k}: scores to probabilities (lesson 09).
// One step each way, as the derivation has it, not the five pieces it is computed from.
//
// Forward, stably: p_j = e^{z_j - m} / Σ_k e^{z_k - m} with m = max_k z_k (the e^{-m} cancels), so e^z never
// overflows however large the scores; exp runs through the kernel's backend, as the exp op does.
// Backward: ∂p_j/∂z_k = p_j (δ_jk - p_k), so with G = ∂L/∂P
//   ∂L/∂z_k = Σ_j G_j p_j (δ_jk - p_k) = p_k (G_k - Σ_j G_j p_j),   ∂L/∂Z = P ⊙ (G - Σ_axis G ⊙ P)
import { defineOp, apply } from "../autograd/op.ts";
import { Tensor, type TensorLike } from "../tensor/tensor.ts";
import { normalizeAxes } from "../tensor/shape.ts";
import { checkOptions } from "../tensor/options.ts";
import { asTensor } from "./functional.ts";
import { mapValues } from "./softmax-cross-entropy.ts";

export interface SoftmaxAttrs {
  /** the axis the probabilities sum to 1 along (0 <= axis < ndim) */
  axis: number;
  ndim: number;
}

/** x seen as (outer, mid, inner) around `axis`: element (o, j, i) is at (o mid + j) inner + i. */
function around(shape: readonly number[], axis: number): [number, number, number] {
  const outer = shape.slice(0, axis).reduce((a, b) => a * b, 1);
  const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  return [outer, shape[axis], inner];
}

/** The subscript of an axis other than the last (a row's softmax, the usual one, needs none). */
const axisTex = (a: SoftmaxAttrs) => (a.axis === a.ndim - 1 ? "" : `_{\\text{axis}=${a.axis}}`);
/** Σ over the softmax's axis, as the sum op writes it (over a vector's only axis: no subscript). */
const sumTex = (a: SoftmaxAttrs) => (a.ndim <= 1 ? "\\sum" : `\\sum_{\\text{axis}=${a.axis}}`);

export const softmaxOp = defineOp<SoftmaxAttrs>({
  name: "softmax",
  tex: (n, a) => `\\operatorname{softmax}${axisTex(a)}(${(n.bare ?? n.in)[0]})`,
  forward: ([z], { axis }) => {
    const [outer, mid, inner] = around(z.shape, axis);
    const shifted = new Float64Array(z.size);
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        const at = o * mid * inner + i;
        let m = -Infinity;
        for (let j = 0; j < mid; j++) m = Math.max(m, z.data[at + j * inner]);
        for (let j = 0; j < mid; j++) shifted[at + j * inner] = z.data[at + j * inner] - m;
      }
    }
    const e = mapValues("exp", shifted);
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        const at = o * mid * inner + i;
        let s = 0;
        for (let j = 0; j < mid; j++) s += e[at + j * inner];
        for (let j = 0; j < mid; j++) e[at + j * inner] /= s;
      }
    }
    return new Tensor(e, z.shape);
  },
  backward: (g, [z], p, { axis }) => {
    const [outer, mid, inner] = around(z.shape, axis);
    const d = new Float64Array(z.size);
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        const at = o * mid * inner + i;
        let gp = 0;
        for (let j = 0; j < mid; j++) gp += g.data[at + j * inner] * p.data[at + j * inner];
        for (let j = 0; j < mid; j++) d[at + j * inner] = p.data[at + j * inner] * (g.data[at + j * inner] - gp);
      }
    }
    return [new Tensor(d, z.shape)];
  },
  vjpTex: [(n, a) => `${n.out} \\odot \\left(${n.g} - ${sumTex(a)} ${n.g} \\odot ${n.out}\\right)`],
  // the Jacobian along the axis, as lesson 09 derives it: ∂p_j/∂z_k = p_j (δ_jk - p_k)
  factorTex: [(n) => `{${n.out}}_{j} \\left(\\delta_{jk} - {${n.out}}_{k}\\right)`],
});

/** softmax(z)_j = e^{z_j} / Σ_k e^{z_k} along an axis (the last by default). */
export function softmax(x: TensorLike, options?: { axis?: number }): Tensor {
  const t = asTensor(x);
  const [axis] = normalizeAxes("softmax", checkOptions("softmax", options, ["axis"])?.axis ?? -1, t.ndim);
  return apply(softmaxOp, [t], { axis, ndim: t.ndim });
}
