// log2 and log10: C = log_2 A and C = log_10 A (exact at powers of the base: log2(8) is 3).
// Backward: d(log_b A)/dA = 1 / (A ln b), so dL/dA = G / (A ln b).
import { defineOp } from "../autograd/op.ts";
import { unary, binary } from "../tensor/elementwise.ts";

export const log2 = defineOp({
  name: "log2",
  tex: (n) => `\\log_{2} ${n.in[0]}`,
  forward: ([a]) => unary(a, Math.log2),
  backward: (g, [a]) => [binary("log2.backward", g, a, (gi, x) => gi / (x * Math.LN2))],
  vjpTex: [(n) => `\\frac{${n.g}}{${n.in[0]} \\ln 2}`],
  factorTex: [(n) => `\\frac{1}{${n.in[0]} \\ln 2}`],
});

export const log10 = defineOp({
  name: "log10",
  tex: (n) => `\\log_{10} ${n.in[0]}`,
  forward: ([a]) => unary(a, Math.log10),
  backward: (g, [a]) => [binary("log10.backward", g, a, (gi, x) => gi / (x * Math.LN10))],
  vjpTex: [(n) => `\\frac{${n.g}}{${n.in[0]} \\ln 10}`],
  factorTex: [(n) => `\\frac{1}{${n.in[0]} \\ln 10}`],
});
