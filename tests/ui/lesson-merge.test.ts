// The lecturer's edits in the page against a lesson file that changed underneath: a per-cell three-way merge.
import { describe, expect, it } from "vitest";
import { parseNotebook, serializeNotebook } from "../../ui/document/index.ts";
import { mergeLesson } from "../../ui/app/lesson-merge.ts";

const lesson = (a: string, b: string, c: string) => parseNotebook(`---\ntitle: T\n---\n${a}\n\n\`\`\`ts\n${b}\n\`\`\`\n\n${c}\n`, "t.md");
const base = lesson("Intro.", "const x = 1;", "Outro.");

describe("mergeLesson", () => {
  it("takes the file's version when the page changed nothing", () => {
    const theirs = lesson("Intro!", "const x = 2;", "Outro.");
    expect(mergeLesson(base, base, theirs)).toEqual({ doc: theirs });
  });

  it("lands both when the page and the file changed different cells", () => {
    const mine = lesson("Intro.", "const x = 10;", "Outro.");
    const theirs = lesson("A new intro.", "const x = 1;", "Outro.");
    const merged = mergeLesson(base, mine, theirs);
    expect("doc" in merged && serializeNotebook(merged.doc, "md")).toBe(serializeNotebook(lesson("A new intro.", "const x = 10;", "Outro."), "md"));
  });

  it("accepts the same change made on both sides", () => {
    const both = lesson("Intro.", "const x = 3;", "Outro.");
    expect(mergeLesson(base, both, both)).toEqual({ doc: both });
  });

  it("names the cells changed differently on both sides", () => {
    const mine = lesson("Intro.", "const x = 10;", "Mine.");
    const theirs = lesson("Intro.", "const x = 20;", "Outro.");
    expect(mergeLesson(base, mine, theirs)).toEqual({ conflicts: [base.cells[1].id] });
  });

  it("calls an edit of a cell the file no longer has a conflict, naming the cell", () => {
    const mine = lesson("Intro.", "const x = 10;", "Outro.");
    const theirs = parseNotebook("---\ntitle: T\n---\nIntro.\n", "t.md");
    expect(mergeLesson(base, mine, theirs)).toEqual({ conflicts: [base.cells[1].id] });
  });

  // #15.1: two lecturer tabs (or a tab and an editor) editing different cells both land, even when the
  // file gained or lost cells elsewhere: cells are matched by id, not by position.
  it("lands the page's edit when the file inserted and removed other cells (matched by id)", () => {
    const withIds = (intro: string, x: string, extra: string) => parseNotebook(`---\ntitle: T\n---\n${intro}\n\n${extra}\`\`\`ts {#x}\n${x}\n\`\`\`\n\nOutro.\n`, "t.md");
    const b = withIds("# Intro", "const x = 1;", "");
    const mine = withIds("# A new heading", "const x = 1;", "");
    const theirs = withIds("# Intro", "const x = 2;", "```ts {#added}\nconst y = 0;\n```\n\nMore.\n\n");
    const merged = mergeLesson(b, mine, theirs);
    expect("doc" in merged && merged.doc.cells.map((c) => [c.id, c.source])).toEqual([
      ["md-added", "# A new heading"], ["added", "const y = 0;"], ["md-x", "More."], ["x", "const x = 2;"], ["md-end", "Outro."],
    ]);
  });
});
