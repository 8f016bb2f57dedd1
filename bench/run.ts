// `npm run bench`: every figure of the kernel's benchmark in one run, in Node and in headless
// Chromium (the same bench code bundled by Vite, bench/chromium.ts), on both backends side by side.
//   --quick        a smoke run (few epochs and rounds; the figures are rough)
//   --json FILE    also write the figures as JSON
//   --no-chromium  Node only
//   --only PARTS   only these parts, comma-separated: lesson (with PyTorch), ops, matmul, mnist (Node and
//                  Chromium), nn, live, cell (Node only); not with --json, which writes every figure
import { writeFileSync } from "node:fs";
import { cpus } from "node:os";
import * as tf from "@tensorflow/tfjs";
import { measureAll, SETTINGS, PARTS, type Figures, type Settings } from "./figures.ts";
import { CONTENDERS, type LessonContender } from "./lesson-bench.ts";
import { measureRetained } from "./lesson-memory.ts";
import { makeProblem } from "./lesson-data.ts";
import { PER_ELEMENT_OPS } from "./ops.ts";
import { matmulSizes, type MatmulKey } from "./matmul.ts";
import { THREAD_SIZES } from "./threads.ts";
import { runInChromium, hasChromium } from "./chromium.ts";
import { benchTorch } from "./torch.ts";
import { getBackend } from "../kernel/tensor/backend.ts";
import { benchNNFit } from "./nn-fit.ts";
import { measureLiveViews } from "./live-views.ts";
import { measureCellOperators } from "./cell-operators.ts";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const jsonAt = args.indexOf("--json");
const jsonFile = jsonAt >= 0 ? args[jsonAt + 1] : null;
if (jsonAt >= 0 && !jsonFile) throw new Error("bench: --json needs a file name");
const onlyAt = args.indexOf("--only");
const only = onlyAt >= 0 ? new Set((args[onlyAt + 1] ?? "").split(",")) : null;
const NODE_PARTS = ["nn", "live", "cell"];
for (const part of only ?? []) {
  if (![...PARTS, ...NODE_PARTS].includes(part)) throw new Error(`bench: --only: unknown part "${part}"; use ${[...PARTS, ...NODE_PARTS].join(", ")}`);
}
if (only !== null && jsonFile !== null) throw new Error("bench: --json writes every figure; leave out --only");
const want = (part: string) => only === null || only.has(part);
const settings: Settings = { ...SETTINGS[quick ? "quick" : "full"], parts: PARTS.filter(want) };

const TARGETS = {
  traceOverhead: 1.1,
  traceBytes: 50 * 1024 * 1024,
  heldVsCounted: 1.1, // the tensor values alive with the trace vs what trace.bytes() says it keeps: more is a leak
  fixedMicros: 0.5,
  tracedVsPlainChromium: 3.0, // traced lesson training in Chromium vs the plain loop there
  tracedVsTorch: 2.0, // and vs PyTorch float64
  gflops1024: 15,
  gemm1024VsJs: 4,
  liveViews: 1.1, // a hand loop redrawing live views vs the same loop without them
  cellOperators: 1.25, // a cell's number loop through the +/== check (and a[i], a.length through __sb.rows; if (f(i)), Math.max(...a)) vs the same loop unchecked
};

const fmt = (x: number | undefined, digits = 2) => (x === undefined || !Number.isFinite(x) ? "-" : x.toFixed(digits));
const pad = (s: string | number, n: number) => String(s).padStart(n);
const verdict = (ok: boolean) => (ok ? "ok" : "MISS");
const mb = (bytes: number) => `${fmt(bytes / 1024 / 1024, 1)} MB`;

const cpu = cpus();
console.log(`Stepbook kernel benchmark${quick ? " (--quick: rough figures)" : ""}`);
console.log(`node ${process.version}, ${cpu.length} x ${cpu[0]?.model ?? "unknown CPU"}; default backend: ${getBackend()}; ` +
  `tfjs ${tf.version.tfjs} (cpu and wasm backends) computes in float32, we, the plain loop and PyTorch in float64`);
