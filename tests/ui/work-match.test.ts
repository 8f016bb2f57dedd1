// #15.6: students never lose work. Saved edits are found by cell id, then by content, never by position
// alone; an edit whose cell is gone is an orphan (kept, shown, restorable); two tabs merge per cell.
import { describe, expect, it } from "vitest";
import { parseNotebook } from "../../ui/document/index.ts";
import { applyWork, mergeWork, type SavedWork } from "../../ui/app/saved-work.ts";
import { matchWork, restoreOrphan, upstreamChanges } from "../../ui/app/work-match.ts";
import { editSource } from "../../ui/app/work-edits.ts";

const lesson = (body: string) => `---\ntitle: T\n---\n\n${body}\n`;
const parse = (text: string) => parseNotebook(text, "t.md");
const work = (base: string, over: Partial<SavedWork> = {}): SavedWork => ({ version: 1, lesson: "t", base, sources: {}, revealed: [], savedAt: 0, ...over });
const sourceOf = (text: string, w: SavedWork, id: string) => applyWork(parse(text), matchWork(parse(text), w)).cells.find((c) => c.id === id)?.source;

// A lesson before it had ids: its code cells are cell-2 and cell-4 by position.
const OLD = lesson("Intro\n\n```ts\nconst a = 1;\n```\n\nMiddle\n\n```ts\nconst b = 2;\n```");

describe("saved edits follow their cell", () => {
  it("a record saved before ids existed finds its cells by content once the lesson has ids", () => {
    const withIds = OLD.replace("```ts\nconst a", "```ts {#a}\nconst a").replace("```ts\nconst b", "```ts {#b}\nconst b");
    const w = work(OLD, { sources: { "cell-2": "const a = 10;", "cell-4": "const b = 20;" } });
    const matched = matchWork(parse(withIds), w);
    expect(matched.sources).toEqual({ a: "const a = 10;", b: "const b = 20;" });
    expect(matched.orphans ?? []).toEqual([]);
    // the lesson did not change otherwise: no "this lesson was updated" and no conflict
    expect(upstreamChanges(parse(OLD), parse(withIds), matched.sources)).toEqual({ changed: [], conflicts: [] });
  });

  it("a cell the lecturer inserted above does not take the student's edit (positional ids are checked by content)", () => {
    const inserted = OLD.replace("Intro", "Intro\n\n```ts\nconst first = 0;\n```\n\nThen");
    const w = work(OLD, { sources: { "cell-2": "const a = 10;" } });
    // today's cell-2 is the new cell: it keeps the lesson's code; the edit lands on the cell it was made in
    expect(sourceOf(inserted, w, "cell-2")).toBe("const first = 0;");
    const doc = applyWork(parse(inserted), matchWork(parse(inserted), w));
    expect(doc.cells.filter((c) => c.type === "code").map((c) => c.source)).toEqual(["const first = 0;", "const a = 10;", "const b = 2;"]);
    expect(doc.cells.filter((c) => c.type === "markdown").map((c) => c.source)).toEqual(["Intro", "Then", "Middle"]);
  });

  it("with ids, inserting and moving cells keeps every edit on its cell", () => {
    const text = lesson("Intro\n\n```ts {#a}\nconst a = 1;\n```\n\n```ts {#b}\nconst b = 2;\n```");
    const w = work(text, { sources: { a: "A", b: "B" } });
    const moved = lesson("New\n\n```ts {#n}\nconst n = 0;\n```\n\n```ts {#b}\nconst b = 2;\n```\n\nIntro\n\n```ts {#a}\nconst a = 1;\n```");
    expect(matchWork(parse(moved), w)).toBe(w);
    expect(sourceOf(moved, w, "a")).toBe("A");
    expect(sourceOf(moved, w, "b")).toBe("B");
    expect(sourceOf(moved, w, "n")).toBe("const n = 0;");
  });

  it("an edit whose cell the lecturer deleted becomes an orphan, kept with the lesson's text and its place; restoring puts it back", () => {
    const text = lesson("Intro\n\n```ts {#a}\nconst a = 1;\n```\n\n```ts {#b}\nconst b = 2;\n```");
    const w = work(text, { sources: { b: "my b" } });
    const without = lesson("Intro\n\n```ts {#a}\nconst a = 1;\n```");
    const matched = matchWork(parse(without), w, 1000);
    expect(matched.sources).toEqual({});
    expect(matched.orphans).toEqual([{ id: "b", source: "my b", lessonSource: "const b = 2;", after: "a", savedAt: 1000 }]);
    const restored = restoreOrphan(matched, "b", "mine-r", 2000);
    expect(restored.orphans).toEqual([]);
    expect(applyWork(parse(without), restored).cells.map((c) => [c.id, c.source])).toEqual([["md-a", "Intro"], ["a", "const a = 1;"], ["mine-r", "my b"]]);
    // matching again is a no-op: the orphan is not made twice
    expect(matchWork(parse(without), matched)).toBe(matched);
  });
});

describe("two tabs of one lesson", () => {
  const text = lesson("```ts {#a}\nconst a = 1;\n```\n\n```ts {#b}\nconst b = 2;\n```");
  const doc = parse(text);

  it("each tab's edit of a different cell survives the other's save (merge per cell)", () => {
    const start = work(text);
    const tabA = editSource(doc, start, "a", "A!");
    const stored1 = mergeWork(undefined, tabA);
    const tabB = editSource(doc, start, "b", "B!");
    const stored2 = mergeWork(stored1, tabB);
    expect(stored2.sources).toEqual({ a: "A!", b: "B!" });
  });

  it("the later edit of the same cell wins, and a later reset beats an earlier edit", () => {
    const start = work(text);
    const older = { ...editSource(doc, start, "a", "old"), stamps: { a: 1 } };
    const newer = { ...editSource(doc, start, "a", "new"), stamps: { a: 2 } };
    expect(mergeWork(older, newer).sources.a).toBe("new");
    expect(mergeWork(newer, older).sources.a).toBe("new");
    const reset = { ...start, sources: {}, stamps: { a: 3 } };
    expect(mergeWork(newer, reset).sources).toEqual({});
  });

  it("Reset lesson in one tab reaches the other: its older edits do not come back, newer ones stay", () => {
    const start = work(text);
    const other = { ...start, sources: { a: "old edit", b: "new edit" }, stamps: { a: 10, b: 30 }, revealed: ["b"], removed: ["a"] };
    const reset = { ...start, resetAt: 20 };
    for (const merged of [mergeWork(reset, other), mergeWork(other, reset)]) {
      expect(merged.sources).toEqual({ b: "new edit" });
      expect(merged.removed ?? []).toEqual([]);
      expect(merged.revealed).toEqual([]);
    }
  });
});
