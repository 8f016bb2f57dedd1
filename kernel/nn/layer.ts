// What every layer has (Keras's keras.layers.Layer, in small): a name, weights it creates once it
// knows its input's shape (build), a forward pass (call), and what the last forward pass produced.
// The backward pass is never written here: each layer's forward is made of the kernel's ops, and
// autograd differentiates through them. The layer files say which ops, and the resulting formulas.
import type { Tensor } from "../tensor/tensor.ts";
import type { RandomState } from "../tensor/random.ts";
import { formatShape } from "../tensor/shape.ts";
import { generator } from "./random.ts";
import type { Regularizer } from "./regularizers.ts";

export interface CallContext {
  /** fit's forward pass (dropout and noise on, batch statistics); false in predict and evaluate. */
  training: boolean;
}

/** A weight and what the model does with it. */
export interface Weight {
  /** "kernel", "bias", "gamma", "beta", "moving_mean", "moving_variance" (Keras's names) */
  name: string;
  value: Tensor;
  /** false for statistics a layer keeps (moving mean and variance): never updated by the optimiser. */
  trainable: boolean;
  regularizer?: Regularizer | null;
  /** its tensor's name in a trace, after the layer's: "W" -> "dense_1/W" */
  shownAs: string;
}

export interface LayerOptions {
  name?: string;
  /** the shape of one example, without the batch axis: [2] for points in the plane. */
  inputShape?: readonly number[];
  /** seed of this layer's own generator (initial weights, dropout masks); np.random otherwise. */
  seed?: number;
  trainable?: boolean;
}

export const LAYER_OPTIONS = ["name", "inputShape", "seed", "trainable"] as const;

/** A per-example shape with Keras's batch axis in front: (None, 2). */
export function batchShape(shape: readonly number[]): string {
  return shape.length === 0 ? "(None,)" : `(None, ${shape.join(", ")})`;
}

export abstract class Layer {
  abstract readonly className: string;
  /** its name in the model ("dense_1"); given by the model when not set. */
  name: string | null;
  /** the name its intermediates get in a trace: "dense_1", or "encoder/dense_1" inside a nested model. */
  scope = "";
  trainable: boolean;
  built = false;
  /** per-example input shape (no batch axis), known once built */
  inputShape: number[] | null;
  protected readonly rng: RandomState;
  /** the last forward pass's input and output (Keras's layer.output, as values). */
  input: Tensor | null = null;
  output: Tensor | null = null;
  /** the named intermediates of the last forward pass: {Z, A} for Dense, {mask} for Dropout. */
  intermediates: Record<string, Tensor> = {};
  protected weightList: Weight[] = [];

  constructor(options: LayerOptions = {}) {
    this.name = options.name ?? null;
    this.inputShape = options.inputShape ? [...options.inputShape] : null;
    this.trainable = options.trainable ?? true;
    this.rng = generator(options.seed);
  }

  /** Create the weights for inputs of this per-example shape. */
  protected build(_inputShape: number[]): void {}
  /** The forward pass. */
  protected abstract call(x: Tensor, ctx: CallContext): Tensor;
  /** The per-example output shape for a per-example input shape. */
  abstract computeOutputShape(inputShape: number[]): number[];
  /** Options to rebuild it (model.save()). */
  abstract getConfig(): Record<string, unknown>;

  ensureBuilt(inputShape: number[]): void {
    if (this.built) {
      const want = this.inputShape!;
      if (want.length !== inputShape.length || want.some((d, i) => d !== inputShape[i])) {
        throw new Error(`${this.label()}: expects inputs of shape ${batchShape(want)}, got ${batchShape(inputShape)}`);
      }
      return;
    }
    this.inputShape = [...inputShape];
    this.build(inputShape);
    this.built = true;
  }

