// Rows of a data set: checking X and y agree, taking a batch of rows, splitting off validation data.
import type { Tensor, TensorLike } from "../tensor/tensor.ts";
import { Tensor as TensorClass } from "../tensor/tensor.ts";
import * as F from "../ops/functional.ts";
import { formatShape } from "../tensor/shape.ts";

export function asData(where: string, what: string, x: TensorLike | undefined): Tensor {
  if (x === undefined || x === null) throw new Error(`${where}: ${what} is missing`);
  const t = F.asTensor(x);
  if (t.ndim < 1) throw new Error(`${where}: ${what} must have a batch axis (one row per example), got a scalar`);
  return t;
}

export function checkRows(where: string, x: Tensor, y: Tensor): void {
  if (x.shape[0] !== y.shape[0]) throw new Error(`${where}: x has ${x.shape[0]} rows ${formatShape(x.shape)} but y has ${y.shape[0]} ${formatShape(y.shape)}`);
}

/** Rows `idx[start:end]` of x, copied (no op recorded: data is not part of the model's graph). */
export function rows(x: Tensor, idx: ArrayLike<number>, start = 0, end = idx.length): Tensor {
  const rowSize = x.shape[0] === 0 ? 0 : x.size / x.shape[0];
  const out = new Float64Array((end - start) * rowSize);
  for (let i = start; i < end; i++) out.set(x.data.subarray(idx[i] * rowSize, (idx[i] + 1) * rowSize), (i - start) * rowSize);
  const t = new TensorClass(out, [end - start, ...x.shape.slice(1)]);
  t.dtype = x.dtype;
  return t;
}

export function range(n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => i);
}
