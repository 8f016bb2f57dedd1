// The course: every notebooks/*.md (through ui/dev/notebooks-plugin's virtual module), parsed with ui/document.
// The index orders lessons by `order` from the front matter, then by file name.
import course from "virtual:stepbook/course";
import { parseNotebook, type NotebookDoc } from "../document/index.ts";

export interface LessonEntry {
  /** file name without `.md`, also the route: #/lesson/NAME */
  name: string;
  title: string;
  summary: string;
  order: number | null;
  text: string;
  /** set when the file does not parse: the index still lists it, with the error. */
  error?: string;
}


export function entryOf(name: string, text: string): LessonEntry {
  try {
    const doc = parseNotebook(text, `${name}.md`);
    return {
      name, text,
      title: doc.meta.title || name,
      summary: typeof doc.meta.summary === "string" ? doc.meta.summary : "",
      order: typeof doc.meta.order === "number" ? doc.meta.order : null,
    };
  } catch (e) {
    return { name, text, title: name, summary: "", order: null, error: e instanceof Error ? e.message : String(e) };
  }
}

export function sortLessons(entries: LessonEntry[]): LessonEntry[] {
  return [...entries].sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity) || a.name.localeCompare(b.name));
}

/** The course with `entry` in place of the lesson of the same name (or added), in index order. */
export function withEntry(lessons: readonly LessonEntry[], entry: LessonEntry): LessonEntry[] {
  const known = lessons.some((l) => l.name === entry.name);
  return sortLessons(known ? lessons.map((l) => (l.name === entry.name ? entry : l)) : [...lessons, entry]);
}

export function bundledCourse(): LessonEntry[] {
  return sortLessons(Object.entries(course).map(([name, text]) => entryOf(name, text)));
}

export function parseLesson(entry: LessonEntry): NotebookDoc {
  return parseNotebook(entry.text, `${entry.name}.md`);
}
