// Every lesson of the course exports: it runs at build time in Node, and its page has the lesson's
// title, rendered math, the baked outputs of its cells and, for traced cells, the step list.
// (A lesson that fails to run fails the export itself, naming its file, cell and line.)
import { describe, expect, it } from "vitest";
import { exportInMemory, text } from "../export/helpers.ts";
import { lessonFiles, NEEDS_TRACE, NOTEBOOKS } from "./lessons.ts";

const lessons = lessonFiles();
const result = await exportInMemory(NOTEBOOKS, { title: "Stepbook course" });

describe("the course exports", () => {
  it("writes one page per lesson and an index that links them in order", () => {
    const pages = lessons.map((f) => f.replace(/\.md$/, ".html"));
    for (const page of pages) expect(result.files.has(page), page).toBe(true);
    const index = text(result.files.get("index.html"));
    const order = pages.map((p) => index.indexOf(`href="${p}"`));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it.each(lessons)("%s is baked: math rendered at build time, outputs in, no math errors", (file) => {
    const page = text(result.files.get(file.replace(/\.md$/, ".html")));
    expect(page).toContain('class="katex"');
    expect(page).not.toContain("math-error");
    expect(page).toContain('class="outputs"');
  });

  it("traced cells come with their steps and the trace JSON", () => {
    const traced = lessons.filter((f) => NEEDS_TRACE.has(f.slice(0, 2)));
    for (const file of traced) {
      const page = text(result.files.get(file.replace(/\.md$/, ".html")));
      expect(page, file).toContain('class="stepbook-trace"');
      expect(page, file).toContain('class="trace-steps"');
    }
  });
});
