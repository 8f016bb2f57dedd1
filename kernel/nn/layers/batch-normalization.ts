// BatchNormalization over the batch axis (Keras's keras.layers.BatchNormalization; momentum 0.99,
// epsilon 1e-3 by default).
//   training   μ = mean(X, axis 0),  σ² = mean((X - μ)², axis 0)     (biased, as Keras)
//              X̂ = (X - μ) / √(σ² + ε)
//              A = γ ⊙ X̂ + β
//              moving_mean ← momentum · moving_mean + (1 - momentum) · μ
//              moving_variance ← momentum · moving_variance + (1 - momentum) · σ²
//   inference  X̂ = (X - moving_mean) / √(moving_variance + ε)
//   backward   through sub, mean, square, sqrt, div, mul, add: with the batch statistics depending on
//              X, dX = γ/√(σ²+ε) · (dX̂ - mean(dX̂) - X̂ ⊙ mean(dX̂ ⊙ X̂)), row by row;
//              dγ = Σ_rows dA ⊙ X̂,  dβ = Σ_rows dA
// PyTorch's BatchNorm1d has momentum' = 1 - momentum and keeps the unbiased variance in its running
// average; the fixtures compare the forward pass and gradients, and the moving averages with Keras's rule.
import type { Tensor } from "../../tensor/tensor.ts";
import * as F from "../../ops/functional.ts";
import * as C from "../../ops/composites.ts";
import { noGrad } from "../../autograd/mode.ts";
import { checkOptions } from "../../tensor/options.ts";
import { Layer, LAYER_OPTIONS, type CallContext, type LayerOptions } from "../layer.ts";
import { INITIALIZERS } from "../initializers.ts";

export interface BatchNormalizationOptions extends LayerOptions {
  momentum?: number;
  epsilon?: number;
  center?: boolean;
  scale?: boolean;
}

export class BatchNormalization extends Layer {
  readonly className = "BatchNormalization";
  readonly momentum: number;
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  gamma: Tensor | null = null;
  beta: Tensor | null = null;
  movingMean: Tensor | null = null;
  movingVariance: Tensor | null = null;

  constructor(options: BatchNormalizationOptions = {}) {
    checkOptions("nn.BatchNormalization", options, [...LAYER_OPTIONS, "momentum", "epsilon", "center", "scale"]);
    super(options);
    this.momentum = options.momentum ?? 0.99;
    this.epsilon = options.epsilon ?? 1e-3;
    this.center = options.center ?? true;
    this.scale = options.scale ?? true;
  }

  protected override build(inputShape: number[]): void {
    const shape = [inputShape[inputShape.length - 1]];
    if (this.scale) this.gamma = this.addWeight("gamma", INITIALIZERS.ones(shape, this.rng), true);
    if (this.center) this.beta = this.addWeight("beta", INITIALIZERS.zeros(shape, this.rng), true);
    this.movingMean = this.addWeight("moving_mean", INITIALIZERS.zeros(shape, this.rng), false);
    this.movingVariance = this.addWeight("moving_variance", INITIALIZERS.ones(shape, this.rng), false);
  }

  protected call(x: Tensor, ctx: CallContext): Tensor {
    const axes = x.shape.slice(0, -1).map((_, i) => i);
    let xhat: Tensor;
    if (ctx.training) {
      const mean = this.keep("mean", C.mean(x, { axis: axes }));
      const centred = F.sub(x, mean);
      const variance = this.keep("variance", C.mean(F.square(centred), { axis: axes }));
      xhat = F.div(centred, F.sqrt(F.add(variance, this.epsilon)));
      noGrad(() => {
        this.movingMean!.assign(F.add(F.mul(this.movingMean!, this.momentum), F.mul(mean, 1 - this.momentum)));
        this.movingVariance!.assign(F.add(F.mul(this.movingVariance!, this.momentum), F.mul(variance, 1 - this.momentum)));
      });
    } else {
      xhat = F.div(F.sub(x, this.movingMean!), F.sqrt(F.add(this.movingVariance!, this.epsilon)));
    }
    this.keep("xhat", xhat);
    let out = xhat;
    if (this.gamma) out = F.mul(out, this.gamma);
    if (this.beta) out = F.add(out, this.beta);
    return this.keep("A", out);
  }

  computeOutputShape(inputShape: number[]): number[] {
    return inputShape;
  }

  getConfig(): Record<string, unknown> {
    return { momentum: this.momentum, epsilon: this.epsilon, center: this.center, scale: this.scale };
  }
}
