// Pre-running a lesson at build time: every code cell in order in one kernel (the contained child
// process `stepbook run` uses; see SECURITY.md), then every `${expr}` of the prose. The first error stops the export and
// says where: the file, the cell and the line in the file.
import { containedKernel } from "../../kernel/host/contained.ts";
import type { ErrorMessage, KernelMessage } from "../../kernel/protocol/messages.ts";
import type { NotebookDoc } from "../document/types.ts";
import { referenceOf } from "../document/exercises.ts";
import { inlineExpressionsByCodeCell, parseExpressionKey } from "../render/inline-expressions.ts";
import { cellStartLines } from "../document/lines.ts";

export const DEFAULT_CELL_TIMEOUT_MS = 30_000;

export interface LessonRun {
  /** the messages of each code cell, by cell id. */
  messages: Map<string, KernelMessage[]>;
  executionCounts: Map<string, number>;
  /** `${expr}` -> the text/plain of its value. */
  /** markdown cell id -> `${expr}` -> the text of its value where the cell stands. */
  values: Record<string, Record<string, string>>;
}

/** A lesson that does not run. The message names the file, the cell and the line. */
export class LessonRunError extends Error {
  override name = "LessonRunError";
  constructor(readonly file: string, readonly cellId: string, readonly line: number | null, readonly detail: string) {
    super(`${file}${line !== null ? `:${line}` : ""}: cell #${cellId} failed: ${detail}`);
  }
}

export interface RunOptions {
  cellTimeoutMs?: number;
}

export async function runLesson(doc: NotebookDoc, file: string, options: RunOptions = {}): Promise<LessonRun> {
  const timeoutMs = options.cellTimeoutMs ?? DEFAULT_CELL_TIMEOUT_MS;
  const starts = cellStartLines(doc);
  const host = await containedKernel();
  const run: LessonRun = { messages: new Map(), executionCounts: new Map(), values: Object.create(null) as Record<string, Record<string, string>> };
  try {
    const expressions = inlineExpressionsByCodeCell(doc);
    for (const cell of doc.cells) {
      if (cell.type !== "code") continue;
      const userExpressions = expressions.get(cell.id);
      const { reply, messages } = await host.execute(cell.source, { cellId: cell.id, trace: cell.options.trace === true, timeoutMs, userExpressions, reference: referenceOf(doc, cell) });
      run.messages.set(cell.id, messages);
      run.executionCounts.set(cell.id, reply.executionCount);
      if (reply.status !== "ok") {
        const error = messages.find((m): m is ErrorMessage => m.type === "error");
        // The error may sit in a function another cell defined: point at that line, and say so.
        const at = error?.position ?? null;
        const start = starts.get(at?.cellId ?? cell.id);
        const line = start === undefined ? null : start + (at?.line ?? 1) - 1;
        const other = at && at.cellId !== cell.id ? ` (in a function of cell #${at.cellId})` : "";
        const where = at ? `line ${at.line} of the cell${other}: ` : "";
        throw new LessonRunError(file, cell.id, line, `${where}${error ? `${error.ename}: ${error.evalue}` : `status ${reply.status}`}`);
      }
      // the prose after this cell shows values as they are now (a later cell may redefine a name)
      for (const [key, result] of Object.entries(reply.userExpressions ?? {})) {
        const { cellId, expr } = parseExpressionKey(key);
        if (result.status !== "ok") throw new LessonRunError(file, cellId, starts.get(cellId) ?? null, `\${${expr}}: ${result.ename}: ${result.evalue}`);
        (run.values[cellId] ??= Object.create(null) as Record<string, string>)[expr] = result.text;
      }
    }
    const late = await host.settle();
    const last = doc.cells.filter((c) => c.type === "code").at(-1);
    if (late !== null && last) throw new LessonRunError(file, last.id, starts.get(last.id) ?? null, late);
    return run;
  } finally {
    host.dispose();
  }
}
