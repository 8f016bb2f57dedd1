// What a traced training run really keeps alive, measured rather than counted: train with the trace
// on, keep the trace, collect garbage, and compare memory with before. trace.bytes() counts the
// values the trace means to keep; this catches anything else it holds on to by reference.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { Problem } from "./lesson-data.ts";
import { trainStepbook } from "./lesson-stepbook.ts";

export interface Retained {
  /** bytes of ArrayBuffers (tensor values) still alive while the trace is */
  arrayBuffers: number;
  /** bytes of JavaScript heap (tensor objects, steps, graph nodes) */
  heap: number;
  /** what trace.bytes() says for the same run */
  counted: number;
}

/** Node's global gc(), switched on at run time (as `node --expose-gc` would). */
function collectGarbage(): () => void {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

/**
 * Memory in use once garbage is gone. V8 frees ArrayBuffer memory on a background thread after a
 * collection, so collect and wait until the figure stops moving.
 */
async function settledMemory(gc: () => void): Promise<NodeJS.MemoryUsage> {
  let last = process.memoryUsage();
  for (let i = 0; i < 20; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const now = process.memoryUsage();
    if (now.arrayBuffers === last.arrayBuffers && i > 0) return now;
    last = now;
  }
  return last;
}

export async function measureRetained(problem: Problem, epochs: number): Promise<Retained> {
  const gc = collectGarbage();
  const before = await settledMemory(gc);
  const run = trainStepbook(problem, epochs, true);
  const after = await settledMemory(gc);
  const counted = run.trace!.bytes(); // (also keeps the trace alive until after the measurement)
  return {
    arrayBuffers: Math.max(0, after.arrayBuffers - before.arrayBuffers),
    heap: Math.max(0, after.heapUsed - before.heapUsed),
    counted,
  };
}