console.log("contenders alternate round by round; figures are medians, ratios are medians of same-round ratios\n");

const node = await measureAll(settings);
const torch = want("lesson") ? benchTorch(settings.epochs, settings.lessonRounds) : null;
const retained = want("lesson") ? await measureRetained(makeProblem(0), settings.epochs) : null;
let chromium: Figures | null = null;
let chromiumVersion = "";
if (!args.includes("--no-chromium") && hasChromium()) {
  try {
    const run = await runInChromium(settings);
    chromium = run.figures;
    chromiumVersion = run.version;
  } catch (error) {
    console.error(`Chromium run failed; Node figures only:\n${(error as Error).stack ?? error}`);
  }
}
const runtimes: [string, Figures | null][] = [["Node", node], [`Chromium ${chromiumVersion}`, chromium]];
console.log(chromium === null ? "Chromium: not run (no /usr/bin/chromium, or --no-chromium)\n" : "");

// ---- lesson-size training -----------------------------------------------------------------------
if (want("lesson")) {
  const LABELS: Record<LessonContender, string> = {
    wasm: "stepbook, wasm backend",
    wasmTraced: "stepbook, wasm, trace on",
    js: "stepbook, js backend",
    jsTraced: "stepbook, js, trace on",
    tfjs: "tfjs-cpu (float32)",
    tfjsWasm: "tfjs-wasm, 1 thread (float32)",
    plain: "plain Float64Array loop",
  };
  console.log(`Lesson: 300x2 -> 16 -> 16 -> 3, tanh, softmax + cross-entropy, full-batch GD, ` +
    `${settings.epochs} epochs, ${settings.lessonRounds} rounds (epochs/s, and speed vs the plain loop in the same runtime)`);
  console.log(`  ${"contender".padEnd(28)}${runtimes.map(([r]) => pad(r.split(" ")[0], 10) + pad("vs plain", 10)).join("")}  final loss (Node)`);
  for (const name of CONTENDERS) {
    console.log(`  ${LABELS[name].padEnd(28)}${runtimes.map(([, f]) =>
      pad(fmt(f?.lesson.epochsPerSec[name], 0), 10) + pad(f ? fmt(f.lesson.vsPlain[name]) + "x" : "-", 10)).join("")}` +
      `  ${(node.lesson.finalLoss[name] ?? NaN).toPrecision(10)}`);
  }
  console.log(`  ${"PyTorch float64, 1 thread".padEnd(28)}${pad(fmt(torch?.epochsPerSec, 0), 10)}${pad("", 30)}  ` +
    (torch ? `${torch.finalLoss.toPrecision(10)} (torch ${torch.torch})` : "not run (no /usr/bin/python3 with torch)"));
  for (const [r, f] of runtimes) {
    if (f === null) continue;
    for (const b of ["wasm", "js"] as const) {
      console.log(`  ${r.split(" ")[0]}, ${b}: trace on / off time ${fmt(f.lesson.traceOverhead[b])}x ` +
        `(rounds ${f.lesson.traceOverheadRange[b].map((x) => fmt(x)).join("-")}; target <= ${TARGETS.traceOverhead}x: ` +
        `${verdict(f.lesson.traceOverhead[b] <= TARGETS.traceOverhead)})`);
    }
  }
  console.log(`  bytes the trace keeps: ${mb(node.lesson.traceBytes)} by trace.bytes(); memory it really holds after GC ` +
    `(Node): ${mb(retained!.arrayBuffers + retained!.heap)} (target <= ${mb(TARGETS.traceBytes)}: ` +
    `${verdict(retained!.arrayBuffers + retained!.heap <= TARGETS.traceBytes)})`);
  const held = retained!.arrayBuffers / retained!.counted;
  console.log(`  tensor values alive with the trace / what it counts: ${fmt(held)}x (target <= ${TARGETS.heldVsCounted}x: ` +
    `${verdict(held <= TARGETS.heldVsCounted)}; more means it holds values it does not know of)`);
  if (chromium) {
    const v = chromium.lesson.vsPlain.wasmTraced;
    console.log(`  Chromium, traced wasm vs the plain loop there: ${fmt(v)}x (target >= ${TARGETS.tracedVsPlainChromium}x: ` +
      `${verdict(v >= TARGETS.tracedVsPlainChromium)})`);
    if (torch) {
      const vt = chromium.lesson.epochsPerSec.wasmTraced / torch.epochsPerSec;
      console.log(`  Chromium, traced wasm vs PyTorch: ${fmt(vt)}x (target >= ${TARGETS.tracedVsTorch}x: ${verdict(vt >= TARGETS.tracedVsTorch)})`);
    }
  }
  console.log("");
}

