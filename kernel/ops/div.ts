// div: C = A / B, elementwise.
// Backward: dL/dA = G / B and dL/dB = -G ⊙ A / B².
import { defineOp } from "../autograd/op.ts";
import { binary } from "../tensor/elementwise.ts";
import { unbroadcast } from "../autograd/unbroadcast.ts";

export const div = defineOp({
  name: "div",
  tex: (n) => `\\frac{${n.in[0]}}{${n.in[1]}}`,
  forward: ([a, b]) => binary("div", a, b, (x, y) => x / y),
  // an input that needs no gradient gets none: mean(x) = sum(x) / n divides by a constant n, and
  // -G ⊙ A / B² would be four full-size operations and a sum, computed only to be thrown away
  backward: (g, [a, b], _out, _attrs, needs) => [
    needs[0] ? unbroadcast(g.div(b), a.shape) : null,
    needs[1] ? unbroadcast(g.mul(a).div(b.mul(b)).neg(), b.shape) : null,
  ],
  vjpTex: [(n) => `\\frac{${n.g}}{${(n.bare ?? n.in)[1]}}`, (n) => `-${n.g} \\odot \\frac{${(n.bare ?? n.in)[0]}}{{${n.in[1]}}^{2}}`],
  factorTex: [(n) => `\\frac{1}{${(n.bare ?? n.in)[1]}}`, (n) => `-\\frac{${(n.bare ?? n.in)[0]}}{{${n.in[1]}}^{2}}`],
});
