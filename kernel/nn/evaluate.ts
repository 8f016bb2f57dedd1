// predict and evaluate: the forward pass with training off (no dropout, BatchNormalization's moving
// averages) and no gradient tracking.
import type { Tensor, TensorLike } from "../tensor/tensor.ts";
import { noGrad } from "../autograd/mode.ts";
import type { Compiled } from "./compile.ts";
import type { Sequential } from "./sequential.ts";
import { asData, checkRows } from "./data-batches.ts";
import { computeLoss } from "./train-step.ts";

export function predict(model: Sequential, x: TensorLike): Tensor {
  const X = asData("predict", "x", x);
  return noGrad(() => model.apply(X, { training: false }));
}

/** {loss, metric, ...} over the whole set: the mean loss (with regularisation, as Keras) and metrics. */
export function evaluate(model: Sequential, compiled: Compiled, x: TensorLike, y: TensorLike): Record<string, number> {
  const X = asData("evaluate", "x", x), Y = asData("evaluate", "y", y);
  checkRows("evaluate", X, Y);
  return noGrad(() => {
    const out = model.apply(X, { training: false });
    const { total } = computeLoss(model, compiled, Y, out);
    const logs: Record<string, number> = { loss: total.item() };
    for (const m of compiled.metrics) logs[m.name] = m.fn(Y, out) / X.shape[0];
    return logs;
  });
}
