// Adagrad, Keras's formulas (keras.optimizers.Adagrad; defaults lr 0.001, initial accumulator 0.1,
// ε 1e-7):
//   a ← a + g²
//   w ← w - lr g / √(a + ε)
// PyTorch adds ε outside the root (lr g / (√a + ε)); the fixtures use ε = 0, where both agree.
import type { Tensor } from "../../tensor/tensor.ts";
import * as F from "../../ops/functional.ts";
import { fullLike } from "../../tensor/create.ts";
import { checkOptions } from "../../tensor/options.ts";
import { Optimizer, type OptimizerOptions } from "./optimizer.ts";

export interface AdagradOptions extends OptimizerOptions {
  initialAccumulatorValue?: number;
  epsilon?: number;
}

export class Adagrad extends Optimizer {
  readonly className = "Adagrad";
  readonly initialAccumulatorValue: number;
  readonly epsilon: number;

  constructor(options: AdagradOptions = {}) {
    checkOptions("nn.optimizers.Adagrad", options, ["learningRate", "initialAccumulatorValue", "epsilon"]);
    super(options, 0.001);
    this.initialAccumulatorValue = options.initialAccumulatorValue ?? 0.1;
    this.epsilon = options.epsilon ?? 1e-7;
  }

  protected initState(w: Tensor): Record<string, Tensor | number> {
    return { accumulator: fullLike(w, this.initialAccumulatorValue) };
  }

  protected update(w: Tensor, g: Tensor, s: Record<string, Tensor | number>, lr: number): void {
    const a = s.accumulator as Tensor;
    a.assignAdd(F.square(g));
    w.assignSub(F.div(F.mul(g, lr), F.sqrt(F.add(a, this.epsilon))));
  }

  getConfig() {
    return { learningRate: this.learningRate, initialAccumulatorValue: this.initialAccumulatorValue, epsilon: this.epsilon };
  }
}
