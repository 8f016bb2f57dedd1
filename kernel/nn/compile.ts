// model.compile({optimizer, loss, metrics}): what fit will use, checked once up front.
import type { Tensor } from "../tensor/tensor.ts";
import { checkOptions } from "../tensor/options.ts";
import { getLoss, type Loss } from "./losses.ts";
import { getMetric, type MetricFn } from "./metrics.ts";
import { getOptimizer, type Optimizer } from "./optimizers/index.ts";

export type LossSpec = string | Loss | ((yTrue: Tensor, yPred: Tensor) => Tensor);

export interface CompileOptions {
  optimizer?: string | Optimizer;
  loss: LossSpec;
  metrics?: string[];
}

export interface Compiled {
  optimizer: Optimizer;
  loss: Loss | ((yTrue: Tensor, yPred: Tensor) => Tensor);
  /** the loss's own name when it is one of nn.losses (decides "accuracy"'s kind) */
  lossName: string | null;
  metrics: { name: string; fn: MetricFn }[];
}

export function compileOptions(options: CompileOptions): Compiled {
  if (options === undefined || options === null || typeof options !== "object") throw new Error('compile: expected options like {optimizer: "adam", loss: "mse", metrics: ["accuracy"]}');
  checkOptions("compile", options, ["optimizer", "loss", "metrics"]);
  if (options.loss === undefined) throw new Error('compile: a loss is required, e.g. {loss: "sparseCategoricalCrossentropy"}');
  const loss = getLoss(options.loss);
  const lossName = "config" in loss ? (loss as Loss).config.name : null;
  const metrics = (options.metrics ?? []).map((name) => {
    if (typeof name !== "string") throw new Error(`compile: metrics are names such as "accuracy", got ${typeof name}`);
    return { name, fn: getMetric(name, lossName) };
  });
  return { optimizer: getOptimizer(options.optimizer ?? "rmsprop"), loss, lossName, metrics };
}
