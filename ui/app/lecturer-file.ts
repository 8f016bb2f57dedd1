// Lecturer mode's link with the lesson file on the dev server: every edit is written to notebooks/NAME.md
// (debounced; "Save to file" at once), a file changed on disk is taken in (merged per cell with unsaved
// edits here), and a clash is shown until the lecturer settles it. A lit ReactiveController: the host
// re-renders when the save state or the clash changes.
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { serializeNotebook } from "../document/index.ts";
import { textVersion } from "../document/version.ts";
import { entryOf, parseLesson, withEntry, type LessonEntry } from "./course.ts";
import { debounce, type SavedWork } from "./saved-work.ts";
import { matchWork } from "./work-match.ts";
import { followLesson, upstreamOf, type OpenLesson } from "./work-edits.ts";
import { mergeLesson } from "./lesson-merge.ts";
import { lessonPath, type SaveLesson } from "./lesson-file.ts";

/** What the controller reads from the app and tells it. */
export interface LecturerContext {
  lesson(): OpenLesson | null;
  setLesson(lesson: OpenLesson): void;
  lessons(): LessonEntry[];
  setLessons(lessons: LessonEntry[]): void;
  /** POST a lesson's text to the dev server; absent in a static build. */
  save(): SaveLesson | undefined;
  persist(work: SavedWork): void;
  rerender(): void;
}

export class LecturerFile implements ReactiveController {
  /** what the bar says: "editing…", "saved notebooks/NAME.md", "not saved: …". */
  saveState = "";
  /** the lesson file changed on disk in a way that clashes with the lecturer's unsaved edits here. */
  fileConflict: { text: string; message: string } | null = null;
  private readonly lastSavedText = new Map<string, string>();
  /** write the file about a second after the last edit. */
  readonly saveSoon = debounce(() => void this.write(), 800);

  constructor(private readonly host: ReactiveControllerHost, private readonly app: LecturerContext) {
    host.addController(this);
  }

  hostConnected(): void {}

  set(patch: Partial<Pick<LecturerFile, "saveState" | "fileConflict">>): void {
    Object.assign(this, patch);
    this.host.requestUpdate();
  }

  /** "Save to file": write now. */
  saveNow(): void {
    this.saveSoon.flush();
    void this.write();
  }

  async write(retried = false): Promise<void> {
    const lesson = this.app.lesson();
    const save = this.app.save();
    if (!lesson || !save) return;
    const name = lesson.entry.name;
    const text = serializeNotebook(lesson.doc, "md");
    this.lastSavedText.set(name, text);
    const reply = await save({ name, text, base: textVersion(lesson.entry.text), cells: lesson.doc.cells.map((c) => c.type), ids: lesson.doc.cells.map((c) => c.id) });
    const now = this.app.lesson();
    const open = now?.entry.name === name ? now : null;
    switch (reply.status) {
      case "saved": case "unchanged": {
        this.set({ saveState: reply.status === "unchanged" ? "no changes" : `saved ${lessonPath(name)}`, fileConflict: null });
        const entry = entryOf(name, text);
        this.app.setLessons(withEntry(this.app.lessons(), entry));
        if (open) this.app.setLesson({ ...open, entry, work: followLesson(open.work, text) });
        return;
      }
      case "conflict":
        // Someone else wrote the file (an editor, another tab): merge per cell and try once more.
        if (open && reply.current !== null && this.follow(name, reply.current) && !retried) return this.write(true);
        this.set({ saveState: `not saved: ${reply.error}` });
        return;
      case "error":
        this.set({ saveState: `not saved: ${reply.error}` });
        return;
    }
  }

  /** The file `name` changed on disk (hot reload). True when the open lesson took it in quietly. */
  changed(name: string, text: string): boolean {
    if (this.lastSavedText.get(name) === text) return false; // our own save coming back
    return this.follow(name, text) && this.app.lesson()?.entry.name === name && !this.fileConflict;
  }

  /**
   * The file `name` now holds `text`. The open lesson takes it, keeping the lecturer's unsaved edits to other
   * cells (a per-cell merge); where both changed the same cell, the page keeps its version and shows the
   * clash. False when the open lesson could not take the text.
   */
  follow(name: string, text: string): boolean {
    const entry = entryOf(name, text);
    const lesson = this.app.lesson();
    if (entry.error) { if (lesson?.entry.name !== name) this.app.setLessons(withEntry(this.app.lessons(), entry)); return false; }
    this.app.setLessons(withEntry(this.app.lessons(), entry));
    if (!lesson || lesson.entry.name !== name) return true;
    const theirs = parseLesson(entry);
    const merged = mergeLesson(parseLesson(lesson.entry), lesson.doc, theirs);
    if ("conflicts" in merged) {
      const where = merged.conflicts.includes("structure") ? "its cells were added, removed or moved" : `${merged.conflicts.length === 1 ? "cell" : "cells"} ${merged.conflicts.join(", ")} changed there and here`;
      this.set({ fileConflict: { text, message: `${lessonPath(name)} changed on disk while you were editing: ${where}.` }, saveState: "not saved: the file changed on disk" });
      return false;
    }
    const work = matchWork(merged.doc, followLesson(lesson.work, text));
    this.app.setLesson({ entry, doc: merged.doc, work, upstream: upstreamOf(work, entry, merged.doc) });
    if (work !== lesson.work) this.app.persist(work);
    this.set({ fileConflict: null });
    this.app.rerender();
    return true;
  }

  /** The lecturer settles a clash with the file: take the file's version, or write the page's over it. */
  settle(choice: "take-file" | "keep-mine"): void {
    const lesson = this.app.lesson();
    const conflict = this.fileConflict;
    if (!lesson || !conflict) return;
    this.set({ fileConflict: null });
    const entry = entryOf(lesson.entry.name, conflict.text);
    if (choice === "take-file") {
      const doc = parseLesson(entry);
      const work = matchWork(doc, followLesson(lesson.work, conflict.text));
      this.app.setLesson({ entry, doc, work, upstream: upstreamOf(work, entry, doc) });
      this.set({ saveState: "took the file's version" });
      this.app.rerender();
    } else {
      this.app.setLesson({ ...lesson, entry });
      void this.write();
    }
  }
}