  /** Run the layer on a batch (the first axis is the batch). */
  apply(x: Tensor, ctx: CallContext = { training: false }): Tensor {
    if (x.ndim < 1) throw new Error(`${this.label()}: expected a batch of inputs, got a scalar`);
    const want = this.built ? this.inputShape : null;
    if (want !== null && x.ndim === want.length && x.shape.every((d, i) => d === want[i])) {
      // Keras: "expected min_ndim=2, found ndim=1"; say what that means and what to write
      throw new Error(`${this.label()}: expects inputs of shape ${batchShape(want)}, got one example of shape ${formatShape(x.shape)} without the batch axis; for a batch of one write x.reshape(1, ${want.length === 1 ? "-1" : want.join(", ")})`);
    }
    this.ensureBuilt(x.shape.slice(1));
    this.input = x;
    this.intermediates = {};
    const out = this.call(x, ctx);
    this.output = out;
    return out;
  }

  /** Name an intermediate after the layer ("dense_1/Z") and keep it for inspection. */
  protected keep(key: string, t: Tensor): Tensor {
    this.intermediates[key] = t;
    return t.named(`${this.scope || this.name || this.className}/${key}`);
  }

  /** `name` is Keras's ("kernel"); `shownAs` the tensor's name in a trace ("W", so its gradient is "dense_1/dW"). */
  protected addWeight(name: string, value: Tensor, trainable: boolean, regularizer?: Regularizer | null, shownAs = name): Tensor {
    if (trainable) value.requiresGrad();
    this.weightList.push({ name, value, trainable, regularizer, shownAs });
    this.nameWeights();
    return value;
  }

  /** Name the weights' tensors after the layer (again when a model gives it a name or a scope). */
  nameWeights(): void {
    for (const w of this.weightList) w.value.named(`${this.scope || this.name || this.className}/${w.shownAs}`);
  }

  /** Every weight with its role, in Keras's order (kernel before bias). */
  weightEntries(): Weight[] {
    return this.weightList;
  }
  /** The tensors the optimiser updates. */
  get trainableWeights(): Tensor[] {
    return this.trainable ? this.weightEntries().filter((w) => w.trainable).map((w) => w.value) : [];
  }
  get weights(): Tensor[] {
    return this.weightEntries().map((w) => w.value);
  }
  countParams(): number {
    return this.weightEntries().reduce((n, w) => n + w.value.size, 0);
  }

  /** Copies of the weights, as Keras's get_weights(). */
  getWeights(): Tensor[] {
    return this.weights.map((w) => w.copy().detach());
  }
  /** Replace the weights' values (same shapes, same order as getWeights()). */
  setWeights(values: readonly Tensor[]): void {
    const ws = this.weights;
    if (values.length !== ws.length) throw new Error(`${this.label()}.setWeights: expected ${ws.length} arrays, got ${values.length}`);
    ws.forEach((w, i) => {
      const v = values[i];
      if (v.size !== w.size || v.ndim !== w.ndim || v.shape.some((d, k) => d !== w.shape[k])) {
        throw new Error(`${this.label()}.setWeights: weight ${i} has shape ${formatShape(w.shape)}, got ${formatShape(v.shape)}`);
      }
      w.data.set(v.data);
    });
  }

  /** Named regularisation terms (l1/l2 penalties on its weights), added to the loss. */
  regularizationLosses(): { name: string; value: Tensor }[] {
    const out: { name: string; value: Tensor }[] = [];
    for (const w of this.weightEntries()) {
      if (w.regularizer && w.trainable && this.trainable) {
        const name = `${this.scope || this.name}/${w.name}_regularizer`;
        out.push({ name, value: w.regularizer(w.value).named(name) });
      }
    }
    return out;
  }

  /** How errors name it: by its path inside a nested model ("decoder/dense_1", as a trace names it), where
   *  the encoder and the decoder of lesson 16 each have a "dense_1". */
  label(): string {
    const name = this.scope.includes("/") ? this.scope : this.name;
    return `${this.className}${name ? ` "${name}"` : ""}`;
  }

  toString(): string {
    return `<${this.className} name=${this.name ?? "(unnamed)"}, built=${this.built}>`;
  }
}
