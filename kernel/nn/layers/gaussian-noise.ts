// GaussianNoise: adds noise in training only (a denoising autoencoder's corruption); no weights.
//   forward   A = X + E,  E ~ N(0, stddev²)     "gaussian_noise_1/noise"  (A = X at inference)
//   backward  dX = dA                          add's backward
import type { Tensor } from "../../tensor/tensor.ts";
import * as F from "../../ops/functional.ts";
import { checkOptions } from "../../tensor/options.ts";
import { Layer, LAYER_OPTIONS, type CallContext, type LayerOptions } from "../layer.ts";

export class GaussianNoise extends Layer {
  readonly className = "GaussianNoise";
  readonly stddev: number;

  constructor(stddev: number, options: LayerOptions = {}) {
    checkOptions("nn.GaussianNoise", options, [...LAYER_OPTIONS]);
    super(options);
    if (typeof stddev !== "number" || !(stddev >= 0)) throw new Error(`nn.GaussianNoise: stddev must be a non-negative number, got ${String(stddev)}`);
    this.stddev = stddev;
  }

  protected call(x: Tensor, ctx: CallContext): Tensor {
    if (!ctx.training || this.stddev === 0) return x;
    const noise = this.keep("noise", this.rng.normal(0, this.stddev, x.shape));
    return this.keep("A", F.add(x, noise));
  }

  computeOutputShape(inputShape: number[]): number[] {
    return inputShape;
  }

  getConfig(): Record<string, unknown> {
    return { stddev: this.stddev };
  }
}
