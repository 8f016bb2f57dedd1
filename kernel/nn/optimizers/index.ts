// nn.optimizers: the optimiser classes as factories (nn.optimizers.Adam({learningRate: 0.01})), the
// schedules, and the names compile accepts ("adam", "sgd", ...).
import { SGD, type SGDOptions } from "./sgd.ts";
import { RMSprop, type RMSpropOptions } from "./rmsprop.ts";
import { Adagrad, type AdagradOptions } from "./adagrad.ts";
import { Adam, type AdamOptions } from "./adam.ts";
import { AdamW, type AdamWOptions } from "./adamw.ts";
import { ExponentialDecay, InverseTimeDecay, PiecewiseConstantDecay, scheduleFromConfig } from "./schedules.ts";
import type { Optimizer } from "./optimizer.ts";

export { Optimizer } from "./optimizer.ts";
export { SGD, RMSprop, Adagrad, Adam, AdamW };

export const optimizers = {
  SGD: (options?: SGDOptions) => new SGD(options),
  RMSprop: (options?: RMSpropOptions) => new RMSprop(options),
  Adagrad: (options?: AdagradOptions) => new Adagrad(options),
  Adam: (options?: AdamOptions) => new Adam(options),
  AdamW: (options?: AdamWOptions) => new AdamW(options),
  schedules: { ExponentialDecay, PiecewiseConstantDecay, InverseTimeDecay },
};

const BY_NAME: Record<string, (config?: Record<string, unknown>) => Optimizer> = {
  sgd: (c) => new SGD(c as SGDOptions), rmsprop: (c) => new RMSprop(c as RMSpropOptions), adagrad: (c) => new Adagrad(c as AdagradOptions),
  adam: (c) => new Adam(c as AdamOptions), adamw: (c) => new AdamW(c as AdamWOptions),
};

/** compile's `optimizer`: an optimiser, or a name ("adam", "sgd", "rmsprop", "adagrad", "adamw") with Keras's defaults. */
export function getOptimizer(spec: string | Optimizer): Optimizer {
  if (typeof spec !== "string") return spec;
  const make = BY_NAME[spec.toLowerCase()];
  if (make === undefined) throw new Error(`compile: unknown optimizer "${spec}" (known: ${Object.keys(BY_NAME).join(", ")})`);
  return make();
}

export function optimizerFromConfig(className: string, config: Record<string, unknown>): Optimizer {
  const make = BY_NAME[className.toLowerCase()];
  if (make === undefined) throw new Error(`nn.loadModel: unknown optimizer ${className}`);
  const lr = config.learningRate;
  return make({ ...config, learningRate: typeof lr === "object" && lr !== null ? scheduleFromConfig(lr as Record<string, unknown>) : lr });
}
