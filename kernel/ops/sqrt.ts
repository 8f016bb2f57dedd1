// sqrt: C = √A. Backward: dL/dA = G / (2√A) = G / (2C).
import { defineOp } from "../autograd/op.ts";
import { unary } from "../tensor/elementwise.ts";

export const sqrt = defineOp({
  name: "sqrt",
  tex: (n) => `\\sqrt{${n.in[0]}}`,
  forward: ([a]) => unary(a, Math.sqrt, "sqrt"),
  backward: (g, _inputs, out) => [g.div(out.mul(2))],
  vjpTex: [(n) => `\\frac{${n.g}}{2\\sqrt{${(n.bare ?? n.in)[0]}}}`],
  factorTex: [(n) => `\\frac{1}{2\\sqrt{${(n.bare ?? n.in)[0]}}}`],
});
