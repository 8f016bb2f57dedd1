// The `${expr}`s of a document's prose, found by the same markdown-it rule that renders them
// (so the exporter, the live app and the tests agree on what counts as one).
import type { NotebookDoc } from "../document/index.ts";
import { createMarkdown } from "./markdown.ts";

export function inlineExpressions(doc: NotebookDoc): { cellId: string; expr: string }[] {
  const md = createMarkdown();
  const found: { cellId: string; expr: string }[] = [];
  for (const cell of doc.cells) {
    if (cell.type !== "markdown") continue;
    for (const token of md.parse(cell.source, {})) {
      for (const child of token.children ?? []) if (child.type === "inline_expr") found.push({ cellId: cell.id, expr: child.content });
    }
  }
  return found;
}

/**
 * Where each `${expr}` is evaluated: right after the code cell before its markdown cell (so the prose
 * shows the values as they are at that point of the lesson, even if a later cell redefines a name).
 * Markdown before the first code cell goes with the first code cell. Keys are `expressionKey`s.
 */
export function inlineExpressionsByCodeCell(doc: NotebookDoc): Map<string, Record<string, string>> {
  const byMarkdown = new Map<string, string[]>();
  for (const { cellId, expr } of inlineExpressions(doc)) byMarkdown.set(cellId, [...(byMarkdown.get(cellId) ?? []), expr]);
  const groups = new Map<string, Record<string, string>>();
  const codeIds = doc.cells.filter((c) => c.type === "code").map((c) => c.id);
  let owner: string | undefined = codeIds[0];
  for (const cell of doc.cells) {
    if (cell.type === "code") owner = cell.id;
    const exprs = byMarkdown.get(cell.id);
    if (!exprs || owner === undefined) continue;
    const group = groups.get(owner) ?? {};
    for (const expr of exprs) group[expressionKey(cell.id, expr)] = expr;
    groups.set(owner, group);
  }
  return groups;
}

/** The key of one `${expr}` of one markdown cell (the same text may stand in several cells). */
export function expressionKey(cellId: string, expr: string): string {
  return JSON.stringify([cellId, expr]);
}

export function parseExpressionKey(key: string): { cellId: string; expr: string } {
  const [cellId, expr] = JSON.parse(key) as [string, string];
  return { cellId, expr };
}
