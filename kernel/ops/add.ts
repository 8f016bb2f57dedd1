// add: C = A + B (with numpy broadcasting).
// Backward: dL/dA = G and dL/dB = G, each summed over the axes that were broadcast in the forward pass.
// That sum is why a bias gradient is db = sum(dZ, axis 0): b was added to every row of XW.
import { defineOp } from "../autograd/op.ts";
import { binary } from "../tensor/elementwise.ts";
import { unbroadcast } from "../autograd/unbroadcast.ts";

export const add = defineOp({
  name: "add",
  tex: (n) => `${n.in[0]} + ${n.in[1]}`,
  forward: ([a, b]) => binary("add", a, b, (x, y) => x + y),
  // an input that needs no gradient (a constant, the data) gets none: the sum over its broadcast axes is skipped
  backward: (g, [a, b], _out, _attrs, needs) => [
    needs[0] ? unbroadcast(g, a.shape) : null,
    needs[1] ? unbroadcast(g, b.shape) : null,
  ],
  vjpTex: [(n) => n.g, (n) => n.g],
  factorTex: [() => "1", () => "1"],
});
