// The benchmark runs end to end: `bench/run.ts --quick --json FILE` writes every figure the issue
// names as a positive finite number. No timing is asserted: this machine's speed is not the point.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const KEYS = [
  "lesson.epochsPerSec.stepbook", "lesson.epochsPerSec.stepbookTraced", "lesson.epochsPerSec.tfjs",
  "lesson.epochsPerSec.plain", "lesson.traceOverhead", "lesson.traceBytes",
  "op.fixedMicros", "op.add300x16VsRaw",
  "matmul.gflops.n300x3x16", "matmul.gflops.n256", "matmul.gflops.n1024",
  "matmul.tfjsGflops.n300x3x16", "matmul.tfjsGflops.n256", "matmul.tfjsGflops.n1024",
];

describe("npm run bench", () => {
  it("--quick --json writes every figure as a positive finite number", () => {
    const dir = mkdtempSync(join(tmpdir(), "stepbook-bench-"));
    try {
      const file = join(dir, "bench.json");
      execFileSync(process.execPath, ["--import", "tsx", "bench/run.ts", "--quick", "--json", file], { stdio: "pipe" });
      const figures = JSON.parse(readFileSync(file, "utf8"));
      const leaves: string[] = [];
      const walk = (value: unknown, path: string) => {
        if (typeof value === "object" && value !== null) {
          for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
        } else leaves.push(path);
      };
      walk(figures, "");
      expect(leaves.sort()).toEqual([...KEYS].sort());
      for (const key of KEYS) {
        const value = key.split(".").reduce((o: any, k) => o[k], figures);
        expect(Number.isFinite(value) && value > 0, `${key} = ${value}`).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
