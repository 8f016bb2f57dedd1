// Dropout (inverted): in training, each value is kept with probability 1 - rate and scaled up by
// 1 / (1 - rate), so the expected output equals the input and nothing changes at inference.
//   forward   M = [U ≥ rate] / (1 - rate),  U ~ uniform(0, 1)    the mask, "dropout_1/mask"
//             A = X ⊙ M                                         (training; A = X otherwise)
//   backward  dX = dA ⊙ M                                       mul's backward
// The mask comes from the layer's generator (its `seed`, or np.random), so a seed repeats it.
import type { Tensor } from "../../tensor/tensor.ts";
import { Tensor as TensorClass } from "../../tensor/tensor.ts";
import * as F from "../../ops/functional.ts";
import { checkOptions } from "../../tensor/options.ts";
import { Layer, LAYER_OPTIONS, type CallContext, type LayerOptions } from "../layer.ts";

export class Dropout extends Layer {
  readonly className = "Dropout";
  readonly rate: number;

  constructor(rate: number, options: LayerOptions = {}) {
    checkOptions("nn.Dropout", options, [...LAYER_OPTIONS]);
    super(options);
    if (typeof rate !== "number" || !(rate >= 0 && rate < 1)) throw new Error(`nn.Dropout: rate must be in [0, 1), got ${String(rate)}`);
    this.rate = rate;
  }

  protected call(x: Tensor, ctx: CallContext): Tensor {
    if (!ctx.training || this.rate === 0) return x;
    const u = this.rng.rand(x.shape).data;
    const keep = 1 / (1 - this.rate);
    const m = new Float64Array(u.length);
    for (let i = 0; i < u.length; i++) m[i] = u[i] >= this.rate ? keep : 0;
    const mask = this.keep("mask", new TensorClass(m, x.shape));
    return this.keep("A", F.mul(x, mask));
  }

  computeOutputShape(inputShape: number[]): number[] {
    return inputShape;
  }

  getConfig(): Record<string, unknown> {
    return { rate: this.rate };
  }
}
