// "Builds on …": the lessons a lesson's front matter requires, linked (one renderer for the app and the export).
import { describe, expect, it } from "vitest";
import { requiresHtml } from "../../ui/render/requires.ts";

const course: Record<string, string> = { "02-linear-collapse": "Linear collapse", "15-networks-in-nn": "Networks in <nn>" };
const lessonOf = (name: string) => (course[name] !== undefined ? { title: course[name], href: `#/lesson/${name}` } : null);

describe("requiresHtml", () => {
  it("links each required lesson by its title, in the order written", () => {
    expect(requiresHtml(["02-linear-collapse"], lessonOf)).toBe('<p class="lesson-requires">Builds on <a href="#/lesson/02-linear-collapse">Linear collapse</a>.</p>');
    expect(requiresHtml(["15-networks-in-nn", "02-linear-collapse"], lessonOf)).toBe('<p class="lesson-requires">Builds on '
      + '<a href="#/lesson/15-networks-in-nn">Networks in &lt;nn&gt;</a> and <a href="#/lesson/02-linear-collapse">Linear collapse</a>.</p>');
  });

  it("leaves out a lesson the course does not have, and says nothing when none is left", () => {
    expect(requiresHtml(["99-missing", "02-linear-collapse"], lessonOf)).toContain("Builds on <a href=\"#/lesson/02-linear-collapse\">Linear collapse</a>.");
    expect(requiresHtml(["99-missing"], lessonOf)).toBe("");
    expect(requiresHtml([], lessonOf)).toBe("");
    expect(requiresHtml(undefined, lessonOf)).toBe("");
  });

  it("joins three or more with commas and a last 'and'", () => {
    const all = (n: string) => ({ title: n.toUpperCase(), href: n });
    expect(requiresHtml(["a", "b", "c"], all)).toBe('<p class="lesson-requires">Builds on <a href="a">A</a>, <a href="b">B</a> and <a href="c">C</a>.</p>');
  });
});
