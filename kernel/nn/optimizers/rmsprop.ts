// RMSprop, Keras's formulas (keras.optimizers.RMSprop; defaults lr 0.001, rho 0.9, ε 1e-7):
//   v ← ρ v + (1 - ρ) g²
//   centered:  ḡ ← ρ ḡ + (1 - ρ) g,  d = v - ḡ²   (else d = v)
//   Δ = lr g / (√d + ε)
//   momentum > 0:  m ← μ m + Δ;  w ← w - m       (else w ← w - Δ)
// PyTorch's RMSprop (alpha = ρ, eps outside the root as here) gives the same update.
import type { Tensor } from "../../tensor/tensor.ts";
import * as F from "../../ops/functional.ts";
import { zerosLike } from "../../tensor/create.ts";
import { checkOptions } from "../../tensor/options.ts";
import { Optimizer, type OptimizerOptions } from "./optimizer.ts";

export interface RMSpropOptions extends OptimizerOptions {
  rho?: number;
  momentum?: number;
  epsilon?: number;
  centered?: boolean;
}

export class RMSprop extends Optimizer {
  readonly className = "RMSprop";
  readonly rho: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly centered: boolean;

  constructor(options: RMSpropOptions = {}) {
    checkOptions("nn.optimizers.RMSprop", options, ["learningRate", "rho", "momentum", "epsilon", "centered"]);
    super(options, 0.001);
    this.rho = options.rho ?? 0.9;
    this.momentum = options.momentum ?? 0;
    this.epsilon = options.epsilon ?? 1e-7;
    this.centered = options.centered ?? false;
  }

  protected initState(w: Tensor): Record<string, Tensor | number> {
    const s: Record<string, Tensor> = { velocity: zerosLike(w) };
    if (this.centered) s.averageGradient = zerosLike(w);
    if (this.momentum > 0) s.momentum = zerosLike(w);
    return s;
  }

  protected update(w: Tensor, g: Tensor, s: Record<string, Tensor | number>, lr: number): void {
    const v = s.velocity as Tensor;
    v.assign(F.add(F.mul(v, this.rho), F.mul(F.square(g), 1 - this.rho)));
    let d: Tensor = v;
    if (this.centered) {
      const a = s.averageGradient as Tensor;
      a.assign(F.add(F.mul(a, this.rho), F.mul(g, 1 - this.rho)));
      d = F.sub(v, F.square(a));
    }
    const step = F.div(F.mul(g, lr), F.add(F.sqrt(d), this.epsilon));
    if (this.momentum > 0) {
      const m = s.momentum as Tensor;
      m.assign(F.add(F.mul(m, this.momentum), step));
      w.assignSub(m);
    } else {
      w.assignSub(step);
    }
  }

  getConfig() {
    return { learningRate: this.learningRate, rho: this.rho, momentum: this.momentum, epsilon: this.epsilon, centered: this.centered };
  }
}
