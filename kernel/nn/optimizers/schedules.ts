// Learning-rate schedules, as keras.optimizers.schedules: a function of the step count (from 0).
//   ExponentialDecay         lr0 · r^(step / decaySteps)    (staircase: r^⌊step / decaySteps⌋, a step decay)
//   PiecewiseConstantDecay   values[i] while step ≤ boundaries[i]
//   InverseTimeDecay         lr0 / (1 + r · step / decaySteps)
// ExponentialDecay is Keras's formula as written (keras/src/optimizers/schedules/learning_rate_schedule.py):
//   p = step / decaySteps; if staircase: p = floor(p); return initialLearningRate * decayRate ** p
// (float64 here, as Keras with a float64 initial rate); tests/fixtures/nn/optimizers.json checks the
// steps of SGD with it against PyTorch's LambdaLR with the same factors.
import { checkOptions } from "../../tensor/options.ts";

export interface Schedule {
  (step: number): number;
  config: Record<string, unknown>;
}

export function ExponentialDecay(options: { initialLearningRate: number; decaySteps: number; decayRate: number; staircase?: boolean }): Schedule {
  checkOptions("nn.optimizers.schedules.ExponentialDecay", options, ["initialLearningRate", "decaySteps", "decayRate", "staircase"]);
  const { initialLearningRate: lr0, decaySteps, decayRate } = options;
  if (!(decaySteps > 0)) throw new Error(`ExponentialDecay: decaySteps must be positive, got ${decaySteps}`);
  if (!Number.isFinite(lr0) || !Number.isFinite(decayRate)) throw new Error(`ExponentialDecay: initialLearningRate and decayRate must be numbers, got ${lr0} and ${decayRate}`);
  const fn = (step: number) => {
    const p = options.staircase ? Math.floor(step / decaySteps) : step / decaySteps;
    return lr0 * decayRate ** p;
  };
  return Object.assign(fn, { config: { className: "ExponentialDecay", ...options } });
}

export function PiecewiseConstantDecay(options: { boundaries: number[]; values: number[] }): Schedule {
  checkOptions("nn.optimizers.schedules.PiecewiseConstantDecay", options, ["boundaries", "values"]);
  const { boundaries, values } = options;
  if (values.length !== boundaries.length + 1) throw new Error(`PiecewiseConstantDecay: values needs one more entry than boundaries (${boundaries.length} boundaries, ${values.length} values)`);
  const fn = (step: number) => {
    for (let i = 0; i < boundaries.length; i++) if (step <= boundaries[i]) return values[i];
    return values[values.length - 1];
  };
  return Object.assign(fn, { config: { className: "PiecewiseConstantDecay", ...options } });
}

export function InverseTimeDecay(options: { initialLearningRate: number; decaySteps: number; decayRate: number; staircase?: boolean }): Schedule {
  checkOptions("nn.optimizers.schedules.InverseTimeDecay", options, ["initialLearningRate", "decaySteps", "decayRate", "staircase"]);
  const { initialLearningRate: lr0, decaySteps, decayRate } = options;
  const fn = (step: number) => lr0 / (1 + decayRate * (options.staircase ? Math.floor(step / decaySteps) : step / decaySteps));
  return Object.assign(fn, { config: { className: "InverseTimeDecay", ...options } });
}

export function scheduleFromConfig(c: Record<string, unknown>): Schedule {
  const { className, ...rest } = c;
  if (className === "ExponentialDecay") return ExponentialDecay(rest as Parameters<typeof ExponentialDecay>[0]);
  if (className === "PiecewiseConstantDecay") return PiecewiseConstantDecay(rest as Parameters<typeof PiecewiseConstantDecay>[0]);
  if (className === "InverseTimeDecay") return InverseTimeDecay(rest as Parameters<typeof InverseTimeDecay>[0]);
  throw new Error(`nn.loadModel: unknown learning-rate schedule ${String(className)}`);
}
