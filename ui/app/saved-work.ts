// The student's work on a lesson, kept in IndexedDB (idb-keyval): the lesson text their edits started
// from (`base`) and the source of every cell they changed. Kept apart from the lesson itself so an
// upstream change to the lesson never overwrites an edit: we compare the new lesson with `base`.
import { get, set, del } from "idb-keyval";
import type { Cell, CodeCell, NotebookDoc } from "../document/index.ts";

export interface SavedWork {
  version: 1;
  lesson: string;
  /** the lesson's text when the student first edited it. */
  base: string;
  /** cell id -> the student's source. */
  sources: Record<string, string>;
  /** cell ids whose hidden solution the student chose to reveal. */
  revealed: string[];
  /** code cells the student inserted, in page order, each placed right after the cell `after`
   * (a lesson cell or an earlier inserted one; null: at the top). Their sources are in `sources`. */
  added?: AddedCell[];
  /** lesson cells the student deleted: hidden for them until "Reset lesson". */
  removed?: string[];
  /** the values the student set on the lesson's widgets (ui.slider, ...), by widget name. */
  widgets?: Record<string, number | string | boolean>;
  /** cells changed upstream where the student chose "Keep mine" (until the next upstream change is accepted). */
  kept?: string[];
  savedAt: number;
}

export interface AddedCell { id: string; after: string | null }

/** The parts of the work that change the document the student sees. */
export type WorkEdits = Pick<SavedWork, "sources"> & Partial<Pick<SavedWork, "added" | "removed">>;

/** Ids of the student's own cells start with this (a lesson's ids never need to). */
export const ADDED_PREFIX = "mine-";

const key = (lesson: string) => `stepbook:work:${lesson}`;

export async function loadWork(lesson: string): Promise<SavedWork | undefined> {
  const w = await get<SavedWork>(key(lesson));
  return w && w.version === 1 ? w : undefined;
}

export async function saveWork(work: SavedWork): Promise<void> {
  await set(key(work.lesson), { ...work, savedAt: Date.now() });
}

export async function forgetWork(lesson: string): Promise<void> {
  await del(key(lesson));
}

/** The lesson as the student sees it: their sources in place, their inserted cells added and the
 * lesson cells they deleted left out. Edits to cells the lesson no longer has are dropped; an inserted
 * cell whose neighbour is gone goes to the end. */
export function applyWork(doc: NotebookDoc, work: WorkEdits): NotebookDoc {
  const { sources } = work;
  const cells: Cell[] = doc.cells.map((c) => (Object.hasOwn(sources, c.id) && sources[c.id] !== c.source ? { ...c, source: sources[c.id]! } : c));
  for (const { id, after } of work.added ?? []) {
    const at = after === null ? 0 : cells.findIndex((c) => c.id === after) + 1 || cells.length;
    cells.splice(at, 0, newCodeCell(id, sources[id] ?? ""));
  }
  const removed = new Set(work.removed ?? []);
  return { ...doc, cells: removed.size ? cells.filter((c) => !removed.has(c.id)) : cells };
}

export function newCodeCell(id: string, source = ""): CodeCell {
  return { id, type: "code", source, metadata: {}, options: {}, outputs: [], executionCount: null };
}

/** Insert a new code cell of the student's next to `target` (above or below it, as they see the page). */
export function insertCell(doc: NotebookDoc, work: SavedWork, target: string, where: "above" | "below", id: string): SavedWork {
  // Placed among all the cells, hidden ones too: right above or below the target.
  const full = applyWork(doc, { ...work, removed: [] }).cells.map((c) => c.id);
  const j = full.indexOf(target) - (where === "above" ? 1 : 0);
  const order = [...full.slice(0, j + 1), id, ...full.slice(j + 1)];
  return { ...work, sources: { ...work.sources, [id]: "" }, added: anchorsOf(order, new Set([...(work.added ?? []).map((a) => a.id), id])) };
}

/** Delete a cell: the student's own is gone; a lesson cell is hidden (until "Reset lesson"). */
export function deleteCell(doc: NotebookDoc, work: SavedWork, id: string): SavedWork {
  const added = work.added ?? [];
  if (!added.some((a) => a.id === id)) return { ...work, removed: [...new Set([...(work.removed ?? []), id])] };
  const order = applyWork(doc, { ...work, removed: [] }).cells.map((c) => c.id).filter((c) => c !== id);
  const { [id]: _gone, ...sources } = work.sources;
  return { ...work, sources, added: anchorsOf(order, new Set(added.map((a) => a.id).filter((a) => a !== id))) };
}

/** Each inserted cell anchored to the cell just before it, in page order (so replaying them in order
 * rebuilds the same page). */
function anchorsOf(order: readonly string[], mine: ReadonlySet<string>): AddedCell[] {
  return order.flatMap((id, k) => (mine.has(id) ? [{ id, after: k === 0 ? null : order[k - 1]! }] : []));
}

/** Whether the student changed anything: a source, an inserted or a deleted cell. */
export function hasEdits(work: WorkEdits | undefined): boolean {
  return !!work && (Object.keys(work.sources).length > 0 || !!work.added?.length || !!work.removed?.length);
}

/** Cells whose lesson text changed upstream since the student's edits began, and that the student also edited. */
export function upstreamChanges(base: NotebookDoc, current: NotebookDoc, sources: Readonly<Record<string, string>>): { changed: string[]; conflicts: string[] } {
  const before = new Map(base.cells.map((c) => [c.id, c.source]));
  const changed = current.cells.filter((c) => before.get(c.id) !== c.source).map((c) => c.id);
  const conflicts = changed.filter((id) => Object.hasOwn(sources, id));
  return { changed, conflicts };
}

/** Calls `fn` at most once per `ms`, always with the latest arguments; `flush()` runs a pending call now. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): ((...args: A) => void) & { flush(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: A | undefined;
  const run = () => {
    timer = undefined;
    if (pending) { const a = pending; pending = undefined; fn(...a); }
  };
  const debounced = (...args: A) => {
    pending = args;
    if (timer === undefined) timer = setTimeout(run, ms);
  };
  debounced.flush = () => { if (timer !== undefined) clearTimeout(timer); run(); };
  return debounced;
}
