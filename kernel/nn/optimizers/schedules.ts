// Learning-rate schedules, as keras.optimizers.schedules: a function of the step count (from 0).
//   ExponentialDecay         lr0 · r^(step / decaySteps)    (staircase: r^⌊step / decaySteps⌋, a step decay)
//   PiecewiseConstantDecay   values[i] while step ≤ boundaries[i]
//   InverseTimeDecay         lr0 / (1 + r · step / decaySteps)
// Math.pow with a non-integer exponent is the one engine-dependent operation here (staircase uses
// integer powers by repeated multiplication, which every engine computes the same).
import { checkOptions } from "../../tensor/options.ts";

export interface Schedule {
  (step: number): number;
  config: Record<string, unknown>;
}

function intPow(r: number, n: number): number {
  let out = 1;
  for (let i = 0; i < n; i++) out *= r;
  return out;
}

export function ExponentialDecay(options: { initialLearningRate: number; decaySteps: number; decayRate: number; staircase?: boolean }): Schedule {
  checkOptions("nn.optimizers.schedules.ExponentialDecay", options, ["initialLearningRate", "decaySteps", "decayRate", "staircase"]);
  const { initialLearningRate: lr0, decaySteps, decayRate } = options;
  if (!(decaySteps > 0)) throw new Error(`ExponentialDecay: decaySteps must be positive, got ${decaySteps}`);
  const fn = (step: number) => lr0 * (options.staircase ? intPow(decayRate, Math.floor(step / decaySteps)) : Math.pow(decayRate, step / decaySteps));
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
