// The lecturer edits a lesson in the page while the file may change underneath (an editor, another tab's
// save). A three-way merge per cell decides whether both changes can land: from the version both started
// from (`base`), the page's (`mine`) and the file's (`theirs`). Cells are matched by their ids, which are
// stable (ui/document/cell-ids.ts), then by unchanged text (prose takes its id from the code cell after
// it, which may change when a code cell is inserted right below it): the file may add, remove or move
// cells and the page's edits of other cells still land. A cell changed on one side only takes that side; a cell changed on both sides the same
// way is fine; a cell changed differently on both sides, or changed here and deleted there, is a conflict,
// and so is a page whose own cells differ from the base's (the page never adds or removes cells itself).
import type { Cell, NotebookDoc } from "../document/index.ts";

export type LessonMerge = { doc: NotebookDoc } | { conflicts: string[] };

const sameCells = (a: NotebookDoc, b: NotebookDoc) =>
  a.cells.length === b.cells.length && a.cells.every((c, i) => c.id === b.cells[i].id && c.type === b.cells[i].type);

const sameSources = (a: NotebookDoc, b: NotebookDoc) => sameCells(a, b) && a.cells.every((c, i) => c.source === b.cells[i].source);

/** The file's version with the page's edits applied, or the ids of the cells (or "structure") that clash. */
export function mergeLesson(base: NotebookDoc, mine: NotebookDoc, theirs: NotebookDoc): LessonMerge {
  if (sameSources(mine, base)) return { doc: theirs };
  if (!sameCells(base, mine)) return { conflicts: ["structure"] };
  const theirsById = new Map<string, Cell>(theirs.cells.map((c) => [c.id, c]));
  const edits = new Map<string, string>();
  const conflicts: string[] = [];
  base.cells.forEach((was, i) => {
    const ours = mine.cells[i].source;
    if (ours === was.source) return;
    const byId = theirsById.get(was.id);
    if (byId && byId.type === was.type && byId.source === ours) return; // the same change there
    // unchanged there: by id, else (a prose id derived from a neighbour that moved) by its unchanged text
    const target = byId && byId.type === was.type && byId.source === was.source ? byId
      : theirs.cells.find((c) => c.type === was.type && c.source === was.source && !edits.has(c.id));
    if (target) edits.set(target.id, ours);
    else conflicts.push(was.id); // changed differently there, or gone
  });
  if (conflicts.length > 0) return { conflicts };
  return { doc: { ...theirs, cells: theirs.cells.map((c) => (edits.has(c.id) ? { ...c, source: edits.get(c.id)! } : c)) } };
}
