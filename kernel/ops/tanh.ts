// tanh: C = tanh(A) = (e^A - e^-A) / (e^A + e^-A), the lecture notes' activation.
// Backward: dL/dA = G ⊙ (1 - tanh²(A)) = G ⊙ (1 - C²): the derivative reuses the forward output.
import { defineOp } from "../autograd/op.ts";
import { unary } from "../tensor/elementwise.ts";
import { binary } from "../tensor/elementwise.ts";

export const tanh = defineOp({
  name: "tanh",
  tex: (n) => `\\tanh(${n.in[0]})`,
  forward: ([a]) => unary(a, Math.tanh, "tanh"),
  // one fused loop, g * (1 - c^2): this runs once per tanh layer per epoch
  backward: (g, _inputs, out) => [binary("tanh.backward", g, out, (gi, c) => gi * (1 - c * c))],
  vjpTex: [(n) => `${n.g} \\odot \\left(1 - {${n.out}}^{2}\\right)`],
  factorTex: [(n) => `1 - \\tanh^{2}(${(n.bare ?? n.in)[0]})`],
});
