// The tensors a trace's steps refer to, by the ids its records carry: what the step-through asks for
// (inspect_request) when it shows a step's values, and what the exporter writes beside each step.
import type { Tensor } from "../tensor/tensor.ts";
import type { Trace } from "./trace.ts";

/** The tensor a detached copy was made from (sharing its values), else the tensor itself. */
export function sourceOf(t: Tensor): Tensor {
  let cur = t;
  for (let hops = 0; cur.detachedFrom !== null && cur.detachedFrom.data === cur.data && hops < 100; hops++) cur = cur.detachedFrom;
  return cur;
}

/** The tensors a trace's steps refer to, by id (the values the UI asks for when it shows a step). */
export function stepTensors(trace: Trace): Map<number, Tensor> {
  const out = new Map<number, Tensor>();
  for (const s of trace.rawSteps()) {
    for (const t of s.inputs) out.set(sourceOf(t).id, t);
    out.set(s.output.id, s.output);
  }
  return out;
}
