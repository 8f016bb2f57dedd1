// mul: C = A ⊙ B, elementwise (Hadamard) product.
// Backward: dL/dA = G ⊙ B and dL/dB = G ⊙ A: each input's local derivative is the other input.
import { defineOp } from "../autograd/op.ts";
import { binary } from "../tensor/elementwise.ts";
import { unbroadcast } from "../autograd/unbroadcast.ts";

export const mul = defineOp({
  name: "mul",
  tex: (n) => `${n.in[0]} \\odot ${n.in[1]}`,
  forward: ([a, b]) => binary("mul", a, b, (x, y) => x * y),
  // an input that needs no gradient gets none: in Y ⊙ log P the one-hot labels Y are data
  backward: (g, [a, b], _out, _attrs, needs) => [
    needs[0] ? unbroadcast(g.mul(b), a.shape) : null,
    needs[1] ? unbroadcast(g.mul(a), b.shape) : null,
  ],
  vjpTex: [(n) => `${n.g} \\odot ${n.in[1]}`, (n) => `${n.g} \\odot ${n.in[0]}`],
  factorTex: [(n) => n.in[1], (n) => n.in[0]],
});