// ---- per-op costs -------------------------------------------------------------------------------
if (want("ops")) {
  console.log("Per op (us), per backend");
  console.log(`  ${"".padEnd(36)}${runtimes.map(([r]) => pad(`${r.split(" ")[0]} wasm`, 14) + pad(`${r.split(" ")[0]} js`, 14)).join("")}`);
  const opRow = (label: string, pick: (f: Figures, b: "wasm" | "js") => number, digits = 3) =>
    console.log(`  ${label.padEnd(36)}${runtimes.map(([, f]) => pad(f ? fmt(pick(f, "wasm"), digits) : "-", 14) + pad(f ? fmt(pick(f, "js"), digits) : "-", 14)).join("")}`);
  opRow("fixed cost, add on 1x1", (f, b) => f.ops[b].fixedMicros);
  opRow("the same, one input requires grad", (f, b) => f.ops[b].fixedMicrosGrad);
  opRow("add 300x16 (us)", (f, b) => f.ops[b].add300x16Micros, 1);
  opRow("add 300x16 / a raw loop's time", (f, b) => f.ops[b].add300x16VsRaw);
  console.log(`  fixed-cost target <= ${TARGETS.fixedMicros} us: Node wasm ${verdict(node.ops.wasm.fixedMicros <= TARGETS.fixedMicros)}`);
  for (const size of ["n4800", "n262144"] as const) {
    console.log(`  ns per element, ${size === "n4800" ? "300x16" : "512x512"}`);
    for (const op of PER_ELEMENT_OPS) opRow(`    ${op}`, (f, b) => f.ops[b].nsPerElement[size][op], 2);
  }
  console.log("");
}

