// Weight penalties added to the loss, each as its own named term ("dense_2/kernel_regularizer"), as
// Keras's keras.regularizers (note: Keras's l2 has no 1/2 in front):
//   l1(λ)        λ Σ |W|         gradient λ sign(W)
//   l2(λ)        λ Σ W²          gradient 2 λ W
//   l1l2(λ1,λ2)  λ1 Σ |W| + λ2 Σ W²
// They are made of ops (abs, square, sum, mul), so autograd gives those gradients.
import type { Tensor } from "../tensor/tensor.ts";
import * as F from "../ops/functional.ts";

export interface Regularizer {
  (w: Tensor): Tensor;
  config: { className: "L1" | "L2" | "L1L2"; l1: number; l2: number };
  tex: string;
}

function checkFactor(where: string, v: number): number {
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0) throw new Error(`nn.regularizers.${where}: the factor must be a non-negative number, got ${String(v)}`);
  return v;
}

function make(className: "L1" | "L2" | "L1L2", l1: number, l2: number): Regularizer {
  const fn = (w: Tensor): Tensor => {
    let total: Tensor | null = null;
    if (l1 > 0) total = F.mul(F.sum(F.abs(w)), l1);
    if (l2 > 0) {
      const term = F.mul(F.sum(F.square(w)), l2);
      total = total === null ? term : F.add(total, term);
    }
    return total ?? F.mul(F.sum(w), 0);
  };
  const tex = [l1 > 0 ? `${l1} \\sum |W|` : "", l2 > 0 ? `${l2} \\sum W^2` : ""].filter(Boolean).join(" + ") || "0";
  return Object.assign(fn, { config: { className, l1, l2 }, tex });
}

/** λ Σ|W| (Keras's default λ = 0.01). */
export const l1 = (l1 = 0.01): Regularizer => make("L1", checkFactor("l1", l1), 0);
/** λ Σ W² (Keras's default λ = 0.01). */
export const l2 = (l2 = 0.01): Regularizer => make("L2", 0, checkFactor("l2", l2));
/** λ1 Σ|W| + λ2 Σ W² (Keras's l1_l2 defaults 0.01 and 0.01). */
export const l1l2 = (options: { l1?: number; l2?: number } = {}): Regularizer =>
  make("L1L2", checkFactor("l1l2", options.l1 ?? 0.01), checkFactor("l1l2", options.l2 ?? 0.01));

export function regularizerFromConfig(c: Regularizer["config"] | null | undefined): Regularizer | null {
  if (!c) return null;
  return make(c.className, c.l1, c.l2);
}
