// SGD with optional momentum and Nesterov momentum, Keras's formulas (keras.optimizers.SGD):
//   momentum = 0:  w ← w - lr g
//   momentum > 0:  v ← μ v - lr g;   w ← w + v
//   nesterov:      v ← μ v - lr g;   w ← w + μ v - lr g
// PyTorch keeps v' = μ v' + g and subtracts lr v'; with a constant learning rate that is the same
// update (Keras's v is -lr times PyTorch's), which the fixtures check.
import type { Tensor } from "../../tensor/tensor.ts";
import * as F from "../../ops/functional.ts";
import { zerosLike } from "../../tensor/create.ts";
import { checkOptions } from "../../tensor/options.ts";
import { Optimizer, type OptimizerOptions } from "./optimizer.ts";

export interface SGDOptions extends OptimizerOptions {
  momentum?: number;
  nesterov?: boolean;
}

export class SGD extends Optimizer {
  readonly className = "SGD";
  readonly momentum: number;
  readonly nesterov: boolean;

  constructor(options: SGDOptions = {}) {
    checkOptions("nn.optimizers.SGD", options, ["learningRate", "momentum", "nesterov"]);
    super(options, 0.01);
    this.momentum = options.momentum ?? 0;
    this.nesterov = options.nesterov ?? false;
    if (!(this.momentum >= 0 && this.momentum <= 1)) throw new Error(`nn.optimizers.SGD: momentum must be in [0, 1], got ${this.momentum}`);
  }

  protected initState(w: Tensor): Record<string, Tensor | number> {
    return this.momentum > 0 ? { velocity: zerosLike(w) } : {};
  }

  protected update(w: Tensor, g: Tensor, s: Record<string, Tensor | number>, lr: number): void {
    if (this.momentum === 0) {
      w.assignSub(F.mul(g, lr));
      return;
    }
    const v = s.velocity as Tensor;
    v.assign(F.sub(F.mul(v, this.momentum), F.mul(g, lr)));
    if (this.nesterov) w.assignAdd(F.sub(F.mul(v, this.momentum), F.mul(g, lr)));
    else w.assignAdd(v);
  }

  getConfig() {
    return { learningRate: this.learningRate, momentum: this.momentum, nesterov: this.nesterov };
  }
}
