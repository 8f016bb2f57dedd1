// max: c = max A over the given axes (numpy's np.max; for the elementwise max see maximum.ts).
// Backward: only the element(s) that were the maximum affect c, so G flows to them alone.
// Ties: G is split evenly between the elements that share the maximum, as PyTorch's amax/amin
// (torch.max(x, dim) instead gives it all to one index; np.max is amax).
import { defineOp, sameDtype } from "../autograd/op.ts";
import { reduceAxes, keptShape } from "../tensor/reduce.ts";
import type { AxesAttrs } from "./sum.ts";

export const max = defineOp<AxesAttrs & { ndim: number }>({
  name: "max",
  dtype: sameDtype, // np.max of a mask is a bool, as in numpy
  tex: (n, a) => `\\max${a.axes.length === a.ndim ? "" : `_{\\text{axis}=${a.axes.join(",")}}`} ${n.in[0]}`,
  forward: ([x], a) => {
    // an empty axis has no maximum; reducing a (0, 3) array along its 3 is fine (an empty result)
    if (a.axes.some((ax) => x.shape[ax] === 0)) throw new Error("max: zero-size array to reduction operation maximum which has no identity");
    // NaN propagates, as in numpy
    return reduceAxes(x, a.axes, a.keepdims, -Infinity, (acc, v) => (v > acc || v !== v ? v : acc), "max");
  },
  backward: (g, [x], out, a) => {
    const kept = keptShape(x.shape, a.axes);
    const isMax = x.equal(out.reshape(kept));
    const ties = isMax.sum({ axis: a.axes, keepdims: true });
    return [isMax.div(ties).mul(g.reshape(kept))];
  },
  vjpTex: [(n) => `${n.g} \\odot [${n.in[0]} = \\max ${n.in[0]}]`],
  factorTex: [(n) => `[${n.in[0]} = \\max ${n.in[0]}]`],
});
