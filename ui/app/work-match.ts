// Finding the student's saved edits in a lesson that changed since they made them. An edit is kept by the
// id of its cell; ids are stable (ui/document/cell-ids.ts), so a cell the lecturer inserted, moved or
// deleted elsewhere never moves an edit. A cell is found by its id, then by its content (the lesson's
// text of the cell when the edit began, from the work's `base`: how records saved before the lessons had
// ids find their cells), never by position alone: an id made from a position (`cell-3`) counts only when
// the cell there still has the content it had. An edit whose cell is gone becomes an orphan, which the
// page shows for copying or restoring; it is never dropped.
import { DERIVED_ID, PROSE_PREFIX } from "../document/cell-ids.ts";
import { parseNotebook, type Cell, type NotebookDoc } from "../document/index.ts";
import { ADDED_PREFIX, ORPHAN_KEY, type Orphan, type SavedWork } from "./saved-work.ts";

/** An id made from the cell's position (`cell-3`, or prose named after one: `md-cell-3`), not from the file. */
export function isPositional(id: string): boolean {
  return DERIVED_ID.test(id) || (id.startsWith(PROSE_PREFIX) && DERIVED_ID.test(id.slice(PROSE_PREFIX.length)));
}

/** The lesson text the work started from, parsed; undefined when it cannot be read. */
export function baseDoc(work: Pick<SavedWork, "base" | "lesson">): NotebookDoc | undefined {
  try {
    return parseNotebook(work.base, `${work.lesson}.md`);
  } catch {
    return undefined;
  }
}

/**
 * Which cell of `doc` each cell of `base` became: the cell with the same id (when the id is its own, or
 * the content is unchanged), else an unclaimed cell of the same type and content. Cells of `base` that
 * are in neither way are not in the map (changed past recognition, or deleted).
 */
export function matchCells(base: NotebookDoc, doc: NotebookDoc): Map<string, string> {
  const byId = new Map(doc.cells.map((c) => [c.id, c]));
  const map = new Map<string, string>();
  const claimed = new Set<string>();
  for (const b of base.cells) {
    const here = byId.get(b.id);
    if (here && here.type === b.type && (!isPositional(b.id) || here.source === b.source)) {
      map.set(b.id, b.id);
      claimed.add(b.id);
    }
  }
  const unclaimed = (b: Cell) => doc.cells.find((c) => !claimed.has(c.id) && c.type === b.type && c.source === b.source);
  for (const b of base.cells) {
    if (map.has(b.id)) continue;
    const here = unclaimed(b);
    if (here) { map.set(b.id, here.id); claimed.add(here.id); }
  }
  return map;
}

/** Where an id of the work's points in `doc`: through the match with the base, or its own id in `doc` when the base never had it. */
function resolver(base: NotebookDoc | undefined, doc: NotebookDoc): (id: string) => string | undefined {
  const map = base ? matchCells(base, doc) : new Map<string, string>();
  const inBase = new Set(base?.cells.map((c) => c.id) ?? []);
  const inDoc = new Set(doc.cells.map((c) => c.id));
  return (id) => (inBase.has(id) ? map.get(id) : inDoc.has(id) && !isPositional(id) ? id : undefined);
}

/**
 * The work with every lesson-cell id pointing at the cell it means in `doc`; edits whose cell is gone move
 * to `orphans` (with the cell's lesson text and where it stood). The same work when nothing moved.
 */
export function matchWork(doc: NotebookDoc, work: SavedWork, now = Date.now()): SavedWork {
  const base = baseDoc(work);
  const resolve = resolver(base, doc);
  const mine = (id: string) => id.startsWith(ADDED_PREFIX);
  let moved = false;
  const sources: Record<string, string> = {};
  const stamps: Record<string, number> = { ...work.stamps };
  const orphans: Orphan[] = [...(work.orphans ?? [])];
  for (const [id, source] of Object.entries(work.sources)) {
    if (mine(id)) { sources[id] = source; continue; }
    const to = resolve(id);
    if (to === id) { sources[id] = source; continue; }
    moved = true;
    if (to !== undefined && !Object.hasOwn(sources, to) && !Object.hasOwn(work.sources, to)) {
      sources[to] = source;
      if (stamps[id] !== undefined) stamps[to] = stamps[id]!;
      stamps[id] = now; // a tombstone: another tab's older record does not bring the old key back
      continue;
    }
    // the cell is gone: an orphan, placed after the nearest cell before it that is still there
    const cells = base?.cells ?? [];
    const at = cells.findIndex((c) => c.id === id);
    let after: string | null = null;
    for (let k = at - 1; k >= 0 && after === null; k--) after = resolve(cells[k]!.id) ?? null;
    const lessonSource = at === -1 ? undefined : cells[at]!.source;
    const orphanId = orphans.some((o) => o.id === id) ? `${id}-${now.toString(36)}` : id;
    orphans.push({ id: orphanId, source, after, savedAt: now, ...(lessonSource !== undefined ? { lessonSource } : {}) });
    stamps[`${ORPHAN_KEY}${orphanId}`] = now;
    stamps[id] = now; // a tombstone, as above
  }
  const mapIds = (ids: readonly string[] | undefined) => ids?.flatMap((id) => (mine(id) ? [id] : resolve(id) ?? []));
  const removed = mapIds(work.removed);
  const revealed = mapIds(work.revealed) ?? [];
  const kept = mapIds(work.kept);
  const added = work.added?.map((a) => ({ id: a.id, after: a.after === null || mine(a.after) ? a.after : resolve(a.after) ?? a.after }));
  const same = (a: readonly unknown[] | undefined, b: readonly unknown[] | undefined) => JSON.stringify(a) === JSON.stringify(b);
  if (!moved && same(removed, work.removed) && same(revealed, work.revealed) && same(kept, work.kept) && same(added, work.added)) return work;
  return {
    ...work, sources, stamps, revealed,
    ...(orphans.length ? { orphans } : {}),
    ...(removed ? { removed } : {}), ...(kept ? { kept } : {}), ...(added ? { added } : {}),
  };
}


/** The orphan back in the page, as a cell of the student's own where its cell stood. */
export function restoreOrphan(work: SavedWork, orphanId: string, newId: string, now = Date.now()): SavedWork {
  const orphan = work.orphans?.find((o) => o.id === orphanId);
  if (!orphan) return work;
  return {
    ...dropOrphan(work, orphanId, now),
    sources: { ...work.sources, [newId]: orphan.source },
    stamps: { ...work.stamps, [`${ORPHAN_KEY}${orphanId}`]: now, [newId]: now },
    added: [...(work.added ?? []), { id: newId, after: orphan.after }],
  };
}

/** The student no longer wants the orphan. */
export function dropOrphan(work: SavedWork, orphanId: string, now = Date.now()): SavedWork {
  const orphans = (work.orphans ?? []).filter((o) => o.id !== orphanId);
  return { ...work, orphans, stamps: { ...work.stamps, [`${ORPHAN_KEY}${orphanId}`]: now } };
}

/** Cells whose lesson text changed upstream since the student's edits began, and those of them the student also edited. */
export function upstreamChanges(base: NotebookDoc, current: NotebookDoc, sources: Readonly<Record<string, string>>): { changed: string[]; conflicts: string[] } {
  const map = matchCells(base, current);
  const before = new Map(base.cells.flatMap((c) => (map.has(c.id) ? [[map.get(c.id)!, c.source] as const] : [])));
  const changed = current.cells.filter((c) => before.get(c.id) !== c.source).map((c) => c.id);
  const conflicts = changed.filter((id) => Object.hasOwn(sources, id));
  return { changed, conflicts };
}
