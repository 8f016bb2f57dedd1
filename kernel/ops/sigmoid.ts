// sigmoid: C = σ(A) = 1 / (1 + e^-A). Backward: dL/dA = G ⊙ σ(A)(1 - σ(A)) = G ⊙ C(1 - C).
import { defineOp } from "../autograd/op.ts";
import { unary, binary } from "../tensor/elementwise.ts";

/** Numerically stable: never computes e^x for large positive x. */
function stableSigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

export const sigmoid = defineOp({
  name: "sigmoid",
  tex: (n) => `\\sigma(${(n.bare ?? n.in)[0]})`,
  forward: ([a]) => unary(a, stableSigmoid, "sigmoid"),
  backward: (g, _inputs, out) => [binary("sigmoid.backward", g, out, (gi, c) => gi * c * (1 - c))],
  vjpTex: [(n) => `${n.g} \\odot ${n.out} \\odot (1 - ${n.out})`],
  factorTex: [(n) => `\\sigma(${(n.bare ?? n.in)[0]})\\,(1 - \\sigma(${(n.bare ?? n.in)[0]}))`],
});
