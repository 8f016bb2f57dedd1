// `npm run bench`: every figure of the kernel's benchmark in one run, printed as a table.
//   --quick      a smoke run (few epochs and rounds; the figures are rough)
//   --json FILE  also write the figures as JSON (the shape the issue asks for)
import { writeFileSync } from "node:fs";
import { cpus } from "node:os";
import * as tf from "@tensorflow/tfjs";
import { useTfjsCpu } from "./lesson-tfjs.ts";
import { benchLesson, CONTENDERS, type LessonContender } from "./lesson-bench.ts";
import { measureRetained } from "./lesson-memory.ts";
import { makeProblem } from "./lesson-data.ts";
import { benchOps } from "./ops.ts";
import { benchMatmul, matmulSizes, type MatmulKey } from "./matmul.ts";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const jsonAt = args.indexOf("--json");
const jsonFile = jsonAt >= 0 ? args[jsonAt + 1] : null;
if (jsonAt >= 0 && !jsonFile) throw new Error("bench: --json needs a file name");

const settings = quick
  ? { epochs: 50, lessonRounds: 1, opRounds: 3, opMs: 20, matmulRounds: 1, matmulMs: 20, matmulMaxRows: 128 }
  : { epochs: 1000, lessonRounds: 7, opRounds: 7, opMs: 200, matmulRounds: 3, matmulMs: 300, matmulMaxRows: Infinity };

const TARGETS = {
  tracedVsPlain: 1.0, // traced autograd at least as fast as the plain loop
  traceOverhead: 1.1,
  traceBytes: 50 * 1024 * 1024,
  fixedMicros: 0.5,
  matmul1024VsPlain: 2.0,
};

const fmt = (x: number, digits = 2) => x.toFixed(digits);
const pad = (s: string | number, n: number) => String(s).padStart(n);
const verdict = (ok: boolean) => (ok ? "ok" : "MISS");
const mb = (bytes: number) => `${fmt(bytes / 1024 / 1024, 1)} MB`;

await useTfjsCpu();
const cpu = cpus();
console.log(`Stepbook kernel benchmark${quick ? " (--quick: rough figures)" : ""}`);
console.log(`node ${process.version}, ${cpu.length} x ${cpu[0]?.model ?? "unknown CPU"}; ` +
  `tfjs ${tf.version.tfjs} on its ${tf.getBackend()} backend computes in float32, we and the plain loop in float64`);
console.log("contenders alternate round by round; figures are medians, ratios are medians of same-round ratios\n");

// ---- lesson-size training -----------------------------------------------------------------------
const lesson = benchLesson(settings.epochs, settings.lessonRounds);
const LABELS: Record<LessonContender, string> = {
  stepbook: "stepbook autograd",
  stepbookTraced: "stepbook autograd, trace on",
  tfjs: "tfjs-cpu (float32)",
  plain: "plain Float64Array loop",
};
console.log(`Lesson: 300x2 -> 16 -> 16 -> 3, tanh, softmax + cross-entropy, full-batch GD, ` +
  `${lesson.epochs} epochs, ${settings.lessonRounds} rounds`);
console.log(`  ${"contender".padEnd(30)}${pad("epochs/s", 10)}${pad("speed vs plain", 16)}  final loss`);
for (const name of CONTENDERS) {
  console.log(`  ${LABELS[name].padEnd(30)}${pad(fmt(lesson.epochsPerSec[name], 0), 10)}` +
    `${pad(fmt(lesson.vsPlain[name]) + "x", 16)}  ${lesson.finalLoss[name].toPrecision(10)}`);
}
const range = ([lo, hi]: [number, number]) => `(rounds: ${fmt(lo)}-${fmt(hi)})`;
console.log(`  trace on / trace off time:   ${fmt(lesson.traceOverhead)}x ${range(lesson.traceOverheadRange)}   ` +
  `(target <= ${TARGETS.traceOverhead}x: ${verdict(lesson.traceOverhead <= TARGETS.traceOverhead)})`);
