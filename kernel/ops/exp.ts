// exp: C = e^A. Backward: dL/dA = G ⊙ e^A = G ⊙ C (exp is its own derivative, so reuse the output).
import { defineOp } from "../autograd/op.ts";
import { unary } from "../tensor/elementwise.ts";

export const exp = defineOp({
  name: "exp",
  tex: (n) => `e^{${n.in[0]}}`,
  forward: ([a]) => unary(a, Math.exp, "exp"),
  backward: (g, _inputs, out) => [g.mul(out)],
  vjpTex: [(n) => `${n.g} \\odot e^{${(n.bare ?? n.in)[0]}}`],
  factorTex: [(n) => `e^{${(n.bare ?? n.in)[0]}}`],
});
