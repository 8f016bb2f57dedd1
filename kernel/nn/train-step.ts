// One training step, the loop body of fit:
//   forward    Ŷ = model(X_batch)                     (training: dropout on, batch statistics)
//   loss       L = loss(Y_batch, Ŷ) + Σ regularisation terms
//   backward   L.backward(): every weight's .grad
//   update     optimizer.apply(weights)
// With a sigmoid or softmax last layer and a cross-entropy loss, the loss is computed from that
// layer's logits Z (the stable form, whose gradient is Ŷ - Y); see ./losses.ts.
import type { Tensor } from "../tensor/tensor.ts";
import * as F from "../ops/functional.ts";
import { noGrad } from "../autograd/mode.ts";
import { activeTrace } from "../trace/active.ts";
import { makeLoss, type Loss } from "./losses.ts";
import type { Compiled } from "./compile.ts";
import type { Sequential } from "./sequential.ts";

const LOGIT_PAIRS: Record<string, string> = {
  binaryCrossentropy: "sigmoid",
  categoricalCrossentropy: "softmax",
  sparseCategoricalCrossentropy: "softmax",
};

/** The loss of predictions `out` (just computed by `model`), with its regularisation terms. */
export function computeLoss(model: Sequential, compiled: Compiled, y: Tensor, out: Tensor, withRegularization = true): { total: Tensor; data: Tensor; terms: { name: string; value: Tensor }[] } {
  const trace = activeTrace();
  const run = () => {
    const data = lossOf(model, compiled, y, out).named("loss/data");
    const terms = withRegularization ? model.regularizationLosses() : [];
    let total = data;
    for (const t of terms) total = F.add(total, t.value);
    return { total: terms.length > 0 ? total.named("loss") : total, data, terms };
  };
  return trace === null ? run() : trace.withPhase("loss", run);
}

function lossOf(model: Sequential, compiled: Compiled, y: Tensor, out: Tensor): Tensor {
  const loss = compiled.loss;
  if ("config" in loss) {
    const c = (loss as Loss).config;
    const last = model.lastLeaf() as { activation?: { name: string }; preActivation?: Tensor | null } | null;
    const z = last?.preActivation;
    if (!c.fromLogits && LOGIT_PAIRS[c.name] !== undefined && last?.activation?.name === LOGIT_PAIRS[c.name] && z && last && (last as { output?: Tensor | null }).output === out) {
      return makeLoss({ ...c, fromLogits: true })(y, z);
    }
  }
  return loss(y, out);
}

/** One step on a batch; returns the loss and the sums of the metrics over the batch's examples. */
export function trainStep(model: Sequential, compiled: Compiled, x: Tensor, y: Tensor): { loss: number; metricSums: number[] } {
  const weights = model.trainableWeights;
  for (const w of weights) w.grad = null;
  // the batch by the names a lesson gives it, so a trace's formulas read Z = X W + b
  x.named("X");
  y.named("y");
  const out = model.apply(x, { training: true });
  const { total } = computeLoss(model, compiled, y, out);
  total.backward();
  compiled.optimizer.apply(weights);
  const metricSums = noGrad(() => compiled.metrics.map((m) => m.fn(y, out)));
  return { loss: total.item(), metricSums };
}
