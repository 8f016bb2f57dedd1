// The course's own lessons (notebooks/*.md) are the real test of the format.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseNotebook, serializeNotebook } from "../../ui/document/index.ts";
import { renderDocument, renderInlineMarkdown } from "../../ui/render/render.ts";

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

  // What a reader sees: no TeX left as raw `$...$`, no "((2))" around a reference, no ASCII dL/dw.
  const visibleText = (html: string) => html
    .replace(/<code[^>]*>[\s\S]*?<\/code>/g, "").replace(/<annotation[^>]*>[\s\S]*?<\/annotation>/g, "")
    .replace(/<pre[\s\S]*?<\/pre>/g, "").replace(/<[^>]+>/g, "");

  it.each(lessons)("%s shows its math rendered: no raw $, no ((n)) around a reference", (name) => {
    const html = renderDocument(parseNotebook(readFileSync(join(NOTEBOOKS, name), "utf8"), name)).cells.map((c) => c.html).join("\n");
    const text = visibleText(html);
    expect(text).not.toMatch(/\$/);
    expect(html).not.toMatch(/\(<a href="#eq-[^"]*" class="eq-ref">\(/);
  });

  it.each(lessons)("%s has a summary for the index whose math renders (KaTeX), with no raw $ nor ASCII dL/dw", (name) => {
    const doc = parseNotebook(readFileSync(join(NOTEBOOKS, name), "utf8"), name);
    const summary = String(doc.meta.summary ?? "");
    expect(summary).not.toBe("");
    const html = renderInlineMarkdown(summary);
    expect(html).not.toMatch(/math-error/);
    expect(visibleText(html)).not.toMatch(/\$|\bd[A-Za-z]\/d[a-z]/);
    if (summary.includes("$")) expect(html).toContain('class="katex"');
  });
});
