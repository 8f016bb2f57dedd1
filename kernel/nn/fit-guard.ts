// fit is asynchronous here (`await model.fit(...)`: it yields so that Stop and live views work); Keras's
// fit is not, so a Keras habit, `model.fit(X, y)` without `await`, starts training that the next line or
// cell does not wait for. Unguarded, `model.evaluate(X, y)` then scored half-trained weights without a
// word, and `history.history` was undefined. The guard: while a fit is suspended (waiting at one of its
// awaits, where other code can run), the model refuses evaluate / predict / fit / trace with what to
// write; calls from fit's own callbacks (a live plot in onEpochEnd) run while fit does, and are allowed.
// The Promise fit returns answers History's names (history, epoch, params, plot) with the same advice.
import type { History } from "./history.ts";

export interface FitState {
  /** a fit has started and not finished */
  fitting: boolean;
  /** that fit's own code (or a callback it called) is running, not waiting at an await */
  fitActive: boolean;
}

const AWAIT = "write `const history = await model.fit(...)` (fit is asynchronous here; Keras's is not)";

/** Throws when `model` is mid-fit and the call does not come from that fit. */
export function notWhileFitting(model: FitState, where: string): void {
  if (model.fitting && !model.fitActive) {
    throw new Error(`${where}: the model is still training: a model.fit(...) without await is running; ${AWAIT}`);
  }
}

/** Await `value` (a callback's result, the kernel's turn) marked as fit waiting: other code may run meanwhile. */
export async function waiting<T>(model: FitState, value: T | Promise<T>): Promise<T> {
  model.fitActive = false;
  try {
    return await value;
  } finally {
    model.fitActive = true;
  }
}

/** fit's Promise, which answers History's names with the advice to await it. */
export function awaitable(promise: Promise<History>): Promise<History> {
  for (const name of ["history", "epoch", "params", "plot"]) {
    Object.defineProperty(promise, name, {
      get() { throw new Error(`${name}: model.fit(...) returns a Promise of the History, not the History; ${AWAIT}`); },
    });
  }
  return promise;
}
