// The course's shape, read from the parsed documents: every lesson of the course exists, has front
// matter with a title, its order (the number in its file name) and a summary, `requires` names earlier
// lessons, there is at least one exercise whose cell calls check() with a hidden solution of the same
// name, and the lessons that teach backprop have a cell to step through (`trace`).
import { describe, expect, it } from "vitest";
import { COURSE, NEEDS_TRACE, lessonFiles, loadLesson } from "./lessons.ts";

describe("the course", () => {
  it("has every lesson, in order", () => {
    expect(lessonFiles().filter((f) => COURSE.includes(f))).toEqual(COURSE);
  });

  describe.each(COURSE)("%s", (file) => {
    const lesson = () => loadLesson(file);
    const number = Number(file.slice(0, 2));

    it("has front matter: title, order, summary, requires", () => {
      const { meta } = lesson().doc;
      expect(meta.title.trim()).not.toBe("");
      expect(meta.order).toBe(number);
      expect(typeof meta.summary === "string" && meta.summary.trim().length > 0).toBe(true);
      const earlier = COURSE.slice(0, number - 1).map((f) => f.replace(/\.md$/, ""));
      for (const r of meta.requires ?? []) expect(earlier).toContain(r);
    });

    it("has an exercise with a check and a hidden solution", () => {
      const cells = lesson().code.map((c) => c.cell);
      const exercises = cells.filter((c) => c.options.exercise !== undefined);
      expect(exercises.length).toBeGreaterThan(0);
      for (const ex of exercises) {
        expect(ex.source).toMatch(/\bcheck\(/);
        const solution = cells.find((c) => c.options.solution === ex.options.exercise);
        expect(solution, `solution=${ex.options.exercise}`).toBeDefined();
        expect(solution!.options.hidden).toBe(true);
        expect(cells.indexOf(solution!)).toBeGreaterThan(cells.indexOf(ex));
      }
    });

    if (NEEDS_TRACE.has(file.slice(0, 2))) {
      it("has a cell to step through", () => {
        expect(lesson().code.some((c) => c.cell.options.trace === true)).toBe(true);
      });
    }

    it("opens with its goal", () => {
      expect(lesson().text).toMatch(/\*\*Goal of this lesson\.\*\*/);
    });
  });
});
