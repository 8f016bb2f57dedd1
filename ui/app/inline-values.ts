// Values for `${expr}` in prose: running a code cell asks the kernel (Jupyter's user_expressions) for
// the expressions of the prose that follows it, up to the next code cell, so each shows the value at
// its own point of the lesson; the page keeps the latest text of each that succeeded.
import type { UserExpressionResult } from "../../kernel/protocol/messages.ts";
import type { NotebookDoc } from "../document/index.ts";
import type { CellValues } from "../render/render.ts";
import { inlineExpressionsByCodeCell, parseExpressionKey } from "../render/inline-expressions.ts";

/** The expressions to evaluate after running `codeCellId`, keyed by expressionKey. */
export function userExpressionsOf(doc: NotebookDoc, codeCellId: string): Record<string, string> | undefined {
  return inlineExpressionsByCodeCell(doc).get(codeCellId);
}

/** New values over old: an expression that now fails keeps its placeholder rather than a stale value. */
export function mergeInlineValues(previous: CellValues, results: Record<string, UserExpressionResult> | undefined): CellValues {
  if (!results) return previous;
  const next: Record<string, Record<string, string>> = { ...previous };
  for (const [key, r] of Object.entries(results)) {
    const { cellId, expr } = parseExpressionKey(key);
    const cell = { ...(next[cellId] ?? {}) };
    if (r.status === "ok") cell[expr] = r.text;
    else delete cell[expr];
    next[cellId] = cell;
  }
  return next;
}