console.log(`  bytes the trace keeps:       ${mb(lesson.traceBytes)} by trace.bytes()   ` +
  `(target <= ${mb(TARGETS.traceBytes)}: ${verdict(lesson.traceBytes <= TARGETS.traceBytes)})`);
const retained = await measureRetained(makeProblem(0), settings.epochs);
const held = retained.arrayBuffers + retained.heap;
console.log(`  memory it really holds:      ${mb(held)} after GC (${mb(retained.arrayBuffers)} tensor values, ` +
  `${mb(retained.heap)} JS heap)   (target <= ${mb(TARGETS.traceBytes)}: ${verdict(held <= TARGETS.traceBytes)})`);
console.log(`  traced autograd vs plain:    ${fmt(lesson.vsPlain.stepbookTraced)}x the speed ${range(lesson.tracedVsPlainRange)}   ` +
  `(target >= ${TARGETS.tracedVsPlain}x: ${verdict(lesson.vsPlain.stepbookTraced >= TARGETS.tracedVsPlain)})\n`);

// ---- per-op costs -------------------------------------------------------------------------------
const ops = benchOps(settings.opRounds, settings.opMs);
console.log("Per op");
console.log(`  fixed cost, add on 1x1:               ${pad(fmt(ops.fixedMicros, 3), 8)} us   ` +
  `(target <= ${TARGETS.fixedMicros} us: ${verdict(ops.fixedMicros <= TARGETS.fixedMicros)})`);
console.log(`  the same, one input requires grad:    ${pad(fmt(ops.fixedMicrosGrad, 3), 8)} us`);
console.log(`  add 300x16: np ${fmt(ops.add300x16Micros, 1)} us, raw loop ${fmt(ops.rawAdd300x16Micros, 1)} us ` +
  `-> np takes ${fmt(ops.add300x16VsRaw)}x the raw loop's time\n`);

// ---- matmul ---------------------------------------------------------------------------------------
const mm = benchMatmul(settings.matmulRounds, settings.matmulMs, settings.matmulMaxRows);
const sizes = matmulSizes(settings.matmulMaxRows);
console.log(`Matmul GFLOP/s (2mkn / time), ${settings.matmulRounds} rounds` +
  (quick ? `; --quick cuts the 1024 product to ${settings.matmulMaxRows} rows of A` : ""));
console.log(`  ${"m x k x n".padEnd(18)}${pad("stepbook", 10)}${pad("tfjs-cpu", 10)}${pad("plain i-k-j", 13)}${pad("vs plain", 10)}${pad("vs tfjs", 9)}`);
for (const key of Object.keys(sizes) as MatmulKey[]) {
  console.log(`  ${sizes[key].join(" x ").padEnd(18)}${pad(fmt(mm.gflops[key]), 10)}${pad(fmt(mm.tfjsGflops[key]), 10)}` +
    `${pad(fmt(mm.plainGflops[key]), 13)}${pad(fmt(mm.gflops[key] / mm.plainGflops[key]) + "x", 10)}` +
    `${pad(fmt(mm.gflops[key] / mm.tfjsGflops[key]) + "x", 9)}`);
}
const vsPlain1024 = mm.gflops.n1024 / mm.plainGflops.n1024;
console.log(`  1024 vs plain i-k-j: ${fmt(vsPlain1024)}x   ` +
  `(target >= ${TARGETS.matmul1024VsPlain}x: ${verdict(vsPlain1024 >= TARGETS.matmul1024VsPlain)})`);

if (jsonFile !== null) {
  const figures = {
    lesson: {
      epochsPerSec: lesson.epochsPerSec,
      traceOverhead: lesson.traceOverhead,
      traceBytes: lesson.traceBytes,
    },
    op: { fixedMicros: ops.fixedMicros, add300x16VsRaw: ops.add300x16VsRaw },
    matmul: { gflops: mm.gflops, tfjsGflops: mm.tfjsGflops },
  };
  writeFileSync(jsonFile, JSON.stringify(figures, null, 2) + "\n");
  console.log(`\nfigures written to ${jsonFile}`);
}
