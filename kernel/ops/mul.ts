// mul: C = A ⊙ B, elementwise (Hadamard) product.
// Backward: dL/dA = G ⊙ B and dL/dB = G ⊙ A: each input's local derivative is the other input.
import { defineOp } from "../autograd/op.ts";
import { binary } from "../tensor/elementwise.ts";
import { unbroadcast } from "../autograd/unbroadcast.ts";

export const mul = defineOp({
  name: "mul",
  tex: (n) => `${n.in[0]} \\odot ${n.in[1]}`,
  forward: ([a, b]) => binary("mul", a, b, (x, y) => x * y),
  backward: (g, [a, b]) => [unbroadcast(g.mul(b), a.shape), unbroadcast(g.mul(a), b.shape)],
  vjpTex: [(n) => `${n.g} \\odot ${n.in[1]}`, (n) => `${n.g} \\odot ${n.in[0]}`],
  factorTex: [(n) => n.in[1], (n) => n.in[0]],
});
