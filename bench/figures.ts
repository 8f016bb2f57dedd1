// Every figure of the benchmark that runs the same in Node and in a browser page: lesson training,
// per-op costs, matrix products, a larger epoch, each on both backends. run.ts calls it in Node;
// bench/browser/main.ts calls it in Chromium.
import { useTfjsCpu } from "./lesson-tfjs.ts";
import { benchLesson, onBackend, BACKENDS, type LessonFigures } from "./lesson-bench.ts";
import { benchOps, type OpFigures } from "./ops.ts";
import { benchMatmul, type MatmulFigures } from "./matmul.ts";
import { benchThreads } from "./threads.ts";
import { np } from "../kernel/np.ts";
import { mnistEpochSeconds } from "./mnist-epoch.ts";
import { median } from "./timing.ts";
import type { BackendName } from "../kernel/tensor/backend.ts";

/** the parts of the benchmark measured in both runtimes (`npm run bench -- --only lesson,matmul`) */
export const PARTS = ["lesson", "ops", "matmul", "mnist"] as const;
export type Part = (typeof PARTS)[number];

export interface Settings {
  /** the parts to measure; all when missing */
  parts?: Part[];
  epochs: number;
  lessonRounds: number;
  opRounds: number;
  opMs: number;
  matmulRounds: number;
  matmulMs: number;
  matmulMaxRows: number;
  /** rounds of np.matmul on 1 and 2 threads (bench/threads.ts) */
  threadRounds: number;
  /** rows of the 784 -> 128 -> 10 epoch (10000 in a full run) */
  mnistRows: number;
  mnistRounds: number;
}

export const SETTINGS: Record<"quick" | "full", Settings> = {
  quick: { epochs: 50, lessonRounds: 1, opRounds: 3, opMs: 20, matmulRounds: 1, matmulMs: 20, matmulMaxRows: 128, threadRounds: 1, mnistRows: 640, mnistRounds: 1 },
  full: { epochs: 1000, lessonRounds: 5, opRounds: 5, opMs: 200, matmulRounds: 3, matmulMs: 300, matmulMaxRows: Infinity, threadRounds: 7, mnistRows: 10000, mnistRounds: 2 },
};

export interface Figures {
  lesson: LessonFigures;
  ops: Record<BackendName, OpFigures>;
  matmul: MatmulFigures;
  /** seconds per epoch of the 784 -> 128 -> 10 network, per backend */
  mnist: { rows: number; seconds: Record<BackendName, number> };
}

/**
 * Every figure, or with `settings.parts` only those parts: the others are then left undefined
 * (run.ts prints only what was measured).
 */
export async function measureAll(settings: Settings): Promise<Figures> {
  const want = (part: Part) => settings.parts === undefined || settings.parts.includes(part);
  await useTfjsCpu();
  const lesson = want("lesson") ? benchLesson(settings.epochs, settings.lessonRounds) : undefined!;
  const ops = want("ops") ? {} as Record<BackendName, OpFigures> : undefined!;
  if (want("ops")) for (const b of BACKENDS) ops[b] = onBackend(b, () => benchOps(settings.opRounds, settings.opMs));
  let matmul: MatmulFigures = undefined!;
  if (want("matmul")) {
    // the products table on one thread, as in earlier runs; threads side by side after it
    const threads = np.getNumThreads();
    np.setNumThreads(1);
    try {
      matmul = benchMatmul(settings.matmulRounds, settings.matmulMs, settings.matmulMaxRows);
    } finally {
      np.setNumThreads(threads);
    }
    matmul.threads = await benchThreads(settings.threadRounds, settings.matmulMs, settings.matmulMaxRows);
  }
  const seconds = {} as Record<BackendName, number[]>;
  for (const b of BACKENDS) seconds[b] = [];
  for (let r = 0; r < (want("mnist") ? settings.mnistRounds : 0); r++) {
    for (const b of BACKENDS) seconds[b].push(mnistEpochSeconds(b, settings.mnistRows));
  }
  const mnist = !want("mnist") ? undefined! : {
    rows: settings.mnistRows,
    seconds: Object.fromEntries(BACKENDS.map((b) => [b, median(seconds[b])])) as Record<BackendName, number>,
  };
  return { lesson, ops, matmul, mnist };
}
