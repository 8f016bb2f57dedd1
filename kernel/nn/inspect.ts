// model.trace(X, y): record one training step (forward, loss, backward, update; the weights do
// change, as Keras's train_on_batch) with every intermediate named after its layer ("dense_1/Z",
// "dense_1/dW", "dropout_1/mask", "batch_normalization_1/mean", "loss", the optimiser's
// "dense_1/W/m"), and list its steps grouped by layer. In a notebook cell the steps go into the cell's
// own trace, so the step-through view shows them; elsewhere a new trace records them.
import type { Tensor } from "../tensor/tensor.ts";
import { type Trace } from "../trace/trace.ts";
import { activeTrace, traceOf } from "../trace/active.ts";
import { stepRecords } from "../trace/steps.ts";
import type { StepRecord } from "../trace/record.ts";
import { TO_BUNDLE, type Displayable } from "../display/rich.ts";
import { MIME, type MimeBundle } from "../protocol/mime.ts";
import type { Compiled } from "./compile.ts";
import type { Sequential } from "./sequential.ts";
import { trainStep } from "./train-step.ts";

export class TrainingStepTrace implements Displayable {
  constructor(
    readonly trace: Trace,
    /** the step records of this training step, in order */
    readonly steps: StepRecord[],
    readonly loss: number,
  ) {}

  /** The steps by layer ("dense_1", "loss", "optimizer", ...), in the order layers first appear. */
  get byLayer(): Record<string, StepRecord[]> {
    const out: Record<string, StepRecord[]> = {};
    let previous = "(unnamed)";
    for (const s of this.steps) {
      // an unnamed intermediate (X W before + b) belongs with the step before it
      const layer = layerOf(s) ?? previous;
      (out[layer] ??= []).push(s);
      previous = layer;
    }
    return out;
  }

  /** The named tensors the step made or read ("dense_1/Z", "dense_1/dW", "dropout_1/mask", ...). */
  get names(): string[] {
    return [...new Set(this.steps.flatMap((s) => [s.name, ...s.inputNames]).filter((n): n is string => n !== null))];
  }

  [TO_BUNDLE](): MimeBundle {
    const lines = [`One training step: ${this.steps.length} steps, loss ${this.loss.toFixed(4)}`];
    for (const [layer, steps] of Object.entries(this.byLayer)) {
      const named = [...new Set(steps.map((s) => s.name).filter((n): n is string => n !== null).map((n) => n.slice(n.lastIndexOf("/") + 1)))];
      lines.push(`  ${layer}: ${steps.length} steps${named.length ? ` (${named.join(", ")})` : ""}`);
    }
    return { [MIME.text]: lines.join("\n") };
  }
}

/** The layer a step belongs to: the prefix of its name, or of a named input; null when nothing says. */
export function layerOf(s: StepRecord): string | null {
  const name = s.name ?? s.grads?.[0]?.intoName ?? s.grads?.[0]?.fromName ?? s.inputNames.find((n) => n !== null && n.includes("/")) ?? null;
  if (s.phase === "update") return "optimizer";
  if (s.phase === "loss" || name === "loss") return "loss";
  if (name === null) return null;
  const slash = name.lastIndexOf("/");
  return slash < 0 ? name : name.slice(0, slash);
}

export function traceStep(model: Sequential, compiled: Compiled, X: Tensor, Y: Tensor): TrainingStepTrace {
  const active = activeTrace();
  let loss = NaN;
  const step = () => { loss = trainStep(model, compiled, X, Y).loss; };
  if (active !== null) {
    const first = active.stepCount;
    step();
    return new TrainingStepTrace(active, stepRecords(active).filter((s) => s.step >= first), loss);
  }
  const trace = traceOf(step);
  return new TrainingStepTrace(trace, stepRecords(trace), loss);
}
