// inspect_request: the full value of a variable, or of a traced step's tensor, as plain data. A tensor
// sends its values, a number itself; any other value its text, written deeper than a cell's result
// (nested objects and long arrays stay readable) and cut at the kernel's output limit like an output, the
// whole text kept for "Show more" (output.ts).
import { Tensor } from "../tensor/tensor.ts";
import type { Trace } from "../trace/trace.ts";
import type { InspectTarget } from "../protocol/messages.ts";
import type { TensorValue, VariableValue } from "../protocol/values.ts";
import { repr } from "../display/repr.ts";
import { cutText } from "./output.ts";
import { describeValue, tensorValue } from "./variables.ts";

/** How deep and how many items the inspector writes of a value (a result writes depth 2, 100 items). */
export const INSPECT_REPR = { depth: 6, maxItems: 1000 } as const;

/** A variable's whole value; `keep` stores a text past `maxChars` and returns its id. */
export function inspectVariable(value: unknown, maxChars: number, keep: (text: string) => string): VariableValue {
  const described = describeValue(value);
  if (described.type !== "other") return described;
  const text = repr(value, INSPECT_REPR);
  if (text.length <= maxChars) return { ...described, repr: text };
  return { ...described, repr: cutText(text, maxChars), cut: { id: keep(text), shown: maxChars, total: text.length } };
}

/** A traced step's output, gradient or input tensor; throws with a message when there is none. */
export function inspectStep(trace: Trace | undefined, target: Extract<InspectTarget, { kind: "step" }>): TensorValue {
  const step = trace?.rawSteps().find((s) => s.step === target.step);
  if (!step) throw new Error(`no step ${target.step} in the trace of cell "${target.cellId}" (it may have been dropped to keep the trace small)`);
  const t = target.which === "output" ? step.output : target.which === "grad" ? step.output.grad : step.inputs[target.index ?? 0];
  if (!(t instanceof Tensor)) throw new Error(`step ${target.step} has no ${target.which}${target.which === "input" ? ` ${target.index ?? 0}` : ""}`);
  return tensorValue(t, false);
}
