// The student's work on a lesson, kept in IndexedDB (idb-keyval): the lesson text their edits started
// from (`base`) and the source of every cell they changed. Kept apart from the lesson itself so an
// upstream change to the lesson never overwrites an edit: we compare the new lesson with `base`.
// Two tabs of one lesson share the record: every save merges with what is stored, cell by cell, the later
// change of each cell winning (`stamps`), and tells the other tabs (a BroadcastChannel) which cells changed.
import { get, del, update } from "idb-keyval";
import { workKey } from "./work-key.ts";
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
  /** when each source (by cell id) was last set or dropped, in ms: of two tabs' changes to a cell the
   * later wins. Also `orphan:ID` for orphans made, restored or dropped. */
  stamps?: Record<string, number>;
  /** the student's edits of cells the lesson no longer has: shown to copy or restore, never hidden. */
  orphans?: Orphan[];
  /** when the student last reset the whole lesson: another tab's older work does not come back. */
  resetAt?: number;
  savedAt: number;
}

export interface Orphan {
  /** the id of the cell that is gone. */
  id: string;
  source: string;
  /** the lesson's text of that cell when the student's edit began, when known. */
  lessonSource?: string;
  /** the cell it stood after (restoring puts it back there); null: the top. */
  after: string | null;
  savedAt: number;
}

export interface AddedCell { id: string; after: string | null }

/** The parts of the work that change the document the student sees. */
export type WorkEdits = Pick<SavedWork, "sources"> & Partial<Pick<SavedWork, "added" | "removed">>;

/** Ids of the student's own cells start with this (a lesson's ids never need to). */
export const ADDED_PREFIX = "mine-";

export async function loadWork(lesson: string): Promise<SavedWork | undefined> {
  const w = await get<SavedWork>(workKey(lesson));
  return w && w.version === 1 ? w : undefined;
}

/** Saves the work merged with what another tab may have stored meanwhile (one IndexedDB transaction);
 * resolves to the merged work and tells the other tabs. */
export async function saveWork(work: SavedWork): Promise<SavedWork> {
  let merged = work;
  await update<SavedWork>(workKey(work.lesson), (stored) => (merged = { ...mergeWork(stored?.version === 1 ? stored : undefined, work), savedAt: Date.now() }));
  channel()?.postMessage({ lesson: work.lesson, from: TAB } satisfies WorkMessage);
  return merged;
}

/** What a tab says to the others after saving. */
interface WorkMessage { lesson: string; from: string }
const TAB = Math.random().toString(36).slice(2);
let shared: BroadcastChannel | null | undefined;
function channel(): BroadcastChannel | null {
  if (shared === undefined) shared = typeof BroadcastChannel === "function" ? new BroadcastChannel("stepbook:work") : null;
  return shared;
}

/** Calls `changed(lesson)` when another tab of this page saved work on `lesson`. Returns the unsubscribe. */
export function onOtherTabSaved(changed: (lesson: string) => void): () => void {
  const ch = channel();
  if (!ch) return () => undefined;
  const listener = (e: MessageEvent<WorkMessage>) => { if (e.data?.from !== TAB && typeof e.data?.lesson === "string") changed(e.data.lesson); };
  ch.addEventListener("message", listener);
  return () => ch.removeEventListener("message", listener);
}

/**
 * Two versions of one lesson's work (two tabs, or a tab and what is stored) as one: each cell's source
 * from the side that changed it later (a side with no stamp for it keeps it unless the other dropped it
 * later); inserted cells, hidden cells and revealed solutions of both; orphans likewise by stamp. `mine`
 * gives the rest (the base, widget values).
 */
