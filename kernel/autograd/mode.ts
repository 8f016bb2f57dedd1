// Global switches read on every op: is gradient tracking on, and which trace (if any) records steps.
// Kept in one tiny module so the hot path reads two fields and nothing else.
import type { Trace } from "../trace/trace.ts";

export const mode = {
  gradEnabled: true,
  trace: null as Trace | null,
};

/** Run `fn` with gradient tracking off (numpy-style maths on parameters, e.g. the update step). */
export function noGrad<T>(fn: () => T): T {
  const prev = mode.gradEnabled;
  mode.gradEnabled = false;
  try {
    return fn();
  } finally {
    mode.gradEnabled = prev;
  }
}

/** Run `fn` with neither gradient tracking nor tracing: used inside backward rules and gradcheck. */
export function quietly<T>(fn: () => T): T {
  const prevGrad = mode.gradEnabled;
  const prevTrace = mode.trace;
  mode.gradEnabled = false;
  mode.trace = null;
  try {
    return fn();
  } finally {
    mode.gradEnabled = prevGrad;
    mode.trace = prevTrace;
  }
}
