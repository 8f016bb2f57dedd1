// cos: C = cos(A), elementwise (radians, as numpy's np.cos).
// Backward: dL/dA = -G ⊙ sin(A): the slope of cos is -sin.
import { defineOp } from "../autograd/op.ts";
import { unary } from "../tensor/elementwise.ts";
import { binary } from "../tensor/elementwise.ts";

export const cos = defineOp({
  name: "cos",
  tex: (n) => `\\cos(${(n.bare ?? n.in)[0]})`,
  forward: ([a]) => unary(a, Math.cos),
  // one fused loop, -g * sin(a)
  backward: (g, [a]) => [binary("cos.backward", g, a, (gi, x) => -gi * Math.sin(x))],
  vjpTex: [(n) => `-${n.g} \\odot \\sin(${(n.bare ?? n.in)[0]})`],
  factorTex: [(n) => `-\\sin(${(n.bare ?? n.in)[0]})`],
});
