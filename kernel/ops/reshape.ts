// reshape: the same values in row-major order, read with a new shape (-1 infers one size).
// Backward: reshape G back to A's shape; no value changes, so no arithmetic is needed.
import { defineOp, sameDtype } from "../autograd/op.ts";
import { Tensor } from "../tensor/tensor.ts";

export const reshape = defineOp<{ shape: number[] }>({
  name: "reshape",
  dtype: sameDtype, // a mask stays a mask
  tex: (n) => n.in[0],
  // op outputs are immutable, so sharing the buffer is safe
  forward: ([a], { shape }) => new Tensor(a.data, shape),
  backward: (g, [a]) => [g.reshape(a.shape)],
  vjpTex: [(n) => `\\operatorname{reshape}(${n.g})`],
  factorTex: [() => "1"],
});
