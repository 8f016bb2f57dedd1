// Reductions along axes (sum, max, ...). A set of axes is reduced one contiguous block at a time:
// viewing the array as (outer, mid, inner) makes every reduction three plain nested loops.
import { Tensor } from "./tensor.ts";

export function reduceAxes(
  x: Tensor, axes: readonly number[], keepdims: boolean,
  init: number, combine: (acc: number, v: number) => number,
): Tensor {
  let data = x.data;
  let shape = [...x.shape];
  // reduce from the last axis so earlier axis numbers stay valid
  for (const axis of [...axes].sort((p, q) => q - p)) {
    const outer = shape.slice(0, axis).reduce((p, q) => p * q, 1);
    const mid = shape[axis];
    const inner = shape.slice(axis + 1).reduce((p, q) => p * q, 1);
    const out = new Float64Array(outer * inner).fill(init);
    for (let o = 0; o < outer; o++) {
      const base = o * mid * inner;
      const ob = o * inner;
      for (let m = 0; m < mid; m++) {
        const row = base + m * inner;
        for (let i = 0; i < inner; i++) out[ob + i] = combine(out[ob + i], data[row + i]);
      }
    }
    data = out;
    shape[axis] = 1;
  }
  const outShape = keepdims ? shape : shape.filter((_, i) => !axes.includes(i));
  return new Tensor(data, outShape);
}

/** The shape a reduction has with keepdims: reduced axes become 1 (so the result broadcasts back). */
export function keptShape(shape: readonly number[], axes: readonly number[]): number[] {
  return shape.map((d, i) => (axes.includes(i) ? 1 : d));
}
