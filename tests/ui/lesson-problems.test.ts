// A lesson's front matter `requires` names earlier lessons: one the course does not have is said, with the
// file and the line of `requires`, and the near name when there is one (a lecturer's run: a misspelled
// lesson name was accepted without a word, in run, export and the dev page alike).
import { describe, expect, it } from "vitest";
import { parseNotebook } from "../../ui/document/index.ts";
import { renderDocument } from "../../ui/render/render.ts";
import { lessonProblems } from "../../ui/render/problems.ts";

const lesson = (requires: string) => `---\ntitle: Two\norder: 2\nrequires: ${requires}\n---\n\nSome prose.\n\n\`\`\`ts\nconst x = 1;\n\`\`\`\n`;
const problems = (text: string, course?: string[]) => {
  const doc = parseNotebook(text, "course/02-two.md");
  const html = new Map(renderDocument(doc).cells.map((c) => [c.id, c.html]));
  return lessonProblems(doc, html, "course/02-two.md", course && new Set(course));
};

describe("a lesson's requires", () => {
  it("names a lesson the course does not have, at the line of requires, with the near name", () => {
    const course = ["01-one", "02-two"];
    expect(problems(lesson("[01-one]"), course)).toEqual([]);
    expect(problems(lesson("[01-oen, 07-seven]"), course)).toEqual([
      "course/02-two.md:4: requires 01-oen, which is no lesson of this course (did you mean 01-one?)",
      "course/02-two.md:4: requires 07-seven, which is no lesson of this course",
    ]);
  });

  it("is not checked without the course (stepbook run of one file)", () => {
    expect(problems(lesson("[07-seven]"))).toEqual([]);
  });
});
