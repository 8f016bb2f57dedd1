// log2 and log10: C = log_2 A and C = log_10 A (exact at powers of the base: log2(8) is 3).
// Backward: d(log_b A)/dA = 1 / (A ln b), so dL/dA = G / (A ln b).
import { defineOp } from "../autograd/op.ts";
import { unary, binary } from "../tensor/elementwise.ts";

function logBase(base: 2 | 10, log: (x: number) => number, lnBase: number) {
  const name = `log${base}`;
  return defineOp({
    name,
    tex: (n) => `\\log_{${base}} ${n.in[0]}`,
    forward: ([a]) => unary(a, log),
    backward: (g, [a]) => [binary(`${name}.backward`, g, a, (gi, x) => gi / (x * lnBase))],
    vjpTex: [(n) => `\\frac{${n.g}}{${n.in[0]} \\ln ${base}}`],
    factorTex: [(n) => `\\frac{1}{${n.in[0]} \\ln ${base}}`],
  });
}

export const log2 = logBase(2, Math.log2, Math.LN2);
export const log10 = logBase(10, Math.log10, Math.LN10);
