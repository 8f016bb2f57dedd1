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
