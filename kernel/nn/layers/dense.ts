// Dense: a fully connected layer.
//   forward   Z = X W + b            (batch, in)(in, units) + (units,) -> (batch, units)
//             A = g(Z)               its activation (linear by default)
//   backward  dZ = dA ⊙ g'(Z)        (softmax: dZ = (dA - Σ dA ⊙ A) ⊙ A, per row)
//             dW = Xᵀ dZ             matmul's backward
//             db = Σ_rows dZ         add's backward: b was broadcast over the batch
//             dX = dZ Wᵀ
// The ops that do it: matmul, add, and the activation's ops; autograd applies their backward passes.
import type { Tensor } from "../../tensor/tensor.ts";
import * as F from "../../ops/functional.ts";
import { checkOptions } from "../../tensor/options.ts";
import { Layer, LAYER_OPTIONS, type CallContext, type LayerOptions } from "../layer.ts";
import { activation, type Activation, type ActivationName } from "../activations.ts";
import { initializer, type Initializer, type InitializerName } from "../initializers.ts";
import { regularizerFromConfig, type Regularizer } from "../regularizers.ts";

export interface DenseOptions extends LayerOptions {
  /** a name ("relu") or one of nn.activations (nn.activations.relu), as Keras takes either */
  activation?: ActivationName | ((z: Tensor) => Tensor) | null;
  useBias?: boolean;
  kernelInitializer?: InitializerName | Initializer;
  biasInitializer?: InitializerName | Initializer;
  kernelRegularizer?: Regularizer | null;
  biasRegularizer?: Regularizer | null;
}

export class Dense extends Layer {
  readonly className = "Dense";
  readonly units: number;
  readonly activation: Activation;
  readonly useBias: boolean;
  private readonly options: DenseOptions;
  kernel: Tensor | null = null;
  bias: Tensor | null = null;

  constructor(units: number, options: DenseOptions = {}) {
    checkOptions("nn.Dense", options, [...LAYER_OPTIONS, "activation", "useBias", "kernelInitializer", "biasInitializer", "kernelRegularizer", "biasRegularizer"]);
    super(options);
    if (!Number.isInteger(units) || units < 1) throw new Error(`nn.Dense: units must be a positive integer, got ${String(units)}`);
    this.units = units;
    this.activation = activation(options.activation, "nn.Dense");
    this.useBias = options.useBias ?? true;
    this.options = options;
  }

  protected override build(inputShape: number[]): void {
    if (inputShape.length !== 1) throw new Error(`${this.label()}: expects rows of features, shape (None, n); got per-example shape (${inputShape.join(", ")}): add nn.Flatten() before it`);
    const init = initializer(this.options.kernelInitializer ?? "glorotUniform", "nn.Dense");
    this.kernel = this.addWeight("kernel", init([inputShape[0], this.units], this.rng), true, this.options.kernelRegularizer, "W");
    if (this.useBias) {
      const binit = initializer(this.options.biasInitializer ?? "zeros", "nn.Dense");
      this.bias = this.addWeight("bias", binit([this.units], this.rng), true, this.options.biasRegularizer, "b");
    }
  }

  protected call(x: Tensor, _ctx: CallContext): Tensor {
    const xw = F.matmul(x, this.kernel!);
    const z = this.keep("Z", this.bias ? F.add(xw, this.bias) : xw);
    if (this.activation.name === "linear") return z;
    return this.keep("A", this.activation.fn(z));
  }

  /** Z of the last forward pass (the logits, for losses computed stably from them). */
  get preActivation(): Tensor | null {
    return this.intermediates.Z ?? null;
  }

  computeOutputShape(inputShape: number[]): number[] {
    return [...inputShape.slice(0, -1), this.units];
  }

  getConfig(): Record<string, unknown> {
    return {
      units: this.units,
      activation: this.activation.name,
      useBias: this.useBias,
      kernelRegularizer: this.options.kernelRegularizer?.config ?? null,
      biasRegularizer: this.options.biasRegularizer?.config ?? null,
    };
  }

  static fromConfig(c: Record<string, unknown>, base: LayerOptions): Dense {
    return new Dense(c.units as number, {
      ...base,
      activation: c.activation as ActivationName,
      useBias: c.useBias as boolean,
      kernelRegularizer: regularizerFromConfig(c.kernelRegularizer as Regularizer["config"] | null),
      biasRegularizer: regularizerFromConfig(c.biasRegularizer as Regularizer["config"] | null),
    });
  }
}
