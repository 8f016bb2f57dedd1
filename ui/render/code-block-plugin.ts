// A lesson's own code blocks in its prose (a ```text diagram, an indented listing) keep their lines and
// scroll sideways in their box when wider than the column (a phone); a box that scrolls must be
// reachable by keyboard to be scrolled (axe: scrollable-region-focusable), as a display formula is.
import type { MarkdownIt as Markdown } from "markdown-it";

export function codeBlockPlugin(md: Markdown): void {
  for (const rule of ["fence", "code_block"] as const) {
    const base = md.renderer.rules[rule]!;
    md.renderer.rules[rule] = (tokens, idx, options, env, self) => base(tokens, idx, options, env, self).replace(/^<pre\b/, '<pre tabindex="0"');
  }
}
