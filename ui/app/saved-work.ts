// The student's work on a lesson, kept in IndexedDB (idb-keyval): the lesson text their edits started
// from (`base`) and the source of every cell they changed. Kept apart from the lesson itself so an
// upstream change to the lesson never overwrites an edit: we compare the new lesson with `base`.
import { get, set, del } from "idb-keyval";
import type { NotebookDoc } from "../document/index.ts";

export interface SavedWork {
  version: 1;
  lesson: string;
  /** the lesson's text when the student first edited it. */
  base: string;
  /** cell id -> the student's source. */
  sources: Record<string, string>;
  /** cell ids whose hidden solution the student chose to reveal. */
  revealed: string[];
  savedAt: number;
}

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

/** The lesson with the student's sources in place (cells the lesson no longer has are dropped). */
export function applyWork(doc: NotebookDoc, sources: Readonly<Record<string, string>>): NotebookDoc {
  return { ...doc, cells: doc.cells.map((c) => (Object.hasOwn(sources, c.id) && sources[c.id] !== c.source ? { ...c, source: sources[c.id]! } : c)) };
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
