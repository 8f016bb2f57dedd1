// Flatten: each example's values in one row, (batch, d1, d2, ...) -> (batch, d1·d2·...); no weights.
//   forward   A = reshape(X, (N, -1))
//   backward  dX = reshape(dA, shape of X)      reshape's backward
import type { Tensor } from "../../tensor/tensor.ts";
import * as F from "../../ops/functional.ts";
import { checkOptions } from "../../tensor/options.ts";
import { Layer, LAYER_OPTIONS, type CallContext, type LayerOptions } from "../layer.ts";

export class Flatten extends Layer {
  readonly className = "Flatten";

  constructor(options: LayerOptions = {}) {
    checkOptions("nn.Flatten", options, [...LAYER_OPTIONS]);
    super(options);
  }

  protected call(x: Tensor, _ctx: CallContext): Tensor {
    return x.ndim === 2 ? x : this.keep("A", F.reshape(x, [x.shape[0], x.size / Math.max(1, x.shape[0])]));
  }

  computeOutputShape(inputShape: number[]): number[] {
    return [inputShape.reduce((a, b) => a * b, 1)];
  }

  getConfig(): Record<string, unknown> {
    return {};
  }
}
