// maximum: C = max(A, B) elementwise (numpy's np.maximum, not the reduction np.max).
// Backward: the gradient goes to whichever input was larger; on a tie it is split half and half
// (as PyTorch does), so the two shares still add up to G.
import { defineOp } from "../autograd/op.ts";
import { binary } from "../tensor/elementwise.ts";
import { unbroadcast } from "../autograd/unbroadcast.ts";

export const maximum = defineOp({
  name: "maximum",
  tex: (n) => `\\max(${n.in[0]}, ${n.in[1]})`,
  forward: ([a, b]) => binary("maximum", a, b, (x, y) => (x > y || x !== x ? x : y)),
  // skip an input that needs no gradient: np.maximum(Z, 0) has a constant 0 on the right
  backward: (g, [a, b], _out, _attrs, needs) => {
    const share = binary("maximum.backward", a, b, (x, y) => (x > y ? 1 : x === y ? 0.5 : 0));
    return [
      needs[0] ? unbroadcast(g.mul(share), a.shape) : null,
      needs[1] ? unbroadcast(g.mul(share.neg().add(1)), b.shape) : null,
    ];
  },
  vjpTex: [(n) => `${n.g} \\odot [${n.in[0]} > ${n.in[1]}]`, (n) => `${n.g} \\odot [${n.in[1]} > ${n.in[0]}]`],
  factorTex: [(n) => `[${n.in[0]} > ${n.in[1]}]`, (n) => `[${n.in[1]} > ${n.in[0]}]`],
});
