// Values for `${expr}` in prose, from the kernel's variable summaries (no code runs for them):
// `${X}` shows X's summary, `${X.shape}` its shape. Other expressions keep the placeholder until
// an exported page brings pre-computed values.
import type { VariableSummary } from "../../kernel/protocol/values.ts";
import type { NotebookDoc } from "../document/index.ts";

const EXPR = /\$\{\s*([A-Za-z_$][\w$]*)(\.shape)?\s*\}/g;

export function inlineValues(doc: NotebookDoc, variables: readonly VariableSummary[]): Record<string, string> {
  const byName = new Map(variables.map((v) => [v.name, v]));
  const values: Record<string, string> = {};
  for (const cell of doc.cells) {
    if (cell.type !== "markdown") continue;
    for (const m of cell.source.matchAll(EXPR)) {
      const v = byName.get(m[1]!);
      if (!v) continue;
      const expr = m[1]! + (m[2] ?? "");
      values[expr] = m[2] ? (v.shape ? `(${v.shape.join(", ")})` : "()") : v.summary;
    }
  }
  return values;
}
