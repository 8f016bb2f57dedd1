// copy: C = A, in new memory. Backward: G passes through unchanged.
import { defineOp, sameDtype } from "../autograd/op.ts";
import { Tensor } from "../tensor/tensor.ts";

export const copy = defineOp({
  name: "copy",
  dtype: sameDtype, // a mask stays a mask
  tex: (n) => n.in[0],
  forward: ([a]) => new Tensor(a.data.slice(), a.shape),
  backward: (g) => [g],
  vjpTex: [(n) => n.g],
  factorTex: [() => "1"],
});
