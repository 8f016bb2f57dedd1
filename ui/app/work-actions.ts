// The student's saved work on the open lesson, changed by the page: edits through `transitionLesson`,
// resets, orphaned edits restored or dropped, and work another tab saved merged in. Every change is
// saved (debounced); a save merges with what another tab stored meanwhile and the page shows the merge.
import type { RuntimeEvent } from "./state.ts";
import type { CodeCell, NotebookDoc } from "../document/index.ts";
import { ADDED_PREFIX, changedSources, debounce, mergeWork, resetWork, saveWork, type SavedWork } from "./saved-work.ts";
import { dropOrphan, matchWork, restoreOrphan } from "./work-match.ts";
import type { OrphanAction } from "./orphans-view.ts";
import { freshWork, transitionLesson, type LessonAction, type OpenLesson } from "./work-edits.ts";

const AUTOSAVE_MS = 400;

/** What the actions read from the app and tell it. */
export interface WorkContext {
  lesson(): OpenLesson | null;
  setLesson(lesson: OpenLesson): void;
  /** the lesson with the student's edits in place. */
  doc(): NotebookDoc | null;
  codeCells(): CodeCell[];
  /** tell the runtime state (a cell's source changed: what read from it is stale). */
  dispatch(event: RuntimeEvent): void;
  rerender(): void;
  notify(message: string): void;
  confirm(message: string): boolean;
}

export class WorkActions {
  readonly persist = debounce((work: SavedWork) => void saveWork(work).then((merged) => this.absorb(merged), (e) => this.app.notify(`Could not save your edits: ${e}`)), AUTOSAVE_MS);

  constructor(private readonly app: WorkContext) {}

  setWork(work: SavedWork): void {
    const lesson = this.app.lesson();
    if (!lesson) return;
    this.app.setLesson({ ...lesson, work });
    this.persist(work);
  }

  /** A change to the student's work: the open lesson moves through `transitionLesson`; the work is saved. */
  act(action: LessonAction, question?: string): boolean {
    const lesson = this.app.lesson();
    if (!lesson || (question && !this.app.confirm(question))) return false;
    const next = transitionLesson(lesson, action);
    if (next === lesson) return true;
    this.app.setLesson(next);
    if (next.work !== lesson.work) this.persist(next.work);
    return true;
  }

  /** Back to the lesson's version of a cell: to reset it, or to take the lesson's update over the student's edit. */
  resetCell(cellId: string, type: "reset-cell" | "take-lesson"): void {
    const question = type === "reset-cell"
      ? "Reset this cell to the lesson's version? Your edits to it are lost."
      : "Replace your version of this cell with the lesson's? Your edits to it are lost.";
    if (this.act({ type, cellId }, question)) this.app.dispatch({ type: "ui/edited", cellId, source: this.app.lesson()?.doc.cells.find((c) => c.id === cellId)?.source ?? "" });
  }

  async resetLesson(): Promise<void> {
    const lesson = this.app.lesson();
    if (!lesson || !this.app.confirm("Reset the whole lesson to its published version? All your edits to it are lost.")) return;
    this.persist.flush();
    const work = await resetWork(freshWork(lesson.entry.name, lesson.entry.text)).catch(() => freshWork(lesson.entry.name, lesson.entry.text));
    this.app.setLesson({ ...lesson, work, upstream: null });
    this.app.rerender();
  }

  /** An edit whose cell left the lesson: copied, restored as the student's own cell, or discarded. */
  async orphan(action: OrphanAction, id: string): Promise<void> {
    const lesson = this.app.lesson();
    const orphan = lesson?.work.orphans?.find((o) => o.id === id);
    if (!lesson || !orphan) return;
    if (action === "copy") {
      try { await navigator.clipboard.writeText(orphan.source); this.app.notify("Copied your code to the clipboard."); }
      catch { this.app.notify("The browser did not allow copying: select the code and copy it by hand."); }
      return;
    }
    if (action === "discard" && !this.app.confirm("Discard this edit of yours? Its code is lost.")) return;
    const newId = `${ADDED_PREFIX}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    this.setWork(action === "restore" ? restoreOrphan(lesson.work, id, newId) : dropOrphan(lesson.work, id));
    this.app.rerender();
  }

  /**
   * Work saved by another tab of this lesson (or merged in by our own save): each cell takes the later
   * change; the page says which cells changed there.
   */
  absorb(stored: SavedWork): void {
    const lesson = this.app.lesson();
    if (!lesson || lesson.entry.name !== stored.lesson) return;
    const work = matchWork(lesson.doc, mergeWork(stored, lesson.work));
    if (JSON.stringify({ ...work, savedAt: 0 }) === JSON.stringify({ ...lesson.work, savedAt: 0 })) return;
    const changed = changedSources(lesson.work, work);
    this.app.setLesson({ ...lesson, work });
    this.app.rerender();
    if (changed.length === 0) return;
    const doc = this.app.doc();
    for (const cellId of changed) this.app.dispatch({ type: "ui/edited", cellId, source: doc?.cells.find((c) => c.id === cellId)?.source ?? "" });
    const code = this.app.codeCells().map((c) => c.id);
    const names = changed.map((id) => (code.includes(id) ? String(code.indexOf(id) + 1) : id.startsWith(ADDED_PREFIX) ? "(one of yours)" : id));
    this.app.notify(`${changed.length === 1 ? "Cell" : "Cells"} ${names.join(", ")} ${changed.length === 1 ? "was" : "were"} changed in another tab; this page shows the change.`);
  }
}
