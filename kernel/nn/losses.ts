// Losses, as Keras's keras.losses: each averages a per-example loss over the batch (Keras's
// "sum_over_batch_size"), and is made of the kernel's ops, so autograd gives its gradient.
//   meanSquaredError              mean((y - p)²)                          dL/dp = 2 (p - y) / N
//   meanAbsoluteError             mean(|y - p|)                           dL/dp = sign(p - y) / N
//   huber (δ = 1)                 mean(½ e² if |e| ≤ δ, else δ(|e| - ½δ))   e = p - y
//   binaryCrossentropy            -mean(y log p + (1 - y) log(1 - p))
//     fromLogits (z, p = σ(z))    mean(max(z, 0) - z y + log(1 + e^{-|z|}))   dL/dz = (σ(z) - y) / N
//   categoricalCrossentropy       -mean_rows Σ_k y_k log p_k
//     fromLogits                  -mean_rows Σ_k y_k logsoftmax(z)_k       dL/dz = (softmax(z) - y) / N
//   sparseCategoricalCrossentropy the same with integer labels (one-hot taken for you)
// Without fromLogits, probabilities are clipped to [1e-7, 1 - 1e-7] before the log, as Keras does
// (and categoricalCrossentropy first rescales each row to sum to 1, as Keras does).
// With fromLogits, the cross-entropies are the kernel's fused, stable ops (one step forward, one step
// back in a trace): np.sigmoidBinaryCrossEntropy, whose backward is (σ(z) - y) / N, and
// np.softmaxCrossEntropy, whose backward is (softmax(Z) - Y) / n.
//
// A model whose last layer is sigmoid or softmax computes these losses from its logits Z instead of
// its probabilities (./train-step.ts), as tf.keras does when the output carries its logits. Keras's
// 1e-7 clipping then does not happen: where every probability lies in [1e-7, 1 - 1e-7] the value and
// gradient are the same as Keras's probability form (tests/fixtures/nn/losses.json, "keras_output_*"),
// and beyond it the loss keeps growing (-log p exactly, e.g. 1e4 at logits ±1e4, where the clipped
// form stops at -log 1e-7 ≈ 16.1 and its gradient is 0) instead of saturating.
import { Tensor, type TensorLike } from "../tensor/tensor.ts";
import * as F from "../ops/functional.ts";
import * as C from "../ops/composites.ts";
import { softmaxCrossEntropy } from "../ops/softmax-cross-entropy.ts";
import { sigmoidBinaryCrossEntropy } from "../ops/sigmoid-binary-cross-entropy.ts";
import { checkOptions } from "../tensor/options.ts";
import { formatShape } from "../tensor/shape.ts";

const EPSILON = 1e-7;

export type LossName =
  | "meanSquaredError" | "meanAbsoluteError" | "huber"
  | "binaryCrossentropy" | "categoricalCrossentropy" | "sparseCategoricalCrossentropy";

export interface LossConfig {
  name: LossName;
  fromLogits: boolean;
  delta?: number;
}

/** A loss: call it as loss(yTrue, yPred) for a scalar tensor. */
export interface Loss {
  (yTrue: TensorLike, yPred: Tensor): Tensor;
  config: LossConfig;
  tex: string;
}

/** The short names Keras also accepts. */
export const LOSS_ALIASES: Record<string, LossName> = {
  mse: "meanSquaredError", mae: "meanAbsoluteError",
  mean_squared_error: "meanSquaredError", mean_absolute_error: "meanAbsoluteError",
  binary_crossentropy: "binaryCrossentropy", categorical_crossentropy: "categoricalCrossentropy",
  sparse_categorical_crossentropy: "sparseCategoricalCrossentropy",
};

