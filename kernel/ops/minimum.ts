// minimum: C = min(A, B) elementwise. Backward: the gradient goes to the smaller input (split on ties).
import { defineOp } from "../autograd/op.ts";
import { binary } from "../tensor/elementwise.ts";
import { unbroadcast } from "../autograd/unbroadcast.ts";

export const minimum = defineOp({
  name: "minimum",
  tex: (n) => `\\min(${n.in[0]}, ${n.in[1]})`,
  forward: ([a, b]) => binary("minimum", a, b, (x, y) => (x < y || x !== x ? x : y)),
  // skip an input that needs no gradient: np.minimum(Z, 0) has a constant 0 on the right
  backward: (g, [a, b], _out, _attrs, needs) => {
    const share = binary("minimum.backward", a, b, (x, y) => (x < y ? 1 : x === y ? 0.5 : 0));
    return [
      needs[0] ? unbroadcast(g.mul(share), a.shape) : null,
      needs[1] ? unbroadcast(g.mul(share.neg().add(1)), b.shape) : null,
    ];
  },
  vjpTex: [(n) => `${n.g} \\odot [${n.in[0]} < ${n.in[1]}]`, (n) => `${n.g} \\odot [${n.in[1]} < ${n.in[0]}]`],
  factorTex: [(n) => `[${n.in[0]} < ${n.in[1]}]`, (n) => `[${n.in[1]} < ${n.in[0]}]`],
});
