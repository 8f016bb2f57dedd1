// argmax / argmin: the index of the largest (smallest) value along an axis, or in the flattened
// array when no axis is given, as numpy. Indices are integers, so no gradient flows.
import { defineOp } from "../autograd/op.ts";
import { Tensor } from "../tensor/tensor.ts";
import { sizeOf } from "../tensor/shape.ts";

function argBest(x: Tensor, axis: number | null, keepdims: boolean, better: (v: number, best: number) => boolean): Tensor {
  // an empty axis has no best element; along a non-empty axis of an empty array the result is empty
  if (axis === null ? x.size === 0 : x.shape[axis] === 0) throw new Error("argmax: attempt to get argmax of an empty sequence");
  const shape = axis === null ? x.shape.map(() => 1) : [...x.shape];
  const ax = axis ?? 0;
  const outer = axis === null ? 1 : sizeOf(x.shape.slice(0, ax));
  const mid = axis === null ? x.size : x.shape[ax];
  const inner = axis === null ? 1 : sizeOf(x.shape.slice(ax + 1));
  const out = new Float64Array(outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let best = x.data[o * mid * inner + i];
      let at = 0;
      for (let m = 1; m < mid; m++) {
        const v = x.data[(o * mid + m) * inner + i];
        if (best !== best) break; // NaN wins, as in numpy
        if (better(v, best) || v !== v) { best = v; at = m; }
      }
      out[o * inner + i] = at;
    }
  }
  if (axis !== null) shape[ax] = 1;
  const finalShape = keepdims ? shape : axis === null ? [] : shape.filter((_, i) => i !== ax);
  return new Tensor(out, finalShape);
}

export const argmax = defineOp<{ axis: number | null; keepdims: boolean }>({
  name: "argmax",
  tex: (n) => `\\operatorname{argmax} ${n.in[0]}`,
  forward: ([x], a) => argBest(x, a.axis, a.keepdims, (v, best) => v > best),
});

export const argmin = defineOp<{ axis: number | null; keepdims: boolean }>({
  name: "argmin",
  tex: (n) => `\\operatorname{argmin} ${n.in[0]}`,
  forward: ([x], a) => argBest(x, a.axis, a.keepdims, (v, best) => v < best),
});
