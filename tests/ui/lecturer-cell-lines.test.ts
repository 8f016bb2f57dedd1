// Where each cell starts in its file (ui/document/lines.ts), which every "lesson.md:42" an error or a
// warning gives is counted from. Prose written in a ````stepbook-markdown fence (prose holding a ```ts
// block, as lecturer mode writes it) was counted without its opening fence line, so every line after it
// was one too high: an error in the next cell pointed at the line above the one at fault.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseNotebook } from "../../ui/document/index.ts";
import { cellStartLines } from "../../ui/document/lines.ts";

const ROOT = path.resolve(__dirname, "../..");

/** Cells whose first source line is not the file's line at the start counted for them. */
function misplaced(text: string, file = "lesson.md"): string[] {
  const doc = parseNotebook(text, file);
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  const starts = cellStartLines(doc);
  return doc.cells.filter((c) => c.source.trim() !== "").flatMap((c) => {
    const at = starts.get(c.id);
    return lines[at! - 1] === c.source.split("\n")[0]!.replace(/\r$/, "") ? [] : [`${file} #${c.id}: line ${at} is ${JSON.stringify(lines[at! - 1])}`];
  });
}

const WRAPPED = [
  "---", "title: Wrapped", "---", "", "Intro.", "",
  "```ts {#a}", "const a = 1;", "```", "",
  "````stepbook-markdown", "Prose that shows code:", "", "```ts {#b}", "const b = 2;", "```", "````", "",
  "```ts {#c}", "const c = a;", "c", "```", "",
  "````stepbook-raw", "raw text", "````", "",
  "The end.", "",
].join("\n");

describe("a cell's first line in its file", () => {
  it("after prose written in a stepbook-markdown fence, and a raw cell", () => {
    expect(misplaced(WRAPPED)).toEqual([]);
    const doc = parseNotebook(WRAPPED, "lesson.md");
    expect(cellStartLines(doc).get("c")).toBe(20);
  });

  it("in every lesson of the course and every Markdown fixture", () => {
    const dirs = ["notebooks", "tests/e2e/fixtures/notebooks", "tests/fixtures/course", "tests/fixtures/documents"];
    const files = dirs.flatMap((d) => readdirSync(path.join(ROOT, d)).filter((f) => f.endsWith(".md")).map((f) => path.join(d, f)));
    expect(files.length).toBeGreaterThan(20);
    const bad = files.flatMap((f) => {
      try { return misplaced(readFileSync(path.join(ROOT, f), "utf8"), f); } catch { return []; } // (fixtures that must not parse)
    });
    expect(bad).toEqual([]);
  });
});
