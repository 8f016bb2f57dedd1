// Metrics fit and evaluate report next to the loss (no gradients: plain numbers per batch, averaged
// over the examples of an epoch, as Keras does). "accuracy" picks its kind from the loss, as Keras:
// binary (threshold 0.5) for binaryCrossentropy, labels against argmax for the sparse loss, argmax
// against argmax otherwise.
import type { Tensor } from "../tensor/tensor.ts";
import { formatShape } from "../tensor/shape.ts";

export type MetricName = "accuracy" | "binaryAccuracy" | "categoricalAccuracy" | "sparseCategoricalAccuracy" | "mse" | "mae";

/** the sum of a per-example metric over a batch (divided by the epoch's example count later) */
export type MetricFn = (yTrue: Tensor, yPred: Tensor) => number;

function argmaxRow(data: Float64Array, offset: number, k: number): number {
  let best = 0;
  for (let j = 1; j < k; j++) if (data[offset + j] > data[offset + best]) best = j;
  return best;
}

const rowsOf = (p: Tensor) => (p.ndim === 1 ? p.size : p.size / p.shape[p.ndim - 1]);

export const METRICS: Record<Exclude<MetricName, "accuracy">, MetricFn> = {
  binaryAccuracy(y, p) {
    if (y.size !== p.size) throw new Error(`binaryAccuracy: yTrue has shape ${formatShape(y.shape)}, yPred ${formatShape(p.shape)}`);
    let hit = 0;
    for (let i = 0; i < p.size; i++) if ((p.data[i] > 0.5 ? 1 : 0) === y.data[i]) hit++;
    // per example: the mean over its outputs
    return (hit / p.size) * rowsOf(p);
  },
  categoricalAccuracy(y, p) {
    const k = p.shape[p.ndim - 1];
    let hit = 0;
    for (let i = 0; i < rowsOf(p); i++) if (argmaxRow(p.data, i * k, k) === argmaxRow(y.data, i * k, k)) hit++;
    return hit;
  },
  sparseCategoricalAccuracy(y, p) {
    const k = p.shape[p.ndim - 1];
    let hit = 0;
    for (let i = 0; i < rowsOf(p); i++) if (argmaxRow(p.data, i * k, k) === y.data[i]) hit++;
    return hit;
  },
  mse(y, p) {
    let s = 0;
    for (let i = 0; i < p.size; i++) s += (p.data[i] - y.data[i]) ** 2;
    return (s / p.size) * rowsOf(p);
  },
  mae(y, p) {
    let s = 0;
    for (let i = 0; i < p.size; i++) s += Math.abs(p.data[i] - y.data[i]);
    return (s / p.size) * rowsOf(p);
  },
};

const ALIASES: Record<string, Exclude<MetricName, "accuracy">> = {
  acc: "categoricalAccuracy", binary_accuracy: "binaryAccuracy", categorical_accuracy: "categoricalAccuracy",
  sparse_categorical_accuracy: "sparseCategoricalAccuracy", meanSquaredError: "mse", meanAbsoluteError: "mae",
  mean_squared_error: "mse", mean_absolute_error: "mae",
};

/** The metric function for a name; "accuracy" (and "acc") depends on the loss. */
export function getMetric(name: string, lossName: string | null): MetricFn {
  if (name === "accuracy" || name === "acc") {
    if (lossName === "binaryCrossentropy") return METRICS.binaryAccuracy;
    if (lossName === "sparseCategoricalCrossentropy") return METRICS.sparseCategoricalAccuracy;
    return METRICS.categoricalAccuracy;
  }
  const key = (name in METRICS ? name : ALIASES[name]) as keyof typeof METRICS | undefined;
  if (key === undefined) throw new Error(`compile: unknown metric "${name}" (known: accuracy, ${Object.keys(METRICS).join(", ")})`);
  return METRICS[key];
}
