// "Builds on Linear collapse and Networks in nn.": the lessons a lesson's front matter `requires:`, linked,
// at the top of the lesson (the app and the exported page alike). A required lesson the course does not
// have is left out here: the lecturer's warnings name it (problems.ts).
import { escapeHtml } from "./katex-render.ts";

export interface RequiredLesson {
  title: string;
  href: string;
}

/** The line, or "" when the lesson requires nothing the course has. */
export function requiresHtml(requires: readonly string[] | undefined, lessonOf: (name: string) => RequiredLesson | null): string {
  const found = (requires ?? []).map(lessonOf).filter((l): l is RequiredLesson => l !== null);
  if (found.length === 0) return "";
  const links = found.map((l) => `<a href="${escapeHtml(l.href)}">${escapeHtml(l.title)}</a>`);
  const list = links.length === 1 ? links[0] : `${links.slice(0, -1).join(", ")} and ${links[links.length - 1]}`;
  return `<p class="lesson-requires">Builds on ${list}.</p>`;
}