function sameShape(where: string, y: Tensor, p: Tensor): Tensor {
  if (y.ndim === p.ndim && y.shape.every((d, i) => d === p.shape[i])) return y;
  // a column of targets for a (N, 1) output, or the other way round
  if (y.size === p.size && p.ndim === 2 && p.shape[1] === 1 && y.ndim === 1) {
    if (y.needsGrad) return F.reshape(y, p.shape);
    // targets are data: the same values as a column, without a reshape step in a trace
    const column = new Tensor(y.data, [...p.shape]);
    return y.name === null ? column : column.named(y.name);
  }
  throw new Error(`${where}: yTrue has shape ${formatShape(y.shape)} but yPred has shape ${formatShape(p.shape)}`);
}

/** Labels 0..k-1 (shape (N,) or (N, 1)) as one-hot rows for k classes. */
function sparseToOneHot(where: string, y: Tensor, p: Tensor): Tensor {
  const k = p.shape[p.ndim - 1];
  const n = p.size / k;
  if (y.size !== n) throw new Error(`${where}: expected ${n} integer labels for yPred of shape ${formatShape(p.shape)}, got yTrue of shape ${formatShape(y.shape)}`);
  for (let i = 0; i < y.size; i++) {
    const v = y.data[i];
    if (!Number.isInteger(v) || v < 0 || v >= k) throw new Error(`${where}: label ${v} at index ${i} is not an integer in [0, ${k})`);
  }
  const Y = F.reshape(C.oneHot(F.reshape(y, [n]), k), p.shape);
  // the labels y of a training step (./train-step.ts) become the one-hot Y of the lesson's P - Y
  return y.name === "y" ? Y.named("Y") : Y;
}

const definitions: Record<LossName, { tex: (o: LossConfig) => string; fn: (y: Tensor, p: Tensor, o: LossConfig) => Tensor }> = {
  meanSquaredError: {
    tex: () => "L = \\frac{1}{N} \\sum (y - \\hat y)^2",
    fn: (y, p) => C.mean(F.square(F.sub(sameShape("meanSquaredError", y, p), p))),
  },
  meanAbsoluteError: {
    tex: () => "L = \\frac{1}{N} \\sum |y - \\hat y|",
    fn: (y, p) => C.mean(F.abs(F.sub(sameShape("meanAbsoluteError", y, p), p))),
  },
  huber: {
    tex: (o) => `L = \\frac{1}{N} \\sum \\begin{cases} \\tfrac12 e^2 & |e| \\le ${o.delta} \\\\ ${o.delta} (|e| - \\tfrac12 ${o.delta}) & \\text{else} \\end{cases}`,
    fn: (y, p, o) => {
      const d = o.delta ?? 1;
      const e = F.abs(F.sub(p, sameShape("huber", y, p)));
      return C.mean(F.where(F.lessEqual(e, d), F.mul(F.square(e), 0.5), F.sub(F.mul(e, d), 0.5 * d * d)));
    },
  },
  binaryCrossentropy: {
    tex: (o) => o.fromLogits
      ? "L = \\frac{1}{N} \\sum \\max(z, 0) - z y + \\log(1 + e^{-|z|})"
      : "L = -\\frac{1}{N} \\sum y \\log \\hat y + (1 - y) \\log(1 - \\hat y)",
    fn: (y0, p, o) => {
      const y = sameShape("binaryCrossentropy", y0, p);
      if (o.fromLogits) return sigmoidBinaryCrossEntropy(p, y);
      const q = F.clip(p, EPSILON, 1 - EPSILON);
      return F.negative(C.mean(F.add(F.mul(y, F.log(q)), F.mul(F.sub(1, y), F.log(F.sub(1, q))))));
    },
  },
  categoricalCrossentropy: {
    tex: (o) => o.fromLogits
      ? "L = -\\frac{1}{N} \\sum_i \\sum_k y_{ik} \\left(z_{ik} - \\log \\sum_j e^{z_{ij}}\\right)"
      : "L = -\\frac{1}{N} \\sum_i \\sum_k y_{ik} \\log \\hat y_{ik}",
    fn: (y, p, o) => crossEntropy(sameShape("categoricalCrossentropy", y, p), p, o.fromLogits, true),
  },
  sparseCategoricalCrossentropy: {
    tex: (o) => o.fromLogits
      ? "L = -\\frac{1}{N} \\sum_i \\left(z_{i y_i} - \\log \\sum_j e^{z_{ij}}\\right)"
      : "L = -\\frac{1}{N} \\sum_i \\log \\hat y_{i y_i}",
    fn: (y, p, o) => crossEntropy(sparseToOneHot("sparseCategoricalCrossentropy", y, p), p, o.fromLogits, false),
  },
};

