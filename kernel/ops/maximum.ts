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
  backward: (g, [a, b]) => {
    const share = binary("maximum.backward", a, b, (x, y) => (x > y ? 1 : x === y ? 0.5 : 0));
    return [unbroadcast(g.mul(share), a.shape), unbroadcast(g.mul(share.neg().add(1)), b.shape)];
  },
  vjpTex: [(n) => `${n.g} \\odot \\mathbb{1}[${n.in[0]} > ${n.in[1]}]`, (n) => `${n.g} \\odot \\mathbb{1}[${n.in[1]} > ${n.in[0]}]`],
  factorTex: [(n) => `\\mathbb{1}[${n.in[0]} > ${n.in[1]}]`, (n) => `\\mathbb{1}[${n.in[1]} > ${n.in[0]}]`],
});
