// cumsum: C_i = A_0 + A_1 + ... + A_i along one axis (numpy's np.cumsum; np.cumsum flattens first
// when no axis is given, see functional.ts).
// Backward: A_j appears in every C_i with i >= j, so dL/dA_j = G_j + G_{j+1} + ... : the running sum
// of G taken from the other end (a reversed cumsum).
import { defineOp } from "../autograd/op.ts";
import { Tensor } from "../tensor/tensor.ts";
import { sizeOf } from "../tensor/shape.ts";

/** Running sums along `axis`, front to back or back to front, with the array viewed as (outer, mid, inner). */
function scan(x: Tensor, axis: number, reverse: boolean): Tensor {
  const outer = sizeOf(x.shape.slice(0, axis));
  const mid = x.shape[axis];
  const inner = sizeOf(x.shape.slice(axis + 1));
  const src = x.data;
  const out = new Float64Array(src.length);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let acc = 0;
      for (let k = 0; k < mid; k++) {
        const at = (o * mid + (reverse ? mid - 1 - k : k)) * inner + i;
        acc += src[at];
        out[at] = acc;
      }
    }
  }
  return new Tensor(out, x.shape);
}

export const cumsum = defineOp<{ axis: number }>({
  name: "cumsum",
  tex: (n, a) => `\\operatorname{cumsum}_{\\text{axis}=${a.axis}}(${n.in[0]})`,
  forward: ([x], { axis }) => scan(x, axis, false),
  backward: (g, _inputs, _out, { axis }) => [scan(g, axis, true)],
  vjpTex: [(n) => `\\operatorname{cumsum}^{\\leftarrow}(${n.g})`],
  factorTex: [() => "[j \\le i]"],
});
