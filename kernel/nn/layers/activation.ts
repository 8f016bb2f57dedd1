// Activation: applies a function elementwise (softmax: along the last axis); no weights.
//   forward   A = g(Z)                     (the formulas are in ../activations.ts)
//   backward  dZ = dA ⊙ g'(Z)              through the ops g is made of (tanh, sigmoid, relu, where, exp, ...)
import type { Tensor } from "../../tensor/tensor.ts";
import { checkOptions } from "../../tensor/options.ts";
import { Layer, LAYER_OPTIONS, type CallContext, type LayerOptions } from "../layer.ts";
import { activation, type Activation as ActivationFn, type ActivationName } from "../activations.ts";

export class Activation extends Layer {
  readonly className = "Activation";
  readonly activation: ActivationFn;

  constructor(name: ActivationName | ((z: Tensor) => Tensor), options: LayerOptions = {}) {
    checkOptions("nn.Activation", options, [...LAYER_OPTIONS]);
    super(options);
    this.activation = activation(name, "nn.Activation");
  }

  protected call(x: Tensor, _ctx: CallContext): Tensor {
    return this.keep("A", this.activation.fn(x));
  }

  /** its input: the logits when this is the model's last, softmax or sigmoid, layer */
  get preActivation(): Tensor | null {
    return this.input;
  }

  computeOutputShape(inputShape: number[]): number[] {
    return inputShape;
  }

  getConfig(): Record<string, unknown> {
    return { activation: this.activation.name };
  }
}
