// One lesson training run on one backend, for a CPU profile: where does an epoch's time go?
// bench/profile.ts runs it in Node (node:inspector) and in Chromium (the DevTools protocol), the
// latter through the bench page (bench/browser/main.ts, `?lesson=...`).
import { makeProblem } from "./lesson-data.ts";
import { trainStepbook } from "./lesson-stepbook.ts";
import { onBackend } from "./lesson-bench.ts";
import type { BackendName } from "../kernel/tensor/backend.ts";

export interface LessonProfileSettings {
  backend: BackendName;
  traced: boolean;
  epochs: number;
  /** the loss as one op, np.softmaxCrossEntropy (trainStepbook's fusedLoss) */
  fused?: boolean;
}

/** Train for `epochs` epochs (after a short warm-up); epochs per second of the timed run. */
export function runLesson(s: LessonProfileSettings): { epochsPerSec: number; loss: number } {
  const problem = makeProblem(0);
  return onBackend(s.backend, () => {
    trainStepbook(problem, Math.min(50, s.epochs), s.traced, s.fused);
    const t0 = performance.now();
    const run = trainStepbook(problem, s.epochs, s.traced, s.fused);
    return { epochsPerSec: (s.epochs * 1000) / (performance.now() - t0), loss: run.loss };
  });
}