export function mergeWork(stored: SavedWork | undefined, mine: SavedWork): SavedWork {
  if (!stored || stored === mine) return mine;
  const [ra, rb] = [stored.resetAt ?? 0, mine.resetAt ?? 0];
  if (ra > rb) mine = { ...sinceReset(mine, ra), widgets: stored.widgets };
  else if (rb > ra) stored = sinceReset(stored, rb);
  const a = stored.stamps ?? {}, b = mine.stamps ?? {};
  const later = (k: string) => ((b[k] ?? 0) >= (a[k] ?? 0) ? "mine" : "stored");
  const sources: Record<string, string> = {};
  const stamps: Record<string, number> = { ...a, ...b };
  for (const k of new Set([...Object.keys(stored.sources), ...Object.keys(mine.sources), ...Object.keys(stamps)])) {
    if (k.startsWith(ORPHAN_KEY)) continue;
    stamps[k] = Math.max(a[k] ?? 0, b[k] ?? 0);
    if (stamps[k] === 0) delete stamps[k];
    const side = a[k] === undefined && b[k] === undefined ? (Object.hasOwn(mine.sources, k) ? mine : stored) : later(k) === "mine" ? mine : stored;
    if (Object.hasOwn(side.sources, k)) sources[k] = side.sources[k]!;
  }
  for (const k of Object.keys(stamps)) if (k.startsWith(ORPHAN_KEY)) stamps[k] = Math.max(a[k] ?? 0, b[k] ?? 0);
  const union = (x: readonly string[] | undefined, y: readonly string[] | undefined) => [...new Set([...(x ?? []), ...(y ?? [])])];
  const added = [...(mine.added ?? []), ...(stored.added ?? []).filter((s) => !mine.added?.some((m) => m.id === s.id))].filter((c) => Object.hasOwn(sources, c.id));
  const orphanIds = new Set([...(stored.orphans ?? []), ...(mine.orphans ?? [])].map((o) => o.id));
  const orphans = [...orphanIds].flatMap((id) => {
    const side = later(`${ORPHAN_KEY}${id}`) === "mine" ? mine : stored;
    return side.orphans?.filter((o) => o.id === id) ?? [];
  });
  return {
    ...mine, sources, stamps,
    revealed: union(stored.revealed, mine.revealed),
    ...(added.length || mine.added ? { added } : {}),
    ...(stored.removed || mine.removed ? { removed: union(stored.removed, mine.removed) } : {}),
    // "Keep mine" choices last until the student accepts the lesson's update (a new base): then none is left
    ...(mine.kept || (stored.kept && stored.base === mine.base) ? { kept: stored.base === mine.base ? union(stored.kept, mine.kept) : mine.kept ?? [] } : {}),
    ...(stored.widgets || mine.widgets ? { widgets: { ...stored.widgets, ...mine.widgets } } : {}),
    ...(orphans.length || mine.orphans ? { orphans } : {}),
  };
}

/** Stamps of orphans are kept under this prefix. */
export const ORPHAN_KEY = "orphan:";

/** The work with `ids` marked as changed now (their source set or dropped). */
export function stamped(work: SavedWork, ids: readonly string[], now = Date.now()): SavedWork {
  return { ...work, stamps: { ...work.stamps, ...Object.fromEntries(ids.map((id) => [id, now])) } };
}

/** The cells whose source differs between two versions of the work. */
export function changedSources(before: WorkEdits, after: WorkEdits): string[] {
  const keys = new Set([...Object.keys(before.sources), ...Object.keys(after.sources)]);
  return [...keys].filter((k) => before.sources[k] !== after.sources[k]);
}

/** "Reset lesson": the work starts again from `fresh`, in every tab (older work another tab holds is dropped). */
export async function resetWork(fresh: SavedWork): Promise<SavedWork> {
  return saveWork({ ...fresh, resetAt: Date.now() });
}

/** Deletes the stored work (other tabs may still save theirs: use resetWork for "Reset lesson"). */
export async function forgetWork(lesson: string): Promise<void> {
  await del(workKey(lesson));
}

/** What is left of `work` after a reset at `t` elsewhere: the changes made since. */
function sinceReset(work: SavedWork, t: number): SavedWork {
  const newer = (k: string) => (work.stamps?.[k] ?? 0) > t;
  const sources = Object.fromEntries(Object.entries(work.sources).filter(([k]) => newer(k)));
  const stamps = Object.fromEntries(Object.entries(work.stamps ?? {}).filter(([, v]) => v > t));
  return { version: 1, lesson: work.lesson, base: work.base, sources, stamps, revealed: [], resetAt: t, savedAt: work.savedAt,
    added: (work.added ?? []).filter((a) => newer(a.id)), orphans: (work.orphans ?? []).filter((o) => o.savedAt > t) };
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
  return stamped({ ...work, sources: { ...work.sources, [id]: "" }, added: anchorsOf(order, new Set([...(work.added ?? []).map((a) => a.id), id])) }, [id]);
}

/** Delete a cell: the student's own is gone; a lesson cell is hidden (until "Reset lesson"). */
export function deleteCell(doc: NotebookDoc, work: SavedWork, id: string): SavedWork {
  const added = work.added ?? [];
  if (!added.some((a) => a.id === id)) return { ...work, removed: [...new Set([...(work.removed ?? []), id])] };
  const order = applyWork(doc, { ...work, removed: [] }).cells.map((c) => c.id).filter((c) => c !== id);
  const { [id]: _gone, ...sources } = work.sources;
  return stamped({ ...work, sources, added: anchorsOf(order, new Set(added.map((a) => a.id).filter((a) => a !== id))) }, [id]);
}

/** Each inserted cell anchored to the cell just before it, in page order (so replaying them in order
 * rebuilds the same page). */
function anchorsOf(order: readonly string[], mine: ReadonlySet<string>): AddedCell[] {
  return order.flatMap((id, k) => (mine.has(id) ? [{ id, after: k === 0 ? null : order[k - 1]! }] : []));
}

/** Whether the student changed anything: a source, an inserted or a deleted cell. */
export function hasEdits(work: (WorkEdits & Pick<SavedWork, "orphans">) | undefined): boolean {
  return !!work && (Object.keys(work.sources).length > 0 || !!work.added?.length || !!work.removed?.length || !!work.orphans?.length);
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
