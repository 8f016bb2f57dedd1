// The one Markdown + math pipeline: the browser app and the Node static exporter both render
// lessons with an instance made here, so a page looks the same live and exported.

import MarkdownIt, { type MarkdownIt as Markdown } from "markdown-it";
import { codeBlockPlugin } from "./code-block-plugin.ts";
import { equationLabelsPlugin } from "./equation-labels-plugin.ts";
import { inlineExprPlugin } from "./inline-expr-plugin.ts";
import { mathPlugin } from "./math-plugin.ts";
import { safeLinksPlugin } from "./safe-links-plugin.ts";

/** The markdown-it options a caller may choose; raw HTML and linkify stay off regardless. */
export interface CreateMarkdownOptions {
  /** Turn single newlines in a paragraph into `<br>` (off, as in CommonMark). */
  breaks?: boolean;
  /** Smart quotes and dashes (off). */
  typographer?: boolean;
}

export function createMarkdown(options: CreateMarkdownOptions = {}): Markdown {
  // html: false shows raw HTML in a lesson as text; lessons are untrusted.
  const md = new MarkdownIt({ html: false, linkify: false, breaks: options.breaks ?? false, typographer: options.typographer ?? false });
  return md.use(mathPlugin).use(equationLabelsPlugin).use(inlineExprPlugin).use(safeLinksPlugin).use(codeBlockPlugin);
}
