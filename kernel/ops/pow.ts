// pow: C = A^B, elementwise (B is usually a constant like 2).
// Backward: dL/dA = G ⊙ B A^(B-1) (the power rule) and dL/dB = G ⊙ A^B ln A.
import { defineOp } from "../autograd/op.ts";
import { binary } from "../tensor/elementwise.ts";
import { unbroadcast } from "../autograd/unbroadcast.ts";

export const pow = defineOp({
  name: "pow",
  tex: (n) => `{${n.in[0]}}^{${n.in[1]}}`,
  forward: ([a, b]) => binary("pow", a, b, (x, y) => (y === 2 ? x * x : Math.pow(x, y))),
  backward: (g, [a, b], out) => [
    unbroadcast(g.mul(b).mul(a.pow(b.sub(1))), a.shape),
    // only computed when the exponent is itself a parameter; ln A is NaN for A < 0, as in PyTorch
    b.needsGrad ? unbroadcast(g.mul(out).mul(a.log()), b.shape) : null,
  ],
  vjpTex: [
    (n) => `${n.g} \\odot ${n.in[1]}\\,{${n.in[0]}}^{${n.in[1]} - 1}`,
    (n) => `${n.g} \\odot {${n.in[0]}}^{${n.in[1]}} \\ln ${n.in[0]}`,
  ],
  factorTex: [(n) => `${n.in[1]}\\,{${n.in[0]}}^{${n.in[1]} - 1}`, (n) => `{${n.in[0]}}^{${n.in[1]}} \\ln ${n.in[0]}`],
});
