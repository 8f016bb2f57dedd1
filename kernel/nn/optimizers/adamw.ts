// AdamW, Keras's formulas (keras.optimizers.AdamW; weight decay 0.004 by default): decoupled weight
// decay first, then Adam's update (./adam.ts):
//   w ← w - lr λ w
//   Adam step on w
// PyTorch's AdamW multiplies w by (1 - lr λ) first too: the same update.
import type { Tensor } from "../../tensor/tensor.ts";
import * as F from "../../ops/functional.ts";
import { Adam, type AdamOptions } from "./adam.ts";

export interface AdamWOptions extends AdamOptions {
  weightDecay?: number;
}

export class AdamW extends Adam {
  override readonly className = "AdamW";
  readonly weightDecay: number;

  constructor(options: AdamWOptions = {}) {
    super(options, ["weightDecay"]);
    this.weightDecay = options.weightDecay ?? 0.004;
  }

  protected override update(w: Tensor, g: Tensor, s: Record<string, Tensor | number>, lr: number): void {
    w.assignSub(F.mul(w, lr * this.weightDecay));
    super.update(w, g, s, lr);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), weightDecay: this.weightDecay };
  }
}
