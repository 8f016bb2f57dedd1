// Where the dev server's lessons come from. STEPBOOK_NOTEBOOKS (default notebooks/) names a folder of
// NN-title.md lessons, or one lesson file (`STEPBOOK_NOTEBOOKS=~/drafts/attention.md npm start`): then the
// course is that one lesson, the other files beside it are not served, and lecturer mode saves only it.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { isLessonName } from "./lesson-store.ts";
import { nearest } from "../../kernel/runtime/suggest.ts";

export interface CourseSource {
  /** the folder the lessons are read from and saved to */
  dir: string;
  /** the one lesson served, when STEPBOOK_NOTEBOOKS names a file; null for a whole folder */
  only: string | null;
}

/**
 * The course `configured` names, relative to `root`. Throws, saying what to do, for a path that does not
 * exist, a file that is not Markdown, or a file whose name cannot be a lesson's (it is the lesson's URL).
 */
export function courseSource(root: string, configured: string, variable = "STEPBOOK_NOTEBOOKS"): CourseSource {
  const full = path.resolve(root, configured);
  const stat = statSync(full, { throwIfNoEntry: false });
  if (stat === undefined) {
    const near = meantBeside(full);
    throw new Error(`${variable}=${configured}: there is no folder or file ${full}${near ? ` (did you mean ${near}?)` : ""}`);
  }
  if (stat.isDirectory()) return { dir: full, only: null };
  const name = path.basename(full, ".md");
  if (!full.endsWith(".md")) throw new Error(`${variable}=${configured}: a lesson is a Markdown file (NAME.md), or name a folder of them`);
  if (!isLessonName(name)) {
    throw new Error(`${variable}=${configured}: "${name}" cannot name a lesson (it is the lesson's address): use letters, digits, - and _, as in 01-my-lesson.md`);
  }
  return { dir: path.dirname(full), only: name };
}

/**
 * The file or folder beside `full` that a path naming nothing likely meant (a typo in a draft's name:
 * 19-weight-decy.md), or null. The dev server and the stepbook commands say it.
 */
export function meantBeside(full: string): string | null {
  let names: string[];
  try {
    names = readdirSync(path.dirname(full));
  } catch {
    return null;
  }
  const near = nearest(path.basename(full), names);
  return near === null ? null : path.join(path.dirname(full), near);
}

/** Whether the lesson `name` is part of the course (every lesson of a folder, or the one file). */
export function inCourse(source: CourseSource, name: string): boolean {
  return source.only === null || source.only === name;
}
