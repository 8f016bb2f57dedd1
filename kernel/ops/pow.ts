// pow: C = A^B, elementwise (B is usually a constant like 2).
// Backward: dL/dA = G ⊙ B A^(B-1) (the power rule) and dL/dB = G ⊙ A^B ln A.
import { defineOp } from "../autograd/op.ts";
import { binary } from "../tensor/elementwise.ts";
import { unbroadcast } from "../autograd/unbroadcast.ts";

// d(A^B)/dA = B A^(B-1), except that A^0 = 1 is constant (this avoids 0 · 0^-1 = NaN at A = 0);
// d(A^B)/dB = A^B ln A, except that 0^B is constant for B >= 0 (avoids 0 · -inf = NaN). As in PyTorch.
const dA = (x: number, y: number) => (y === 0 ? 0 : y * Math.pow(x, y - 1));
const dB = (x: number, y: number) => (x === 0 && y >= 0 ? 0 : Math.pow(x, y) * Math.log(x));

export const pow = defineOp({
  name: "pow",
  tex: (n) => `{${n.in[0]}}^{${n.in[1]}}`,
  forward: ([a, b]) => binary("pow", a, b, (x, y) => (y === 2 ? x * x : Math.pow(x, y))),
  backward: (g, [a, b], _out, _attrs, needs) => [
    needs[0] ? unbroadcast(g.mul(binary("pow.backward", a, b, dA)), a.shape) : null,
    // only computed when the exponent is itself a parameter (X ** 2 has the constant 2);
    // ln A is NaN for A < 0, as in PyTorch
    needs[1] ? unbroadcast(g.mul(binary("pow.backward", a, b, dB)), b.shape) : null,
  ],
  vjpTex: [
    (n) => `${n.g} \\odot ${n.in[1]}\\,{${n.in[0]}}^{${n.in[1]} - 1}`,
    (n) => `${n.g} \\odot {${n.in[0]}}^{${n.in[1]}} \\log ${n.in[0]}`,
  ],
  factorTex: [(n) => `${n.in[1]}\\,{${n.in[0]}}^{${n.in[1]} - 1}`, (n) => `{${n.in[0]}}^{${n.in[1]}} \\log ${n.in[0]}`],
});
