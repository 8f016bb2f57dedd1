// Every lesson runs end to end in the contained kernel process (what `stepbook run` and the exporter use), and
// what the page says agrees with what the code computes:
//  - every code cell, solutions included, runs without an error, in document order, in one kernel;
//  - every `check(...)` outside an exercise cell passes (exercise cells start with the student's
//    unfinished code, whose check is expected to fail until the student fills it in);
//  - every `binds=` of an equation names a top-level variable the lesson defines (the names the CLI's
//    `--json` writes under "variables");
//  - every inline `${expr}` of the prose evaluates without an error where it stands (after the code
//    cell before it), as the app and the exporter evaluate it.
// The export check ("every lesson exports") belongs to the exporter's tests: add it there, or here once
// `stepbook export` exists.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { containedKernel } from "../../kernel/host/contained.ts";
import type { KernelMessage } from "../../kernel/protocol/messages.ts";
import { MIME, type CheckPayload } from "../../kernel/protocol/mime.ts";
import { equationBinds, lessonFiles, loadLesson, type Lesson } from "./lessons.ts";
import { referenceOf } from "../../ui/document/index.ts";
import { inlineExpressions, inlineExpressionsByCodeCell, parseExpressionKey } from "../../ui/render/inline-expressions.ts";

interface CellRun {
  id: string;
  line: number;
  status: string;
  errors: string[];
  checks: CheckPayload[];
  exercise: boolean;
}

interface LessonRun {
  lesson: Lesson;
  cells: CellRun[];
  variables: string[];
  inline: { expr: string; status: string; error: string }[];
}

// generous: the machine running the tests may be loaded (training cells take a few seconds when it is not)
const CELL_TIMEOUT_MS = 60_000;

function errorsOf(messages: KernelMessage[]): string[] {
  return messages.filter((m) => m.type === "error").map((m) => (m.type === "error" ? `${m.ename}: ${m.evalue}\n${m.traceback.join("\n")}` : ""));
}

function checksOf(messages: KernelMessage[]): CheckPayload[] {
  const out: CheckPayload[] = [];
  for (const m of messages) {
    if (m.type !== "display_data" && m.type !== "execute_result") continue;
    const payload = m.data[MIME.check];
    if (payload) out.push(payload as unknown as CheckPayload);
  }
  return out;
}

async function runLesson(file: string): Promise<LessonRun> {
  const lesson = loadLesson(file);
  const host = await containedKernel();
  try {
    const cells: CellRun[] = [];
    const inline: LessonRun["inline"] = [];
    const expressions = inlineExpressionsByCodeCell(lesson.doc);
    for (const { cell, firstLine } of lesson.code) {
      const userExpressions = expressions.get(cell.id);
      const { reply, messages } = await host.execute(cell.source, { cellId: cell.id, trace: cell.options.trace === true, timeoutMs: CELL_TIMEOUT_MS, userExpressions, reference: referenceOf(lesson.doc, cell) });
      // each ${expr} is evaluated where its prose stands: after the code cell before it
      for (const [key, r] of Object.entries(reply.userExpressions ?? {})) {
        inline.push({ expr: parseExpressionKey(key).expr, status: r.status, error: r.status === "error" ? `${r.ename}: ${r.evalue}` : "" });
      }
      cells.push({ id: cell.id, line: firstLine, status: reply.status, errors: errorsOf(messages), checks: checksOf(messages), exercise: cell.options.exercise !== undefined });
      if (reply.status !== "ok") break;
    }
    const variables = Object.keys(await host.variableValues());
    return { lesson, cells, variables, inline };
  } finally {
    host.dispose();
  }
}

const files = lessonFiles();
const runs = new Map<string, LessonRun>();

beforeAll(async () => {
  for (const file of files) runs.set(file, await runLesson(file));
}, 900_000);

afterAll(() => runs.clear());

describe.each(files)("%s", (file) => {
  it("runs every cell without an error", () => {
    const run = runs.get(file)!;
    const failed = run.cells.filter((c) => c.status !== "ok");
    const report = failed.map((c) => `${file}:${c.line} cell #${c.id} ${c.status}\n${c.errors.join("\n")}`).join("\n\n");
    expect(report).toBe("");
    expect(run.cells.length).toBe(run.lesson.code.length);
  });

  it("passes every check outside exercise cells", () => {
    const run = runs.get(file)!;
    const failing = run.cells.flatMap((c) => (c.exercise ? [] : c.checks.filter((k) => !k.pass).map((k) => `${file}:${c.line} cell #${c.id}: ${k.message}`)));
    expect(failing).toEqual([]);
  });

  it("binds equations only to variables the lesson defines", () => {
    const run = runs.get(file)!;
    const defined = new Set(run.variables);
    const missing = equationBinds(run.lesson).flatMap(({ label, binds }) => binds.filter((b) => !defined.has(b)).map((b) => `${label} binds ${b}`));
    expect(missing).toEqual([]);
  });

  it("evaluates every inline ${expr}", () => {
    const run = runs.get(file)!;
    const broken = run.inline.filter((i) => i.status !== "ok").map((i) => `\${${i.expr}}: ${i.error}`);
    expect(broken).toEqual([]);
    expect(run.inline.length).toBe(inlineExpressions(run.lesson.doc).length);
  });
});
