// negative: C = -A. Backward: dL/dA = -G.
import { defineOp } from "../autograd/op.ts";
import { unary } from "../tensor/elementwise.ts";

export const negative = defineOp({
  name: "negative",
  tex: (n) => `-${n.in[0]}`,
  forward: ([a]) => unary(a, (x) => -x),
  backward: (g) => [g.neg()],
  vjpTex: [(n) => `-${n.g}`],
  factorTex: [() => "-1"],
});