// ---- matmul ---------------------------------------------------------------------------------------
if (want("matmul")) {
  const sizes = matmulSizes(settings.matmulMaxRows);
  console.log(`Matmul GFLOP/s (2mkn / time), ${settings.matmulRounds} rounds` +
    (quick ? `; --quick cuts the 1024 product to ${settings.matmulMaxRows} rows of A` : "") + "; ...T: Aᵀ B");
  console.log(`  ("kern": the WASM kernel alone, operands already in its memory; "wasm": np.matmul on the wasm backend)`);
  console.log(`  ${"m x k x n".padEnd(18)}${runtimes.map(([r]) => ["kern", "wasm", "js", "tfjs", "plain"].map((c) => pad(`${r.split(" ")[0].slice(0, 4)} ${c}`, 11)).join("")).join(" |")}`);
  for (const key of Object.keys(sizes) as MatmulKey[]) {
    console.log(`  ${(sizes[key].join(" x ") + (key.endsWith("T") ? " T" : "")).padEnd(18)}${runtimes.map(([, f]) =>
      [f?.matmul.kernelGflops[key], f?.matmul.gflops[key], f?.matmul.jsGflops[key], f?.matmul.tfjsGflops[key], f?.matmul.plainGflops[key]].map((x) => pad(fmt(x), 11)).join("")).join(" |")}`);
  }
  console.log(`  np.matmul (wasm) on 1 and 2 threads, GFLOP/s by wall time, ${settings.threadRounds} alternating rounds` +
    "; speedup: the median same-round ratio; CPU: the process's ms per product, all threads");
  for (const key of THREAD_SIZES) {
    console.log(`  ${sizes[key].join(" x ").padEnd(20)}${runtimes.map(([r, f]) => {
      const t = f?.matmul.threads;
      const name = r.split(" ")[0];
      if (t === undefined || t.available < 2) return `${name}: one thread only here`;
      const cpu = t.cpuMs1 && t.cpuMs2 ? `, CPU ${fmt(t.cpuMs1[key], 1)} -> ${fmt(t.cpuMs2[key], 1)} ms` : "";
      return `${name}: ${fmt(t.gflops1![key])} -> ${fmt(t.gflops2![key])} (${fmt(t.speedup![key])}x${cpu})`;
    }).join(" | ")}`);
  }
  for (const [r, f] of runtimes) {
    if (f === null) continue;
    const g = f.matmul.gflops.n1024, vs = g / f.matmul.jsGflops.n1024;
    console.log(`  ${r.split(" ")[0]} 1024: wasm ${fmt(g)} GFLOP/s (target >= ${TARGETS.gflops1024}: ${verdict(g >= TARGETS.gflops1024)}), ` +
      `${fmt(vs)}x the js backend (target >= ${TARGETS.gemm1024VsJs}x: ${verdict(vs >= TARGETS.gemm1024VsJs)})`);
  }
  console.log("");
}

// ---- a larger network -------------------------------------------------------------------------------
if (want("mnist")) {
  console.log(`${node.mnist.rows} x 784 -> 128 (tanh) -> 10, mini-batches of 64, one epoch (seconds)`);
  for (const [r, f] of runtimes) {
    if (f !== null) console.log(`  ${r.split(" ")[0].padEnd(10)} wasm ${fmt(f.mnist.seconds.wasm, 3)} s   js ${fmt(f.mnist.seconds.js, 3)} s`);
  }
}

/** The figures as JSON: the keys earlier runs wrote (for the default backend), plus both backends. */
function toJson(f: Figures) {
  return {
    lesson: {
      backend: "wasm",
      epochsPerSec: {
        stepbook: f.lesson.epochsPerSec.wasm, stepbookTraced: f.lesson.epochsPerSec.wasmTraced,
        tfjs: f.lesson.epochsPerSec.tfjs, tfjsWasm: f.lesson.epochsPerSec.tfjsWasm, plain: f.lesson.epochsPerSec.plain,
        stepbookJs: f.lesson.epochsPerSec.js, stepbookJsTraced: f.lesson.epochsPerSec.jsTraced,
      },
      traceOverhead: f.lesson.traceOverhead.wasm,
      traceOverheadJs: f.lesson.traceOverhead.js,
      traceBytes: f.lesson.traceBytes,
    },
    op: {
      backend: "wasm",
      fixedMicros: f.ops.wasm.fixedMicros, add300x16VsRaw: f.ops.wasm.add300x16VsRaw,
      nsPerElement: f.ops.wasm.nsPerElement,
      js: { backend: "js", fixedMicros: f.ops.js.fixedMicros, add300x16VsRaw: f.ops.js.add300x16VsRaw, nsPerElement: f.ops.js.nsPerElement },
    },
    matmul: { backend: "wasm", gflops: f.matmul.gflops, kernelGflops: f.matmul.kernelGflops, jsGflops: f.matmul.jsGflops, tfjsGflops: f.matmul.tfjsGflops, threads: f.matmul.threads },
    mnist: { rows: f.mnist.rows, secondsPerEpoch: f.mnist.seconds },
  };
}

