// Equation labels and references, numbered by the document rather than by KaTeX:
//   $$ Z_1 = X W_1 + b_1 $$ {#eq-z1 binds=Z1,dW1}   -> a numbered equation with id="eq-z1"
//   as @eq-z1 shows                                  -> <a href="#eq-z1" class="eq-ref">(1)</a>
//   a neuron (@eq-z1)                                -> a neuron (<a href="#eq-z1" class="eq-ref">1</a>), not ((1))
// Numbers follow the order of labelled equations in the document; a reference may come before its
// equation, even in an earlier cell, because references are resolved when rendering, after parsing.

import type { MarkdownIt, StateCore, StateInline, Token } from "markdown-it";
import { parseAttributes } from "../document/attributes.ts";
import { equationsOf, type RenderEnv } from "./env.ts";

const LABEL = /^[A-Za-z][\w-]*$/;
// Sticky, so matching at a position does not copy the rest of the paragraph.
const REF = /@(eq-[A-Za-z0-9_-]*[A-Za-z0-9_])/y;
// A reference inside "(...)" that holds only references: "(@eq-a)", "(@eq-a, @eq-b and @eq-c)".
const REFS_BEFORE = /\((?:\s*@eq-[\w-]+\s*(?:,|and)\s*)*$/;
const REFS_AFTER = /^(?:\s*(?:,|and)\s*@eq-[\w-]+)*\s*\)/;

export function equationLabelsPlugin(md: MarkdownIt): void {
  md.core.ruler.after("block", "equation_labels", numberEquations);
  md.inline.ruler.after("escape", "eq_ref", equationRef);
  const escape = md.utils.escapeHtml;

  md.renderer.rules.equation_open = (tokens, idx, options, env, self) => `<div${self.renderAttrs(tokens[idx]!)}>\n`;
  md.renderer.rules.equation_number = (tokens, idx) => `<span class="eq-number">${escape(tokens[idx]!.content)}</span>\n`;
  md.renderer.rules.equation_close = () => "</div>\n";
  md.renderer.rules.eq_ref = (tokens, idx, options, env) => {
    const label = tokens[idx]!.content;
    const number = equationsOf((env ?? {}) as RenderEnv).numbers.get(label);
    return number === undefined
      ? `<span class="eq-ref-missing" title="no equation is labelled ${escape(label)}">@${escape(label)}</span>`
      : `<a href="#${escape(label)}" class="eq-ref">${tokens[idx]!.meta?.bare ? number : `(${number})`}</a>`;
  };
}

/** Wraps each labelled display equation in `equation_open`, its number, and `equation_close`. */
function numberEquations(state: StateCore): void {
  const equations = equationsOf(state.env as RenderEnv);
  const out: Token[] = [];
  for (const token of state.tokens) {
    const attributes = token.type === "math_block" && token.info ? parseAttributes(token.info) : undefined;
    const id = attributes?.ok ? attributes.attributes.find((a) => a.kind === "id")?.value : undefined;
    if (!attributes?.ok || id === undefined || !LABEL.test(id)) {
      out.push(token);
      continue;
    }
    const bindsValue = attributes.attributes.find((a) => a.kind === "pair" && a.key === "binds");
    const binds = bindsValue?.kind === "pair" ? bindsValue.value.split(",").map((b) => b.trim()).filter((b) => b !== "") : [];
    const open = new state.Token("equation_open", "div", 1);
    open.block = true;
    let number: string;
    if (equations.defined.has(id)) {
      // A second equation with the same label: show it, flagged, but do not steal the first's id.
      open.attrSet("class", "equation eq-label-duplicate");
      open.attrSet("title", `the label ${id} is used twice`);
      number = "(?)";
    } else {
      const n = equations.numbers.get(id) ?? equations.next;
      equations.next = Math.max(equations.next, n + 1);
      equations.numbers.set(id, n);
      equations.defined.add(id);
      equations.table.push({ label: id, number: n, binds, cellId: equations.cellId });
      open.attrSet("class", "equation");
      open.attrSet("id", id);
      number = `(${n})`;
    }
    if (binds.length > 0) open.attrSet("data-binds", binds.join(" "));
    const numberToken = new state.Token("equation_number", "span", 0);
    numberToken.content = number;
    out.push(open, token, numberToken, new state.Token("equation_close", "div", -1));
  }
  state.tokens = out;
}

function equationRef(state: StateInline, silent: boolean): boolean {
  const start = state.pos;
  if (state.src[start] !== "@") return false;
  // `name@eq-x.org` is an e-mail address, not a reference.
  if (start > 0 && /[\w.+-]/.test(state.src[start - 1]!)) return false;
  REF.lastIndex = start;
  const match = REF.exec(state.src);
  if (!match || start + match[0].length > state.posMax) return false;
  if (!silent) {
    const token = state.push("eq_ref", "", 0);
    token.content = match[1]!;
    // already in the author's parentheses, alone or in a list "(@eq-a, @eq-b)": no second pair of its own
    const before = state.src.slice(Math.max(0, start - 200), start), after = state.src.slice(start + match[0].length, start + match[0].length + 200);
    if (REFS_BEFORE.test(before) && REFS_AFTER.test(after)) token.meta = { bare: true };
  }
  state.pos += match[0].length;
  return true;
}
