// `$inline$` and `$$display$$` math, rendered by KaTeX.
// Inline math follows Pandoc's rule so prose money stays prose: the opening `$` is not followed by
// whitespace, the closing `$` is not preceded by whitespace nor followed by a digit ("$5 and $6").
// `${expr}` is an inline expression (inline-expr-plugin), never math.
// A display block is `$$` at the start of a line up to a line ending in `$$`, optionally followed
// by an attribute block that the equation-labels plugin reads: `$$ ... $$ {#eq-z1 binds=Z1}`.

import type { MarkdownIt, StateBlock, StateInline } from "markdown-it";
import { MAX_PAGE_TEX, renderTex, type TexBudget } from "./katex-render.ts";
import type { RenderEnv } from "./env.ts";

// The end of a display block: text without `$$`, then `$$`, then an optional `{attributes}`.
const BLOCK_END = /^((?:[^$]|\$(?!\$))*)\$\$[ \t]*(?:\{([^{}]*)\})?[ \t]*$/;
// Longer than any real derivation; bounds the search for a closing `$$` in hostile input.
const MAX_BLOCK_LINES = 100;

export function mathPlugin(md: MarkdownIt): void {
  md.block.ruler.before("fence", "math_block", mathBlock, { alt: ["paragraph", "reference", "blockquote", "list"] });
  md.inline.ruler.after("escape", "math_inline", mathInline);
  md.renderer.rules.math_inline = (tokens, idx, _options, env?: RenderEnv) => renderTex(tokens[idx]!.content, tokens[idx]!.markup === "$$", undefined, budgetOf(env));
  // focusable: a wide equation scrolls sideways (a phone), and a keyboard must be able to scroll it
  md.renderer.rules.math_block = (tokens, idx, _options, env?: RenderEnv) => `<div class="math-display" tabindex="0">${renderTex(tokens[idx]!.content, true, undefined, budgetOf(env))}</div>\n`;
}

/** One TeX allowance per render: a page (renderDocument shares its env across the cells). */
function budgetOf(env: RenderEnv | undefined): TexBudget | undefined {
  if (!env) return undefined;
  return (env.texBudget ??= { left: MAX_PAGE_TEX }) as TexBudget;
}

function mathBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false; // an indented code block
  const lineText = (line: number) => state.src.slice(state.bMarks[line]! + state.tShift[line]!, state.eMarks[line]);
  const first = lineText(startLine);
  if (!first.startsWith("$$")) return false;

  const parts: string[] = [];
  let line = startLine;
  let end = BLOCK_END.exec(first.slice(2));
  if (!end) {
    if (/\$\$/.test(first.slice(2))) return false; // `$$a$$ and more` is a paragraph with inline math
    parts.push(first.slice(2));
    // A blank line or the end of the enclosing block (a list item, a quote) leaves it unclosed.
    const last = Math.min(endLine, startLine + MAX_BLOCK_LINES);
    for (line = startLine + 1; line < last && !end; line++) {
      if (state.isEmpty(line) || state.sCount[line]! < state.blkIndent) return false;
      end = BLOCK_END.exec(lineText(line));
      if (!end) parts.push(lineText(line));
    }
    if (!end) return false;
    line--;
  }
  if (silent) return true;
  parts.push(end[1]!);
  const token = state.push("math_block", "math", 0);
  token.block = true;
  token.content = parts.join("\n").trim();
  token.info = end[2] ?? "";
  token.markup = "$$";
  token.map = [startLine, line + 1];
  state.line = line + 1;
  return true;
}

function mathInline(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const start = state.pos;
  if (src[start] !== "$" || src[start + 1] === "{") return false;
  const display = src[start + 1] === "$";
  const delimiter = display ? "$$" : "$";
  const from = start + delimiter.length;
  if (!display && /\s/.test(src[from] ?? " ")) return false;
  const close = findUnescaped(src, delimiter, from, state.posMax);
  if (close < 0 || close === from) return false;
  if (!display && (/\s/.test(src[close - 1]!) || /\d/.test(src[close + 1] ?? ""))) return false;
  if (!silent) {
    const token = state.push("math_inline", "math", 0);
    token.content = src.slice(from, close);
    token.markup = delimiter;
  }
  state.pos = close + delimiter.length;
  return true;
}

/** The index of the first `needle` at or after `from` that no backslash escapes, or -1. */
function findUnescaped(src: string, needle: string, from: number, max: number): number {
  for (let i = src.indexOf(needle, from); i >= 0 && i + needle.length <= max; i = src.indexOf(needle, i + 1)) {
    let slashes = 0;
    while (src[i - 1 - slashes] === "\\") slashes++;
    if (slashes % 2 === 0) return i;
  }
  return -1;
}
