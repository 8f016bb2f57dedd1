// The backward half of broadcasting: a forward pass that stretched a (16,) bias over 300 rows
// must sum the 300 rows of gradient back into 16 numbers. Used by every broadcasting op.
import type { Tensor } from "../tensor/tensor.ts";
import { sameShape } from "../tensor/shape.ts";

export function unbroadcast(g: Tensor, shape: readonly number[]): Tensor {
  if (sameShape(g.shape, shape)) return g;
  const lead = g.ndim - shape.length;
  const axes: number[] = [];
  for (let i = 0; i < g.ndim; i++) {
    if (i < lead || (shape[i - lead] === 1 && g.shape[i] !== 1)) axes.push(i);
  }
  return g.sum({ axis: axes, keepdims: true }).reshape([...shape]);
}
