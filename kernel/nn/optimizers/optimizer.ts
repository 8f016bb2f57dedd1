// What every optimiser shares (Keras's keras.optimizers.Optimizer, in small): a learning rate (a
// number or a schedule of the step count), a step counter `iterations`, and per-weight state
// (velocities, moments) created on the weight's first update and readable with `opt.state(W)`.
// Updates run without gradient tracking and change the weights in place with assign/assignSub, so a
// trace records them as the "update" phase, each with its formula and the state it read.
import type { Tensor } from "../../tensor/tensor.ts";
import { noGrad } from "../../autograd/mode.ts";
import { formatShape } from "../../tensor/shape.ts";
import type { Schedule } from "./schedules.ts";

export type LearningRate = number | Schedule;

export interface OptimizerOptions {
  learningRate?: LearningRate;
}

export abstract class Optimizer {
  abstract readonly className: string;
  learningRate: LearningRate;
  /** how many updates have been applied (Keras's optimizer.iterations). */
  iterations = 0;
  private readonly states = new Map<Tensor, Record<string, Tensor | number>>();

  constructor(options: OptimizerOptions, defaultRate: number) {
    this.learningRate = options.learningRate ?? defaultRate;
    const lr = this.learningRate;
    if (typeof lr === "number" && !(lr >= 0 && Number.isFinite(lr))) throw new Error(`nn.optimizers: learningRate must be a non-negative number, got ${lr}`);
  }

  /** The learning rate of the coming step (a schedule is read at `iterations`). */
  currentLearningRate(): number {
    const lr = this.learningRate;
    return typeof lr === "number" ? lr : lr(this.iterations);
  }

  /** The state this optimiser keeps for weight `w` (e.g. {m, v} for Adam), or {} before its first step. */
  state(w: Tensor): Record<string, Tensor | number> {
    return this.states.get(w) ?? {};
  }

  /** One step: update every weight that has a gradient, from its `.grad`. */
  apply(weights: readonly Tensor[]): void {
    const lr = this.currentLearningRate();
    noGrad(() => {
      for (const w of weights) {
        if (w.grad === null) continue;
        if (w.grad.size !== w.size) throw new Error(`${this.className}: the gradient of ${w.name ?? "a weight"} has shape ${formatShape(w.grad.shape)}, the weight ${formatShape(w.shape)}`);
        let s = this.states.get(w);
        if (s === undefined) {
          s = this.initState(w);
          for (const [k, v] of Object.entries(s)) if (typeof v !== "number") v.named(`${w.name ?? "w"}/${k}`);
          this.states.set(w, s);
        }
        this.update(w, w.grad, s, lr, this.iterations + 1);
      }
    });
    this.iterations++;
  }

  /** Fresh state for a weight (zeros of its shape, usually). */
  protected abstract initState(w: Tensor): Record<string, Tensor | number>;
  /** Update `w` in place from gradient `g`; `t` counts steps from 1. */
  protected abstract update(w: Tensor, g: Tensor, state: Record<string, Tensor | number>, lr: number, t: number): void;
  abstract getConfig(): Record<string, unknown>;
}
