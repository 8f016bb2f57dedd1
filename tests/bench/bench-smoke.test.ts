// The benchmark runs end to end: `bench/run.ts --quick --json FILE` writes every figure the issue
// names as a positive finite number, in Node and (where /usr/bin/chromium is) in headless Chromium,
// with the backend each figure was measured on. No timing is asserted: this machine's speed is not the point.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CHROMIUM } from "../../bench/chromium.ts";

const KEYS = [
  "lesson.epochsPerSec.stepbook", "lesson.epochsPerSec.stepbookTraced", "lesson.epochsPerSec.tfjs", "lesson.epochsPerSec.tfjsWasm",
  "lesson.epochsPerSec.plain", "lesson.epochsPerSec.stepbookJs", "lesson.epochsPerSec.stepbookJsTraced",
  "lesson.traceOverhead", "lesson.traceOverheadJs", "lesson.traceBytes",
  "op.fixedMicros", "op.add300x16VsRaw", "op.js.fixedMicros", "op.js.add300x16VsRaw",
  ...["add", "mul", "exp", "log", "tanh", "sigmoid", "relu", "sqrt", "sum"].flatMap((op) =>
    ["n4800", "n262144"].flatMap((n) => [`op.nsPerElement.${n}.${op}`, `op.js.nsPerElement.${n}.${op}`])),
  ...["n300x2x16", "n300x3x16", "n300x16x16", "n16x300x16T", "n256", "n1024"].flatMap((n) =>
    ["gflops", "kernelGflops", "jsGflops", "tfjsGflops"].map((k) => `matmul.${k}.${n}`)),
  "mnist.rows", "mnist.secondsPerEpoch.wasm", "mnist.secondsPerEpoch.js",
  // np.matmul on 1 and 2 threads (in Chromium, from a worker of the bench page)
  "matmul.threads.available", ...["gflops1", "gflops2", "speedup"].flatMap((k) => ["n256", "n1024"].map((n) => `matmul.threads.${k}.${n}`)),
];
/** measured in Node only: CPU time per product, the live views' cost to a training loop and the +/== check's to a number loop, the a[i] check's to an index loop and the condition and Math spread checks' to a loop of calls, on the in-process kernel. */
const NODE_KEYS = [
  ...["digits", "synthetic"].flatMap((k) => ["samplesPerSec.stepbook", "samplesPerSec.tfjs", "epochs", "rows"].map((f) => `nn.fit.${k}.${f}`)),
  ...["cpuMs1", "cpuMs2"].flatMap((k) => ["n256", "n1024"].map((n) => `matmul.threads.${k}.${n}`)),
  "liveViews.ratio", "liveViews.plainMs", "liveViews.liveMs", "liveViews.frames", "liveViews.epochs", "liveViews.rounds",
  "cellOperators.ratio", "cellOperators.checkedMs", "cellOperators.uncheckedMs", "cellOperators.additions", "cellOperators.rounds",
  "cellOperators.index.ratio", "cellOperators.index.checkedMs", "cellOperators.index.uncheckedMs", "cellOperators.index.reads",
  "cellOperators.conditions.ratio", "cellOperators.conditions.checkedMs", "cellOperators.conditions.uncheckedMs", "cellOperators.conditions.calls"];
const BACKEND_KEYS = ["lesson.backend", "op.backend", "op.js.backend", "matmul.backend"];

function leaves(value: unknown, path = "", out: string[] = []): string[] {
  if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) leaves(v, path ? `${path}.${k}` : k, out);
  } else out.push(path);
  return out;
}
const at = (o: unknown, key: string) => key.split(".").reduce((v: any, k) => v?.[k], o);

describe("npm run bench", () => {
  it("--quick --json writes every figure, for Node and Chromium, with its backend", () => {
    const dir = mkdtempSync(join(tmpdir(), "stepbook-bench-"));
    try {
      const file = join(dir, "bench.json");
      execFileSync(process.execPath, ["--import", "tsx", "bench/run.ts", "--quick", "--json", file], { stdio: "pipe" });
      const figures = JSON.parse(readFileSync(file, "utf8"));
      const runtimes = existsSync(CHROMIUM) ? ["", "chromium."] : [""];
      if (existsSync(CHROMIUM)) expect(figures.chromium).toBeDefined();
      const torch = figures.lesson.epochsPerSec.torch === undefined ? [] : ["lesson.epochsPerSec.torch"];
      for (const prefix of runtimes) {
        const keys = [...KEYS, ...BACKEND_KEYS, ...(prefix === "" ? [...torch, ...NODE_KEYS] : [])].map((k) => prefix + k);
        const got = leaves(figures).filter((k) => (prefix === "" ? !k.startsWith("chromium.") : k.startsWith(prefix)));
        expect(got.sort()).toEqual(keys.sort());
        for (const key of [...KEYS, ...(prefix === "" ? NODE_KEYS : [])].map((k) => prefix + k)) {
          const value = at(figures, key);
          expect(Number.isFinite(value) && value > 0, `${key} = ${value}`).toBe(true);
        }
        for (const key of BACKEND_KEYS) expect(at(figures, prefix + key)).toBe(key.startsWith("op.js") ? "js" : "wasm");
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});
