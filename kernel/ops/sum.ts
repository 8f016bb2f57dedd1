// sum: c = Σ A over the given axes (numpy's np.sum(A, {axis, keepdims})).
// Backward: every element of A contributed with weight 1, so dL/dA is G copied (broadcast) back
// over the summed axes. Forward sum <-> backward broadcast; forward broadcast <-> backward sum.
import { defineOp } from "../autograd/op.ts";
import { reduceAxes, keptShape } from "../tensor/reduce.ts";

export interface AxesAttrs {
  axes: number[];
  keepdims: boolean;
}

const axisTex = (a: AxesAttrs, ndim: number) =>
  a.axes.length === ndim ? "" : `_{\\text{axis}=${a.axes.join(",")}}`;

export const sum = defineOp<AxesAttrs & { ndim: number }>({
  name: "sum",
  tex: (n, a) => `\\sum${axisTex(a, a.ndim)} ${n.in[0]}`,
  forward: ([x], a) => reduceAxes(x, a.axes, a.keepdims, 0, (acc, v) => acc + v, "sum"),
  backward: (g, [x], _out, a) => [g.reshape(keptShape(x.shape, a.axes)).broadcastTo(x.shape)],
  vjpTex: [(n) => `\\mathbf{1}\\, ${n.g}`],
  factorTex: [() => "\\mathbf{1}"],
});