// nn's model.fit against tfjs's on the same models (Node)
const nnFit = want("nn") ? await benchNNFit(quick) : null;
if (nnFit) console.log("\nnn fit, samples/s (Adam; Node; tfjs-cpu in float32, nn in float64)");
for (const [name, label] of !nnFit ? [] : [["digits", `digits 1797 x 64 -> 128 -> 10, batch 32, ${nnFit.digits.epochs} epochs`], ["synthetic", `${nnFit.synthetic.rows} x 784 -> 128 -> 10, batch 64, 1 epoch`]] as const) {
  const f = nnFit![name];
  console.log(`  ${label.padEnd(52)} nn ${pad(fmt(f.samplesPerSec.stepbook, 0), 8)}   tfjs ${pad(fmt(f.samplesPerSec.tfjs, 0), 8)}   nn/tfjs ${fmt(f.samplesPerSec.stepbook / f.samplesPerSec.tfjs)}`);
}

// ---- live views (display's throttled handle redrawing a boundary and a loss curve every epoch) -----
const live = want("live") ? await measureLiveViews(settings.epochs, Math.max(3, settings.lessonRounds)) : null;
if (live) console.log(`\nLive views: ${live.epochs} epochs of a 2 -> 16 -> 1 hand loop, redrawing the boundary and the loss every epoch (4 fps, ${live.frames} frames drawn)`);
if (live) console.log(`  plain ${fmt(live.plainMs, 0)} ms, live ${fmt(live.liveMs, 0)} ms: live / plain ${fmt(live.ratio)}x (target <= ${TARGETS.liveViews}: ${verdict(live.ratio <= TARGETS.liveViews)})`);

// ---- a cell's + and == checked for tensors (kernel/runtime/rewrite.ts), on plain numbers -------------
const cellOps = want("cell") ? await measureCellOperators(quick ? 200_000 : 2_000_000, quick ? 3 : 7) : null;
if (cellOps) console.log(`\nCell operators: a loop of ${cellOps.additions} number additions in a cell, s = s + i (checked for tensors) vs s = s - -i`);
if (cellOps) console.log(`  checked ${fmt(cellOps.checkedMs, 1)} ms, unchecked ${fmt(cellOps.uncheckedMs, 1)} ms: checked / unchecked ${fmt(cellOps.ratio)}x (target <= ${TARGETS.cellOperators}: ${verdict(cellOps.ratio <= TARGETS.cellOperators)})`);
if (cellOps) console.log(`Cell indexing: ${cellOps.index.reads} reads a[i] of an array and a Float64Array in a cell, with a.length in the loop test, checked for tensors (__sb.rows) vs unchecked`);
if (cellOps) console.log(`  checked ${fmt(cellOps.index.checkedMs, 1)} ms, unchecked ${fmt(cellOps.index.uncheckedMs, 1)} ms: checked / unchecked ${fmt(cellOps.index.ratio)}x (target <= ${TARGETS.cellOperators}: ${verdict(cellOps.index.ratio <= TARGETS.cellOperators)})`);
if (cellOps) console.log(`Cell conditions: ${cellOps.conditions.calls} iterations of flag = !flag; if (even(i) && flag) s = s - -Math.max(...a) on numbers and an array in a cell, checked for tensors (__sb.truth, __sb.mathSpread) vs unchecked`);
if (cellOps) console.log(`  checked ${fmt(cellOps.conditions.checkedMs, 1)} ms, unchecked ${fmt(cellOps.conditions.uncheckedMs, 1)} ms: checked / unchecked ${fmt(cellOps.conditions.ratio)}x (target <= ${TARGETS.cellOperators}: ${verdict(cellOps.conditions.ratio <= TARGETS.cellOperators)})`);

if (jsonFile !== null) {
  const out: Record<string, unknown> = toJson(node);
  out.nn = { fit: nnFit };
  out.liveViews = live;
  out.cellOperators = cellOps;
  if (torch) (out.lesson as { epochsPerSec: Record<string, number> }).epochsPerSec.torch = torch.epochsPerSec;
  if (chromium) out.chromium = toJson(chromium);
  writeFileSync(jsonFile, JSON.stringify(out, null, 2) + "\n");
  console.log(`\nfigures written to ${jsonFile}`);
}
