// log1p: C = ln(1 + A), computed without forming 1 + A, so it stays exact for tiny A
// (ln(1 + 1e-17) is 1e-17, but 1 + 1e-17 rounds to 1 and its log to 0).
// Backward: dL/dA = G / (1 + A).
import { defineOp } from "../autograd/op.ts";
import { unary, binary } from "../tensor/elementwise.ts";

export const log1p = defineOp({
  name: "log1p",
  tex: (n) => `\\log(1 + ${n.in[0]})`,
  forward: ([a]) => unary(a, Math.log1p),
  backward: (g, [a]) => [binary("log1p.backward", g, a, (gi, x) => gi / (1 + x))],
  vjpTex: [(n) => `\\frac{${n.g}}{1 + ${n.in[0]}}`],
  factorTex: [(n) => `\\frac{1}{1 + ${n.in[0]}}`],
});
