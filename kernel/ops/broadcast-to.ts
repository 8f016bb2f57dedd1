// broadcastTo: C = A repeated along new or size-1 axes (numpy's np.broadcast_to).
// Backward: each element of A was copied into several places, so its gradient is the sum of G
// over those places: the sum over the broadcast axes.
import { defineOp, sameDtype } from "../autograd/op.ts";
import { Tensor } from "../tensor/tensor.ts";
import { broadcastTo as broadcastData } from "../tensor/elementwise.ts";
import { unbroadcast } from "../autograd/unbroadcast.ts";

export const broadcastTo = defineOp<{ shape: number[] }>({
  name: "broadcastTo",
  dtype: sameDtype, // a mask stays a mask
  tex: (n) => n.in[0],
  forward: ([a], { shape }) => new Tensor(broadcastData("broadcastTo", a, shape), shape),
  backward: (g, [a]) => [unbroadcast(g, a.shape)],
  vjpTex: [(n) => `\\textstyle\\sum_{\\text{broadcast axes}} ${n.g}`],
  factorTex: [() => "\\mathbf{1}"],
});
