import MarkdownIt, { type Token } from "markdown-it";

/** A fenced block at the top level of a lesson body: lines [start, end), end past the closing line. */
export interface FenceBlock {
  start: number;
  end: number;
  /** The fence run, e.g. "```" or "~~~~". */
  markup: string;
  info: string;
  closed: boolean;
}

// The same block grammar as the renderer (CommonMark, raw HTML off), so a fence inside a list item,
// a block quote or an indented code block is prose here exactly when it is prose on the page.
const blockParser = new MarkdownIt({ html: false });

const CLOSING_FENCE = /^ {0,3}(`{3,}|~{3,})[ \t\r]*$/;

/** Finds the fenced blocks at the top level of `lines` (a body split on "\n"). */
export function findTopLevelFences(lines: string[]): FenceBlock[] {
  // markdown-it also breaks lines at a lone "\r"; blank it so its line numbers stay ours.
  const src = lines.join("\n").replaceAll("\r", " ");
  const tokens: Token[] = [];
  blockParser.block.parse(src, blockParser, {}, tokens);
  const fences: FenceBlock[] = [];
  for (const token of tokens) {
    if (token.type !== "fence" || token.level !== 0 || !token.map) continue;
    const [start, end] = token.map;
    fences.push({ start, end, markup: token.markup, info: token.info, closed: end - 1 > start && closes(lines[end - 1]!, token.markup) });
  }
  return fences;
}

/** True when `line` closes a fence opened with `markup` (same character, at least as long). */
export function closes(line: string, markup: string): boolean {
  const run = CLOSING_FENCE.exec(line)?.[1];
  return run !== undefined && run[0] === markup[0] && run.length >= markup.length;
}

/** The fence run that opens `line`, e.g. "````" for "````ts {#a}". */
export function fenceRun(line: string): string {
  return /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1] ?? "```";
}

/** A fence run long enough that no line of `source` closes it early. */
export function safeFenceRun(source: string, preferred: string): string {
  const char = preferred[0] === "~" ? "~" : "`";
  let length = Math.max(3, preferred.length);
  for (const line of source.split("\n")) {
    const run = CLOSING_FENCE.exec(line)?.[1];
    if (run && run[0] === char) length = Math.max(length, run.length + 1);
  }
  return char.repeat(length);
}
