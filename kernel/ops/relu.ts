// relu: C = max(0, A). Backward: dL/dA = G ⊙ [A > 0] (gradient passes where the unit was active;
// at exactly 0 we pass none, as PyTorch does).
import { defineOp } from "../autograd/op.ts";
import { unary, binary } from "../tensor/elementwise.ts";

export const relu = defineOp({
  name: "relu",
  tex: (n) => `\\operatorname{ReLU}(${n.in[0]})`,
  forward: ([a]) => unary(a, (x) => (x > 0 ? x : x === x ? 0 : x), "relu"),
  backward: (g, [a]) => [binary("relu.backward", g, a, (gi, x) => (x > 0 ? gi : 0))],
  vjpTex: [(n) => `${n.g} \\odot [${n.in[0]} > 0]`],
  factorTex: [(n) => `[${n.in[0]} > 0]`],
});
