import { describe, expect, it } from "vitest";
import { parseNotebook } from "../../ui/document/index.ts";
import { acceptBase, dropSource, editSource, followLesson, freshWork, keepMine, revealSolution, transitionLesson, type OpenLesson } from "../../ui/app/work-edits.ts";

const doc = parseNotebook("---\ntitle: T\n---\n\nIntro\n\n```ts {#a}\na\n```\n\n```ts {#b}\nb\n```\n", "t.md");
const work = freshWork("t", "lesson text");

describe("what the student's actions do to their work", () => {
  it("freshWork starts from the lesson's text with no edits", () => {
    expect(work).toEqual({ version: 1, lesson: "t", base: "lesson text", sources: {}, revealed: [], savedAt: 0 });
  });

  it("editSource keeps the student's source, and forgets it when it is the lesson's again", () => {
    const edited = editSource(doc, work, "a", "a + 1");
    expect(edited.sources).toEqual({ a: "a + 1" });
    expect(editSource(doc, edited, "a", "a").sources).toEqual({});
    expect(work.sources).toEqual({});
  });

  it("dropSource takes the lesson's version of one cell and leaves the others", () => {
    const w = { ...work, sources: { a: "x", b: "y" } };
    expect(dropSource(w, "a").sources).toEqual({ b: "y" });
  });

  it("keepMine remembers the cell; acceptBase moves the base and forgets the kept cells", () => {
    const kept = keepMine(keepMine(work, "a"), "b");
    expect(kept.kept).toEqual(["a", "b"]);
    const accepted = acceptBase(kept, "new text");
    expect(accepted.base).toBe("new text");
    expect("kept" in accepted).toBe(false);
  });

  it("revealSolution adds the cell to the revealed ones", () => {
    expect(revealSolution(revealSolution(work, "a"), "b").revealed).toEqual(["a", "b"]);
  });

  it("followLesson moves the base of work with no edits, and leaves edited work on its base", () => {
    expect(followLesson(work, "new").base).toBe("new");
    const edited = editSource(doc, work, "a", "x");
    expect(followLesson(edited, "new")).toBe(edited);
  });
});

describe("transitionLesson: the student's actions on the open lesson", () => {
  const entry = { name: "t", title: "T", summary: "", order: null, text: "new text" };
  const open = (conflicts: string[]): OpenLesson =>
    ({ entry, doc, work: { ...work, sources: { a: "x", b: "y" } }, upstream: { changed: conflicts, conflicts } });

  it("keep-mine settles one conflict and remembers it while others are left", () => {
    const next = transitionLesson(open(["a", "b"]), { type: "keep-mine", cellId: "a" });
    expect(next.upstream!.conflicts).toEqual(["b"]);
    expect(next.work.kept).toEqual(["a"]);
    expect(next.work.base).toBe("lesson text");
  });

  it("settling the last conflict accepts the update: the lesson is the new base", () => {
    const next = transitionLesson(open(["a"]), { type: "keep-mine", cellId: "a" });
    expect(next.upstream).toBeNull();
    expect(next.work.base).toBe("new text");
    expect(next.work.kept).toBeUndefined();
  });

  it("take-lesson drops the student's source and settles the conflict", () => {
    const next = transitionLesson(open(["a"]), { type: "take-lesson", cellId: "a" });
    expect(next.work.sources).toEqual({ b: "y" });
    expect(next.upstream).toBeNull();
  });

  it("with no update pending, keep-mine changes nothing", () => {
    const lesson = { ...open([]), upstream: null };
    expect(transitionLesson(lesson, { type: "keep-mine", cellId: "a" })).toBe(lesson);
  });

  it("edit, reset-cell and reveal change only the work", () => {
    const lesson = open([]);
    expect(transitionLesson(lesson, { type: "edit", cellId: "a", source: "a" }).work.sources).toEqual({ b: "y" });
    expect(transitionLesson(lesson, { type: "reset-cell", cellId: "b" }).work.sources).toEqual({ a: "x" });
    expect(transitionLesson(lesson, { type: "reveal", cellId: "b" }).work.revealed).toEqual(["b"]);
  });
});
