// Reads a lesson (.md) or notebook (.ipynb) with the document parser and lists its code cells, with the
// line of the file each cell's source starts on (for .md), so errors can say `lesson.md:42`.
import { DocumentError, parseNotebook, type CodeCell, type NotebookDoc } from "../document/index.ts";
import { InputError } from "./command.ts";

export interface LoadedCell {
  cell: CodeCell;
  /** index in the notebook's cells (markdown cells included). */
  index: number;
  /** 1-based line in the file of the cell's first source line; null for .ipynb. */
  firstLine: number | null;
}

export interface LoadedNotebook {
  doc: NotebookDoc;
  code: LoadedCell[];
}

export function loadNotebook(text: string, path: string): LoadedNotebook {
  let doc: NotebookDoc;
  try {
    doc = parseNotebook(text, path);
  } catch (error) {
    if (error instanceof DocumentError) throw new InputError(error.message);
    throw error;
  }
  const code = doc.cells.flatMap((cell, index) => (cell.type === "code" ? [{ cell, index, firstLine: null as number | null }] : []));
  if (/\.(md|markdown)$/i.test(path)) {
    const lines = tsFenceLines(text);
    // Only trust the lines when they match the parser's cells one for one.
    if (lines.length === code.length) code.forEach((c, i) => (c.firstLine = lines[i]));
  }
  return { doc, code };
}

/** The first source line (1-based) of every top-level ```ts fence, in order. */
function tsFenceLines(text: string): number[] {
  const out: number[] = [];
  let open: string | null = null;
  text.split(/\r?\n/).forEach((line, i) => {
    const fence = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
    if (!fence) return;
    if (open === null) {
      open = fence[1];
      if (/^ts(\s|\{|$)/.test(fence[2].trim())) out.push(i + 2);
    } else if (fence[1][0] === open[0] && fence[1].length >= open.length && fence[2].trim() === "") {
      open = null;
    }
  });
  return out;
}
