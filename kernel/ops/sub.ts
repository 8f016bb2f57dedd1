// sub: C = A - B. Backward: dL/dA = G, dL/dB = -G (each reduced over broadcast axes).
import { defineOp } from "../autograd/op.ts";
import { binary } from "../tensor/elementwise.ts";
import { unbroadcast } from "../autograd/unbroadcast.ts";

export const sub = defineOp({
  name: "sub",
  tex: (n) => `${n.in[0]} - ${n.in[1]}`,
  forward: ([a, b]) => binary("sub", a, b, (x, y) => x - y),
  // skip an input that needs no gradient (Z - max(Z).detach() in softmax: no -G for the max)
  backward: (g, [a, b], _out, _attrs, needs) => [
    needs[0] ? unbroadcast(g, a.shape) : null,
    needs[1] ? unbroadcast(g.neg(), b.shape) : null,
  ],
  vjpTex: [(n) => n.g, (n) => `-${n.g}`],
  factorTex: [() => "1", () => "-1"],
});
