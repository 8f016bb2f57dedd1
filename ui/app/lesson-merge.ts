// The lecturer edits a lesson in the page while the file may change underneath (an editor, another tab's
// save). A three-way merge per cell decides whether both changes can land: from the version both started
// from (`base`), the page's (`mine`) and the file's (`theirs`). A cell changed on one side only takes that
// side; a cell changed on both sides the same way is fine; a cell changed differently on both sides is a
// conflict, and so is any change to the cells' order or number (cells are matched by position and id).
import type { NotebookDoc } from "../document/index.ts";

export type LessonMerge = { doc: NotebookDoc } | { conflicts: string[] };

const sameCells = (a: NotebookDoc, b: NotebookDoc) =>
  a.cells.length === b.cells.length && a.cells.every((c, i) => c.id === b.cells[i].id && c.type === b.cells[i].type);

const sameSources = (a: NotebookDoc, b: NotebookDoc) => sameCells(a, b) && a.cells.every((c, i) => c.source === b.cells[i].source);

/** The file's version with the page's edits applied, or the ids of the cells (or "structure") that clash. */
export function mergeLesson(base: NotebookDoc, mine: NotebookDoc, theirs: NotebookDoc): LessonMerge {
  if (sameSources(mine, base)) return { doc: theirs };
  if (!sameCells(base, mine) || !sameCells(base, theirs)) return { conflicts: ["structure"] };
  const conflicts: string[] = [];
  const cells = theirs.cells.map((cell, i) => {
    const was = base.cells[i].source;
    const ours = mine.cells[i].source;
    if (ours === was || ours === cell.source) return cell;
    if (cell.source === was) return { ...cell, source: ours };
    conflicts.push(cell.id);
    return cell;
  });
  return conflicts.length > 0 ? { conflicts } : { doc: { ...theirs, cells } };
}
