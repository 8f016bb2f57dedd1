// The course's own lessons (notebooks/*.md) are the real test of the format.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseNotebook, serializeNotebook } from "../../ui/document/index.ts";
import { renderDocument } from "../../ui/render/render.ts";

const NOTEBOOKS = join(import.meta.dirname, "..", "..", "notebooks");
const lessons = readdirSync(NOTEBOOKS).filter((name) => name.endsWith(".md")).sort();

describe.runIf(lessons.length > 0)("the course's lessons", () => {
  it.each(lessons)("%s round-trips exactly through .md and through .ipynb", (name) => {
    const text = readFileSync(join(NOTEBOOKS, name), "utf8");
    const doc = parseNotebook(text, name);
    expect(serializeNotebook(doc, "md")).toBe(text);
    expect(serializeNotebook(parseNotebook(serializeNotebook(doc, "ipynb"), "lesson.ipynb"), "md")).toBe(text);
  });

  it.each(lessons)("%s renders with no math error and no missing equation reference", (name) => {
    const html = renderDocument(parseNotebook(readFileSync(join(NOTEBOOKS, name), "utf8"), name)).cells.map((c) => c.html).join("\n");
    expect(html).not.toMatch(/math-error|eq-ref-missing|eq-label-duplicate/);
  });
});
