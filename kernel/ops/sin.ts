// sin: C = sin(A), elementwise (radians, as numpy's np.sin).
// Backward: dL/dA = G ⊙ cos(A): the slope of sin is cos.
import { defineOp } from "../autograd/op.ts";
import { unary } from "../tensor/elementwise.ts";
import { binary } from "../tensor/elementwise.ts";

export const sin = defineOp({
  name: "sin",
  tex: (n) => `\\sin(${(n.bare ?? n.in)[0]})`,
  forward: ([a]) => unary(a, Math.sin),
  // one fused loop, g * cos(a), instead of computing cos(A) as a tensor and then multiplying
  backward: (g, [a]) => [binary("sin.backward", g, a, (gi, x) => gi * Math.cos(x))],
  vjpTex: [(n) => `${n.g} \\odot \\cos(${(n.bare ?? n.in)[0]})`],
  factorTex: [(n) => `\\cos(${(n.bare ?? n.in)[0]})`],
});
