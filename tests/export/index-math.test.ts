// The exported course index renders a summary's math as the app's index does (one Markdown path), and
// keeps raw HTML in a summary as text.
import { describe, expect, it } from "vitest";
import { indexPage } from "../../ui/export/index-page.ts";
import type { ExportedCourse, ExportedLesson } from "../../ui/export/model.ts";

const lesson = (summary: string): ExportedLesson => ({ file: "01-a.md", slug: "01-a", title: "A", summary, order: 1, source: "", requires: [], cells: [], values: {} });

describe("the exported index", () => {
  it("renders a summary's $math$ with KaTeX and `code` as code; raw HTML stays text", () => {
    const course: ExportedCourse = { title: "Course", lessons: [lesson("$\\partial L/\\partial w$ and `np.sum` <img src=x>")] };
    const html = indexPage(course, { head: "", liveScript: null });
    const summary = /<p class="summary">([\s\S]*?)<\/p>/.exec(html)![1]!;
    expect(summary).toContain('class="katex"');
    expect(summary).toContain("<code>np.sum</code>");
    expect(summary).not.toContain("<img");
    expect(summary.replace(/<annotation[\s\S]*?<\/annotation>/g, "")).not.toContain("$");
  });
});