function crossEntropy(y: Tensor, p: Tensor, fromLogits: boolean, rescale: boolean): Tensor {
  if (fromLogits) {
    if (p.ndim === 2) return softmaxCrossEntropy(p, y);
    // one example (k,) or (batch, steps, k): the mean over all rows is the mean over all leading axes
    const k = p.shape[p.ndim - 1];
    return softmaxCrossEntropy(F.reshape(p, [-1, k]), F.reshape(y, [-1, k]));
  }
  // Keras's categorical loss rescales the rows to sum to 1 before clipping; its sparse one only clips
  const q = rescale ? F.div(p, F.sum(p, { axis: -1, keepdims: true })) : p;
  const logp = F.log(F.clip(q, EPSILON, 1 - EPSILON));
  return F.negative(C.mean(F.sum(F.mul(y, logp), { axis: -1 })));
}

export function makeLoss(config: LossConfig): Loss {
  const def = definitions[config.name];
  const fn = (yTrue: TensorLike, yPred: Tensor): Tensor => def.fn(F.asTensor(yTrue), yPred, config);
  Object.defineProperty(fn, "name", { value: config.name });
  return Object.assign(fn, { config, tex: def.tex(config) });
}

const factory = (name: LossName) => (options: { fromLogits?: boolean } = {}): Loss => {
  checkOptions(`nn.losses.${name}`, options, ["fromLogits"]);
  return makeLoss({ name, fromLogits: options.fromLogits ?? false });
};

export const losses = {
  meanSquaredError: factory("meanSquaredError"),
  meanAbsoluteError: factory("meanAbsoluteError"),
  /** Huber loss with threshold δ (Keras's default 1). */
  huber: (options: { delta?: number; fromLogits?: boolean } = {}): Loss => {
    checkOptions("nn.losses.huber", options, ["delta", "fromLogits"]);
    const delta = options.delta ?? 1;
    if (!(delta > 0)) throw new Error(`nn.losses.huber: delta must be positive, got ${delta}`);
    return makeLoss({ name: "huber", fromLogits: options.fromLogits ?? false, delta });
  },
  binaryCrossentropy: factory("binaryCrossentropy"),
  categoricalCrossentropy: factory("categoricalCrossentropy"),
  sparseCategoricalCrossentropy: factory("sparseCategoricalCrossentropy"),
};

/** A loss from compile's `loss`: a name ("mse", "sparseCategoricalCrossentropy"), a Loss, or a function. */
export function getLoss(spec: string | Loss | ((yTrue: Tensor, yPred: Tensor) => Tensor)): Loss | ((yTrue: Tensor, yPred: Tensor) => Tensor) {
  if (typeof spec === "function") return spec;
  if (typeof spec === "string") {
    const name = (spec in definitions ? spec : LOSS_ALIASES[spec]) as LossName | undefined;
    if (name === undefined) throw new Error(`compile: unknown loss "${spec}" (known: ${[...Object.keys(definitions), ...Object.keys(LOSS_ALIASES)].join(", ")})`);
    return name === "huber" ? losses.huber() : makeLoss({ name, fromLogits: false });
  }
  throw new Error(`compile: loss must be a name or a function, got ${typeof spec}`);
}
