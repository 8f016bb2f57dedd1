// What each of the student's actions does to their SavedWork and to the open lesson: pure functions,
// state in, state out, and one transition (`transitionLesson`) that handles every action. The app
// applies them and saves the result (see saved-work.ts for the format and for inserting and deleting cells).
import type { NotebookDoc } from "../document/index.ts";
import type { LessonEntry } from "./course.ts";
import { hasEdits, stamped, type SavedWork } from "./saved-work.ts";
import { baseDoc, upstreamChanges } from "./work-match.ts";

export interface OpenLesson {
  entry: LessonEntry;
  /** the lesson as published (or as the lecturer is editing it). */
  doc: NotebookDoc;
  /** the student's work: sources by cell id, the lesson text it started from. */
  work: SavedWork;
  /** the lesson changed upstream since the student's edits began. */
  upstream: { changed: string[]; conflicts: string[] } | null;
}

/** The student's actions on the open lesson's work. */
export type LessonAction =
  | { type: "edit"; cellId: string; source: string }
  | { type: "reset-cell"; cellId: string }
  | { type: "take-lesson"; cellId: string }
  | { type: "keep-mine"; cellId: string }
  | { type: "accept-upstream" }
  | { type: "reveal"; cellId: string };

export function transitionLesson(lesson: OpenLesson, action: LessonAction): OpenLesson {
  switch (action.type) {
    case "edit": return { ...lesson, work: editSource(lesson.doc, lesson.work, action.cellId, action.source) };
    case "reset-cell": return { ...lesson, work: dropSource(lesson.work, action.cellId) };
    // The lesson changed a cell the student edited: take the lesson's version; that conflict is settled.
    case "take-lesson": return transitionLesson({ ...lesson, work: dropSource(lesson.work, action.cellId) }, { type: "keep-mine", cellId: action.cellId });
    // One conflict is settled; when none is left the student has seen the update: the lesson is the new base.
    case "keep-mine": {
      if (!lesson.upstream) return lesson;
      const conflicts = lesson.upstream.conflicts.filter((id) => id !== action.cellId);
      if (conflicts.length === 0) return transitionLesson(lesson, { type: "accept-upstream" });
      return { ...lesson, upstream: { ...lesson.upstream, conflicts }, work: keepMine(lesson.work, action.cellId) };
    }
    case "accept-upstream": return { ...lesson, upstream: null, work: acceptBase(lesson.work, lesson.entry.text) };
    case "reveal": return { ...lesson, work: revealSolution(lesson.work, action.cellId) };
    default: return logNever(action, lesson);
  }
}

function logNever(x: never, lesson: OpenLesson): OpenLesson {
  console.warn("stepbook: unhandled lesson action", x);
  return lesson;
}

/** What changed upstream since the student's edits began (the cells they chose to keep are settled). */
export function upstreamOf(work: SavedWork, entry: LessonEntry, doc: NotebookDoc): OpenLesson["upstream"] {
  if (work.base === entry.text || Object.keys(work.sources).length === 0) return null;
  const base = baseDoc(work);
  if (!base) return { changed: [], conflicts: [] };
  const changes = upstreamChanges(base, doc, work.sources);
  // only ids changed (the lesson got stable ids): nothing to tell the student
  if (changes.changed.length === 0) return null;
  return { ...changes, conflicts: changes.conflicts.filter((id) => !work.kept?.includes(id)) };
}

/** The lesson's text changed (the lecturer saved it): work with no edits follows it. */
export function followLesson(work: SavedWork, text: string): SavedWork {
  return hasEdits(work) ? work : { ...work, base: text };
}

/** Work on a lesson not yet edited: it starts from the lesson's text. */
export function freshWork(lesson: string, base: string): SavedWork {
  return { version: 1, lesson, base, sources: {}, revealed: [], savedAt: 0 };
}

/** The student typed in a cell: their source is kept, unless it is the lesson's again. */
export function editSource(doc: NotebookDoc, work: SavedWork, cellId: string, source: string): SavedWork {
  const original = doc.cells.find((c) => c.id === cellId)?.source;
  const sources = { ...work.sources };
  if (source === original) delete sources[cellId];
  else sources[cellId] = source;
  return stamped({ ...work, sources }, [cellId]);
}

/** Back to the lesson's version of a cell: the student's source for it is dropped. */
export function dropSource(work: SavedWork, cellId: string): SavedWork {
  const { [cellId]: _gone, ...sources } = work.sources;
  return stamped({ ...work, sources }, [cellId]);
}

/** "Keep mine" on a cell the lesson changed: remembered until the update is accepted. */
export function keepMine(work: SavedWork, cellId: string): SavedWork {
  return { ...work, kept: [...(work.kept ?? []), cellId] };
}

/** The student has seen the lesson's update: its text is the new base and no choice is pending. */
export function acceptBase(work: SavedWork, base: string): SavedWork {
  const { kept: _settled, ...rest } = work;
  return { ...rest, base };
}

/** The student chose to see a hidden solution. */
export function revealSolution(work: SavedWork, cellId: string): SavedWork {
  return { ...work, revealed: [...work.revealed, cellId] };
}
