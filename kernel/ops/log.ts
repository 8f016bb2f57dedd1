// log: C = log A, the natural log (ln), as numpy's log and the lessons' log. Backward: dL/dA = G / A.
import { defineOp } from "../autograd/op.ts";
import { unary } from "../tensor/elementwise.ts";

export const log = defineOp({
  name: "log",
  tex: (n) => `\\log ${n.in[0]}`,
  forward: ([a]) => unary(a, Math.log, "log"),
  backward: (g, [a]) => [g.div(a)],
  vjpTex: [(n) => `\\frac{${n.g}}{${(n.bare ?? n.in)[0]}}`],
  factorTex: [(n) => `\\frac{1}{${(n.bare ?? n.in)[0]}}`],
});
