// expm1: C = e^A - 1, exact for tiny A (where e^A - 1 would lose every digit to rounding).
// Backward: dL/dA = G ⊙ e^A = G ⊙ (C + 1).
import { defineOp } from "../autograd/op.ts";
import { unary, binary } from "../tensor/elementwise.ts";

export const expm1 = defineOp({
  name: "expm1",
  tex: (n) => `e^{${n.in[0]}} - 1`,
  forward: ([a]) => unary(a, Math.expm1),
  backward: (g, [a]) => [binary("expm1.backward", g, a, (gi, x) => gi * Math.exp(x))],
  vjpTex: [(n) => `${n.g} \\odot e^{${(n.bare ?? n.in)[0]}}`],
  factorTex: [(n) => `e^{${(n.bare ?? n.in)[0]}}`],
});
