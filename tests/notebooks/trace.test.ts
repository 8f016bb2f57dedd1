// Every traced cell of the course steps through with names, not values or internal ids, in valid
// KaTeX; and the step lists of lessons 06, 08, 09, 15 and 17 (backprop by hand, vectorised, softmax +
// cross-entropy, the cost back through nn's layers, the gradient into the input) match golden files that were read against each lesson's derivation once.
// A changed step list writes tests/fixtures/trace/NAME-changed.txt to diff; UPDATE_GOLDEN=1 rewrites.
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import katex from "katex";
import { describe, expect, it } from "vitest";
import { NodeKernelHost } from "../../kernel/host/node.ts";
import type { TraceSummary } from "../../kernel/protocol/values.ts";
import { visibleLength } from "../../kernel/trace/tex.ts";
import { denominators } from "./denominators.ts";
import { lessonFiles, loadLesson, REPO } from "./lessons.ts";

const GOLDEN = join(REPO, "tests/fixtures/trace");
const GOLDEN_LESSONS = ["06", "08", "09", "15", "17"];

async function traces(file: string): Promise<Map<string, TraceSummary>> {
  const lesson = loadLesson(file);
  const host = new NodeKernelHost();
  const out = new Map<string, TraceSummary>();
  try {
    for (const { cell } of lesson.code) {
      const traced = cell.options.trace === true;
      const { messages } = await host.execute(cell.source, { cellId: cell.id, timeoutMs: 120_000, trace: traced });
      const t = messages.find((m) => m.type === "trace");
      if (traced && t?.type === "trace") out.set(cell.id, t.trace);
    }
  } finally {
    host.dispose();
  }
  return out;
}

/** One line per step: what a student reads (where, phase, op, shapes, the formula). */
function stepList(trace: TraceSummary): string {
  return trace.records.map((r) => {
    const where = r.group === "iteration" ? `${r.group} ${r.iteration}${r.batch !== null ? ` batch ${r.batch}` : ""}` : r.group;
    const shapes = `${r.shapes.inputs.map((s) => `(${s.join(",")})`).join(" ")} -> (${r.shapes.output.join(",")})`;
    const reduce = r.reduce ? ` [sum axis ${r.reduce.axes.join(",")}]` : "";
    return `${r.step} | ${where} | ${r.phase} ${r.op} ${shapes}${reduce} | ${r.latex}`;
  }).join("\n") + "\n";
}

/** the widest name a gradient is written of, in glyphs: ∂L/∂(tanh(…) W_2 + b_2 - Y), not the whole model */
const GRAD_NAME_GLYPHS = 14;

/** a tensor's values in a formula: [0.1,\ 0.2, ...] or three numbers in a row */
const LIST = /\[\s*-?\d[\d.e+-]*\s*,\\ |\[\s*-?\d[\d.e+-]*\s*,\s*-?\d[\d.e+-]*\s*,\s*-?\d/;

describe.each(lessonFiles())("%s", (file) => {
  it("every traced step is valid KaTeX with names, never an internal id or a list of values; gradients of short names", async () => {
    const all = await traces(file);
    const bad: string[] = [];
    for (const [cell, trace] of all) {
      for (const r of trace.records) {
        const where = `${file} #${cell} step ${r.step} (${r.op})`;
        for (const tex of [r.latex, r.rule, ...(r.grads ?? []).map((g) => g.chain)]) {
          if (/t_\{\d/.test(tex)) bad.push(`${where}: internal id in ${tex}`);
          if (LIST.test(tex)) bad.push(`${where}: a tensor printed as a list in ${tex}`);
          try {
            katex.renderToString(tex, { throwOnError: true });
          } catch (error) {
            bad.push(`${where}: ${(error as Error).message}`);
          }
        }
        for (const name of denominators(r.latex)) {
          if (visibleLength(name) > GRAD_NAME_GLYPHS) bad.push(`${where}: ∂ of a name ${visibleLength(name)} glyphs wide: ${name}`);
        }
        if (/#\d/.test(r.inputLabels.join(" "))) bad.push(`${where}: internal id in labels ${r.inputLabels.join(", ")}`);
      }
    }
    expect(bad).toEqual([]);
    const n = file.slice(0, 2);
    if (!GOLDEN_LESSONS.includes(n)) return;
    expect(all.size).toBeGreaterThan(0);
    for (const [cell, trace] of all) {
      const path = join(GOLDEN, `${file.replace(/\.md$/, "")}.${cell}.txt`);
      const changed = path.replace(/\.txt$/, "-changed.txt");
      const text = stepList(trace);
      if (process.env.UPDATE_GOLDEN === "1" || !existsSync(path)) writeFileSync(path, text);
      const golden = readFileSync(path, "utf8");
      if (golden !== text) writeFileSync(changed, text);
      else if (existsSync(changed)) rmSync(changed);
      expect(text === golden, `${path} differs: see ${changed}`).toBe(true);
    }
  }, 600_000);
});
