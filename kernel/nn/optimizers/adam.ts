// Adam, Keras's formulas (keras.optimizers.Adam; defaults lr 0.001, β1 0.9, β2 0.999, ε 1e-7):
//   m ← m + (g - m)(1 - β1)            (= β1 m + (1 - β1) g)
//   v ← v + (g² - v)(1 - β2)
//   α = lr √(1 - β2^t) / (1 - β1^t)
//   w ← w - α m / (√v + ε)
// This is the paper's "ε-hat" form: PyTorch computes lr m̂ / (√v̂ + ε) with m̂ = m/(1-β1^t),
// v̂ = v/(1-β2^t), which is the same update with ε scaled by √(1 - β2^t); the fixtures pass PyTorch
// that scaled ε. β^t is kept as a running product (exact arithmetic, the same in every engine).
import type { Tensor } from "../../tensor/tensor.ts";
import * as F from "../../ops/functional.ts";
import { zerosLike } from "../../tensor/create.ts";
import { checkOptions } from "../../tensor/options.ts";
import { Optimizer, type OptimizerOptions } from "./optimizer.ts";

export interface AdamOptions extends OptimizerOptions {
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

export class Adam extends Optimizer {
  readonly className: string = "Adam";
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;

  constructor(options: AdamOptions = {}, allowed: string[] = []) {
    checkOptions("nn.optimizers.Adam", options as Record<string, unknown>, ["learningRate", "beta1", "beta2", "epsilon", ...allowed]);
    super(options, 0.001);
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-7;
  }

  protected initState(w: Tensor): Record<string, Tensor | number> {
    return { m: zerosLike(w), v: zerosLike(w), beta1Power: 1, beta2Power: 1 };
  }

  protected update(w: Tensor, g: Tensor, s: Record<string, Tensor | number>, lr: number): void {
    const m = s.m as Tensor, v = s.v as Tensor;
    s.beta1Power = (s.beta1Power as number) * this.beta1;
    s.beta2Power = (s.beta2Power as number) * this.beta2;
    m.assignAdd(F.mul(F.sub(g, m), 1 - this.beta1));
    v.assignAdd(F.mul(F.sub(F.square(g), v), 1 - this.beta2));
    const alpha = (lr * Math.sqrt(1 - s.beta2Power)) / (1 - s.beta1Power);
    w.assignSub(F.div(F.mul(m, alpha), F.add(F.sqrt(v), this.epsilon)));
  }

  getConfig(): Record<string, unknown> {
    return { learningRate: this.learningRate, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
  }
}
