// The lesson-size training benchmark: the contenders train the same network from the same start,
// alternating round by round; each round is a whole training run of `epochs` epochs. Our kernel runs
// on each backend (kernel/tensor/backend.ts), untraced and traced.
import { alternate, median, ratio, ratioRange } from "./timing.ts";
import { makeProblem } from "./lesson-data.ts";
import { trainStepbook } from "./lesson-stepbook.ts";
import { trainTfjs, tfjsWasmReady } from "./lesson-tfjs.ts";
import { trainPlain } from "./lesson-plain.ts";
import { setBackend, getBackend, type BackendName } from "../kernel/tensor/backend.ts";

export const BACKENDS: readonly BackendName[] = ["wasm", "js"];
export const CONTENDERS = ["wasm", "wasmTraced", "js", "jsTraced", "tfjs", "tfjsWasm", "plain"] as const;
export type LessonContender = (typeof CONTENDERS)[number];

export interface LessonFigures {
  epochs: number;
  epochsPerSec: Record<LessonContender, number>;
  /** final loss of each contender (they should agree: same data, same start, same steps) */
  finalLoss: Record<LessonContender, number>;
  /** speed relative to the plain loop, from same-round time ratios (above 1: faster than plain) */
  vsPlain: Record<LessonContender, number>;
  /** trace on / trace off time, per backend, with the lowest and highest same-round ratio */
  traceOverhead: Record<BackendName, number>;
  traceOverheadRange: Record<BackendName, [number, number]>;
  tracedVsPlainRange: Record<BackendName, [number, number]>;
  traceBytes: number;
}

/** Run `fn` on a backend, then put the one in use back. */
export function onBackend<T>(name: BackendName, fn: () => T): T {
  const before = getBackend();
  setBackend(name);
  try {
    return fn();
  } finally {
    setBackend(before);
  }
}

export function benchLesson(epochs: number, rounds: number): LessonFigures {
  const problem = makeProblem(0);
  const finalLoss = {} as Record<LessonContender, number>;
  let traceBytes = 0;
  const stepbook = (backend: BackendName, traced: boolean, name: LessonContender) => () => {
    const r = onBackend(backend, () => trainStepbook(problem, epochs, traced));
    finalLoss[name] = r.loss;
    if (traced) traceBytes = r.traceBytes;
  };
  const runs: Record<LessonContender, () => void> = {
    wasm: stepbook("wasm", false, "wasm"),
    wasmTraced: stepbook("wasm", true, "wasmTraced"),
    js: stepbook("js", false, "js"),
    jsTraced: stepbook("js", true, "jsTraced"),
    tfjs: () => { finalLoss.tfjs = trainTfjs(problem, epochs, "cpu"); },
    tfjsWasm: () => { finalLoss.tfjsWasm = trainTfjs(problem, epochs, "wasm"); },
    plain: () => { finalLoss.plain = trainPlain(problem, epochs); },
  };
  // (tfjs's wasm backend is left out where it did not start: its figures are then NaN)
  const t = alternate(CONTENDERS.filter((name) => name !== "tfjsWasm" || tfjsWasmReady()).map((name) => ({ name, run: runs[name] })), rounds);
  const perSec = (name: LessonContender) => (t[name] ? (epochs * 1000) / median(t[name]) : NaN);
  const byName = <T>(f: (name: LessonContender) => T) =>
    Object.fromEntries(CONTENDERS.map((name) => [name, f(name)])) as Record<LessonContender, T>;
  const byBackend = <T>(f: (b: BackendName) => T) =>
    Object.fromEntries(BACKENDS.map((b) => [b, f(b)])) as Record<BackendName, T>;
  return {
    epochs,
    epochsPerSec: byName(perSec),
    finalLoss,
    vsPlain: byName((name) => (t[name] ? ratio(t, "plain", name) : NaN)),
    traceOverhead: byBackend((b) => ratio(t, `${b}Traced`, b)),
    traceOverheadRange: byBackend((b) => ratioRange(t, `${b}Traced`, b)),
    tracedVsPlainRange: byBackend((b) => ratioRange(t, "plain", `${b}Traced`)),
    traceBytes,
  };
}
