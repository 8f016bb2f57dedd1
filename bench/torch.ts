// PyTorch float64 (one thread) on the lesson, in the same run: bench/torch_lesson.py with Debian's
// /usr/bin/python3, when it is there and has torch. Returns null otherwise (the bench says so).
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { makeProblem, N, SIZES, LEARNING_RATE } from "./lesson-data.ts";

export const PYTHON = process.env.STEPBOOK_PYTHON ?? "/usr/bin/python3";

export interface TorchFigures { epochsPerSec: number; finalLoss: number; torch: string }

export function benchTorch(epochs: number, rounds: number): TorchFigures | null {
  if (!existsSync(PYTHON)) return null;
  const p = makeProblem(0);
  const dir = mkdtempSync(path.join(tmpdir(), "stepbook-torch-"));
  try {
    const file = path.join(dir, "problem.json");
    writeFileSync(file, JSON.stringify({
      N, sizes: SIZES, learningRate: LEARNING_RATE,
      X: [...p.X], Y: [...p.Y], W: p.W.map((w) => [...w]), b: p.b.map((b) => [...b]),
    }));
    const script = path.join(import.meta.dirname, "torch_lesson.py");
    const out = execFileSync(PYTHON, [script, file, String(epochs), String(rounds)], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    return JSON.parse(out.trim().split("\n").pop()!) as TorchFigures;
  } catch (e) {
    if (process.env.STEPBOOK_DEBUG) console.error(e);
    return null; // no torch in that Python
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
