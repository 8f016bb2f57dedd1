// Where each cell starts in its `.md` file (1-based line of its first source line), so an error in
// a cell's line 3 can be reported as `lesson.md:42`. The document keeps the raw text between cells in
// `layout`, which is enough to count lines; notebooks without layout (.ipynb) have no file lines.
import type { NotebookDoc } from "./types.ts";

export function cellStartLines(doc: NotebookDoc): Map<string, number> {
  const starts = new Map<string, number>();
  if (!doc.layout) return starts;
  const lines = (text: string) => text.split("\n").length - 1;
  // The front matter ends without its newline; the next cell's `before` starts with that newline.
  let line = 1 + lines(doc.layout.frontMatter);
  for (const cell of doc.cells) {
    if (!cell.layout) return new Map();
    line += lines(cell.layout.before);
    // a code cell, or prose or a raw cell written in a ````stepbook-markdown / stepbook-raw fence
    if (cell.layout.fence) {
      line += 1; // the opening fence
      starts.set(cell.id, line);
      line += cell.layout.fence.blankBody ? 1 : cell.source === "" ? 0 : lines(cell.source) + 1;
      // the closing fence is the last line of the cell: the next `before` starts with its newline
    } else {
      starts.set(cell.id, line);
      line += lines(cell.source);
    }
  }
  return starts;
}
