// The lesson-size training benchmark: four contenders train the same network from the same start,
// alternating round by round; each round is a whole training run of `epochs` epochs.
import { alternate, median, ratio, ratioRange } from "./timing.ts";
import { makeProblem } from "./lesson-data.ts";
import { trainStepbook } from "./lesson-stepbook.ts";
import { trainTfjs } from "./lesson-tfjs.ts";
import { trainPlain } from "./lesson-plain.ts";

export const CONTENDERS = ["stepbook", "stepbookTraced", "tfjs", "plain"] as const;
export type LessonContender = (typeof CONTENDERS)[number];

export interface LessonFigures {
  epochs: number;
  epochsPerSec: Record<LessonContender, number>;
  /** final loss of each contender (they should agree: same data, same start, same steps) */
  finalLoss: Record<LessonContender, number>;
  /** speed relative to the plain loop, from same-round time ratios (above 1: faster than plain) */
  vsPlain: Record<LessonContender, number>;
  traceOverhead: number;
  /** lowest and highest same-round ratios, to show the noise */
  traceOverheadRange: [number, number];
  tracedVsPlainRange: [number, number];
  traceBytes: number;
}

export function benchLesson(epochs: number, rounds: number): LessonFigures {
  const problem = makeProblem(0);
  const finalLoss = {} as Record<LessonContender, number>;
  let traceBytes = 0;
  const runs: Record<LessonContender, () => void> = {
    stepbook: () => { finalLoss.stepbook = trainStepbook(problem, epochs, false).loss; },
    stepbookTraced: () => {
      const r = trainStepbook(problem, epochs, true);
      finalLoss.stepbookTraced = r.loss;
      traceBytes = r.traceBytes;
    },
    tfjs: () => { finalLoss.tfjs = trainTfjs(problem, epochs); },
    plain: () => { finalLoss.plain = trainPlain(problem, epochs); },
  };
  const t = alternate(CONTENDERS.map((name) => ({ name, run: runs[name] })), rounds);
  const perSec = (name: LessonContender) => (epochs * 1000) / median(t[name]);
  const byName = <T>(f: (name: LessonContender) => T) =>
    Object.fromEntries(CONTENDERS.map((name) => [name, f(name)])) as Record<LessonContender, T>;
  return {
    epochs,
    epochsPerSec: byName(perSec),
    finalLoss,
    vsPlain: byName((name) => ratio(t, "plain", name)),
    traceOverhead: ratio(t, "stepbookTraced", "stepbook"),
    traceOverheadRange: ratioRange(t, "stepbookTraced", "stepbook"),
    tracedVsPlainRange: ratioRange(t, "plain", "stepbookTraced"),
    traceBytes,
  };
}
