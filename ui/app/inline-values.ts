// Values for `${expr}` in prose: the kernel evaluates every expression of the lesson after each run
// (Jupyter's user_expressions) and the page shows the latest text of each that succeeded.
import type { UserExpressionResult } from "../../kernel/protocol/messages.ts";
import type { NotebookDoc } from "../document/index.ts";
import { inlineExpressions } from "../render/inline-expressions.ts";

/** The lesson's expressions, keyed by their own text (the key renderDocument's `values` uses). */
export function userExpressionsOf(doc: NotebookDoc): Record<string, string> {
  return Object.fromEntries(inlineExpressions(doc).map(({ expr }) => [expr, expr]));
}

/** New values over old: an expression that now fails keeps its placeholder rather than a stale value. */
export function mergeInlineValues(previous: Record<string, string>, results: Record<string, UserExpressionResult> | undefined): Record<string, string> {
  if (!results) return previous;
  const next = { ...previous };
  for (const [expr, r] of Object.entries(results)) {
    if (r.status === "ok") next[expr] = r.text;
    else delete next[expr];
  }
  return next;
}
