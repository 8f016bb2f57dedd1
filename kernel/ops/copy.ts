// copy: C = A, in new memory. Backward: G passes through unchanged.
// astype: C = A as float64 numbers (a mask of 0s and 1s becomes numbers a product can scale); the same
// values, so the same formula and backward (a mask needs no gradient; float64 to float64 is a copy).
import { defineOp, sameDtype } from "../autograd/op.ts";
import { Tensor } from "../tensor/tensor.ts";

const sameValues = {
  tex: (n: { in: string[] }) => n.in[0],
  forward: ([a]: Tensor[]) => new Tensor(a.data.slice(), a.shape),
  backward: (g: Tensor) => [g],
  vjpTex: [(n: { g: string }) => n.g],
  factorTex: [() => "1"],
};

export const copy = defineOp({ name: "copy", dtype: sameDtype, ...sameValues }); // a mask stays a mask
export const astype = defineOp({ name: "astype", ...sameValues }); // no dtype given: float64
