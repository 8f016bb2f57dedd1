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

  it("calls a change in the cells themselves (added, removed) a structural conflict", () => {
    const mine = lesson("Intro.", "const x = 10;", "Outro.");
    const theirs = parseNotebook("---\ntitle: T\n---\nIntro.\n", "t.md");
    expect(mergeLesson(base, mine, theirs)).toEqual({ conflicts: ["structure"] });
  });
});
