// The trace that is recording, if any: start and stop one, record what a function does, and mark
// epochs and mini-batches (np.trace.epoch / np.trace.batch; nn's fit calls them too).
import { mode } from "../autograd/mode.ts";
import { Trace } from "./trace.ts";
import type { TracePolicy } from "./policy.ts";

export function startTrace(policy?: Partial<TracePolicy>): Trace {
  const trace = new Trace(policy);
  mode.trace = trace;
  return trace;
}

export function stopTrace(): Trace | null {
  const trace = mode.trace;
  mode.trace = null;
  trace?.finish();
  return trace;
}

/** `np.trace.epoch(e)`: the iterations that follow are epoch e (nn's fit calls it too); no-op untraced. */
export function markEpoch(e: number): void {
  if (!Number.isInteger(e) || e < 0) throw new Error(`trace.epoch: expected a non-negative integer, got ${e}`);
  mode.trace?.markEpoch(e);
}

/** `np.trace.batch(k)`: the next iteration is mini-batch k of the current epoch; no-op untraced. */
export function markBatch(k: number): void {
  if (!Number.isInteger(k) || k < 0) throw new Error(`trace.batch: expected a non-negative integer, got ${k}`);
  mode.trace?.markBatch(k);
}

export function activeTrace(): Trace | null {
  return mode.trace;
}

/** Record everything `fn` does and return the trace (np.trace(() => { ... })). */
export function traceOf(fn: () => void, policy?: Partial<TracePolicy>): Trace {
  const previous = mode.trace;
  const trace = new Trace(policy);
  mode.trace = trace;
  try {
    fn();
  } finally {
    mode.trace = previous;
    trace.finish();
  }
  return trace;
}
