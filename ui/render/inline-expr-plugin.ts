// `${expr}` in prose shows a kernel value: live in the app once the defining cell ran, and the
// pre-computed value in an exported page. Here it becomes
//   <span class="inline-expr" data-expr="expr">value or …</span>
// and the value is always escaped text: kernel output never becomes markup.

import type { MarkdownIt, StateInline } from "markdown-it";
import type { RenderEnv } from "./env.ts";
import { formatShape } from "../../kernel/tensor/shape.ts";

export const PLACEHOLDER = "…";
// Expressions are short; the bound keeps a paragraph of unclosed `${` from taking quadratic time.
const MAX_EXPR_LENGTH = 500;

export function inlineExprPlugin(md: MarkdownIt): void {
  md.inline.ruler.after("escape", "inline_expr", inlineExpr);
  const escape = md.utils.escapeHtml;
  md.renderer.rules.inline_expr = (tokens, idx, options, env) => {
    const expr = tokens[idx]!.content;
    const values = (env as RenderEnv | undefined)?.values;
    // Object.hasOwn: `${constructor}` must not find Object.prototype.constructor.
    const value = values && Object.hasOwn(values, expr) ? shapeAsTuple(expr, String(values[expr])) : PLACEHOLDER;
    return `<span class="inline-expr" data-expr="${escape(expr)}">${escape(value)}</span>`;
  };
}

/**
 * numpy shows a shape as a tuple, so `${X.shape}` reads (6, 2) as a numpy user expects, not the
 * JavaScript list [6, 2] the kernel's value prints as ((16,) for one axis, () for none).
 */
export function shapeAsTuple(expr: string, value: string): string {
  const list = /^\[(\d+(?:, \d+)*)?\]$/.exec(value);
  if (!/\.shape$/.test(expr) || list === null) return value;
  return formatShape(list[1] === undefined ? [] : list[1].split(", ").map(Number));
}

function inlineExpr(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const start = state.pos;
  if (src[start] !== "$" || src[start + 1] !== "{") return false;
  const close = matchingBrace(src, start + 1, Math.min(state.posMax, start + 2 + MAX_EXPR_LENGTH));
  if (close < 0) return false;
  const expr = src.slice(start + 2, close).trim();
  if (expr === "") return false;
  if (!silent) state.push("inline_expr", "", 0).content = expr;
  state.pos = close + 1;
  return true;
}

/** The index of the `}` closing the `{` at `open`, skipping braces inside JS string literals. */
function matchingBrace(src: string, open: number, max: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < max; i++) {
    const ch = src[i]!;
    if (quote) {
      if (ch === "\\") i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'" || ch === "`") quote = ch;
    else if (ch === "{") depth++;
    else if (ch === "}" && --depth === 0) return i;
  }
  return -1;
}
