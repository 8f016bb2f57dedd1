// norm: c = (Σ |A|^p)^(1/p) over the given axes, the vector p-norm (p = 2: the length sqrt(Σ A²);
// p = 1: Σ |A|). np.linalg.norm builds the other norms (max, Frobenius, matrix 1 and inf) from this
// and from max and sum (see linalg.ts).
// Backward: dc/dA_i = sign(A_i) |A_i|^(p-1) / c^(p-1); for p = 2 that is A_i / c.
// Where c = 0 the norm has no derivative (|x| at 0); the gradient there is 0, as PyTorch's.
import { defineOp } from "../autograd/op.ts";
import { reduceAxes, keptShape } from "../tensor/reduce.ts";
import { unary, binary } from "../tensor/elementwise.ts";
import type { AxesAttrs } from "./sum.ts";
import type { Tensor } from "../tensor/tensor.ts";

export interface NormAttrs extends AxesAttrs {
  /** p: a finite number other than 0 (inf, -inf and 0 are max |A|, min |A| and a count, in linalg.ts) */
  ord: number;
  ndim: number;
}

export const norm = defineOp<NormAttrs>({
  name: "norm",
  tex: (n, a) => `\\lVert ${n.in[0]} \\rVert_{${a.ord}${a.axes.length === a.ndim ? "" : `,\\ \\text{axis}=${a.axes.join(",")}`}}`,
  // |A|^p first, then a plain sum: reduceAxes combines axis by axis, so squaring inside the
  // reduction would square the partial sums of the first axis again
  forward: ([x], a) => {
    const p = a.ord;
    const sum = (t: Tensor) => reduceAxes(t, a.axes, a.keepdims, 0, (acc, v) => acc + v);
    if (p === 2) return unary(sum(unary(x, (v) => v * v)), Math.sqrt);
    if (p === 1) return sum(unary(x, Math.abs));
    return unary(sum(unary(x, (v) => Math.abs(v) ** p)), (s) => s ** (1 / p));
  },
  backward: (g, [x], out, a) => {
    const p = a.ord;
    const c = out.reshape(keptShape(x.shape, a.axes));
    // G / c^(p-1), 0 where c = 0
    const scale = binary("norm.scale", g.reshape(keptShape(x.shape, a.axes)), c, (gi, ci) => (ci === 0 ? 0 : gi / ci ** (p - 1)));
    // sign(A) |A|^(p-1), 0 where A = 0 (for p < 1 that power is infinite there)
    const local = unary(x, p === 2 ? (v) => v : p === 1 ? Math.sign : (v) => (v === 0 ? 0 : Math.sign(v) * Math.abs(v) ** (p - 1)));
    return [local.mul(scale)];
  },
  vjpTex: [(n, a) => a.ord === 2 ? `${n.g} \\odot \\frac{${n.in[0]}}{${n.out}}` : `${n.g} \\odot \\frac{\\operatorname{sign}(${(n.bare ?? n.in)[0]}) \\lvert ${(n.bare ?? n.in)[0]} \\rvert^{${a.ord - 1}}}{{${n.out}}^{${a.ord - 1}}}`],
  factorTex: [(n, a) => a.ord === 2 ? `\\frac{${n.in[0]}}{${n.out}}` : `\\frac{\\operatorname{sign}(${(n.bare ?? n.in)[0]}) \\lvert ${(n.bare ?? n.in)[0]} \\rvert^{${a.ord - 1}}}{{${n.out}}^{${a.ord - 1}}}`],
});
