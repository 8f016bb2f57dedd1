// tan: C = tan(A), elementwise (radians, as numpy's np.tan).
// Backward: dL/dA = G ⊙ (1 + tan²(A)) = G ⊙ (1 + C²): like tanh, the derivative reuses the output.
import { defineOp } from "../autograd/op.ts";
import { unary, binary } from "../tensor/elementwise.ts";

export const tan = defineOp({
  name: "tan",
  tex: (n) => `\\tan(${n.in[0]})`,
  forward: ([a]) => unary(a, Math.tan),
  backward: (g, _inputs, out) => [binary("tan.backward", g, out, (gi, c) => gi * (1 + c * c))],
  vjpTex: [(n) => `${n.g} \\odot \\left(1 + {${n.out}}^{2}\\right)`],
  factorTex: [(n) => `1 + \\tan^{2}(${(n.bare ?? n.in)[0]})`],
});
