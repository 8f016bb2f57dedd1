// What the page and the dev server say to each other when a lecturer saves a lesson. Browser-safe (no
// Node imports): ui/app/lesson-file.ts sends it, ui/dev/save-endpoint.ts answers it.

export const SAVE_ENDPOINT = "/__stepbook/save";
/** pushed over Vite's HMR socket when a lesson file changes on disk. */
export const LESSON_EVENT = "stepbook:lesson";

/**
 * Not a type a form or a no-cors fetch can send: a cross-origin page would need a CORS preflight, which
 * the server never answers. (text/plain, multipart/form-data and x-www-form-urlencoded are "simple".)
 */
export const SAVE_CONTENT_TYPE = "application/vnd.stepbook.lesson+json";
/** The per-session secret travels in this header; the server compares it in constant time. */
export const TOKEN_HEADER = "x-stepbook-token";
/**
 * The secret reaches the page in this <meta>, written only into a top-level navigation's HTML (never into
 * a fetch of `/`, which is all a cell's code in the kernel's worker could do). The page reads it once and
 * removes the element.
 */
export const TOKEN_META = "stepbook-session";
/** The lessons' folder as the lecturer names it (relative to the project, e.g. "notebooks", or absolute
 * when STEPBOOK_NOTEBOOKS is outside it), in a <meta> of the same HTML, so the page says which file it saves. */
export const FOLDER_META = "stepbook-folder";
/** Present when STEPBOOK_NOTEBOOKS names one lesson file: that lesson is served alone, so its `requires:`
 * name lessons of a course it is not in, and the page does not warn of them (as `stepbook export FILE`). */
export const ONE_LESSON_META = "stepbook-one-lesson";
/** Largest lesson the endpoint takes; beyond it the answer is 413 and the file is untouched. */
export const MAX_LESSON_BYTES = 2 * 1024 * 1024;

export interface SaveRequest {
  /** file name in notebooks/ without `.md` */
  name: string;
  text: string;
  /** textVersion() of the file as the page last knew it; null for a new lesson. */
  base: string | null;
  /** the cell types, in order, that the page means the text to have: a save that parses otherwise is refused. */
  cells: string[];
  /** the cells' ids, in order, as the page has them: a save that would change an id is refused (saved
   * student work and merges find cells by id). Optional for older pages. */
  ids?: string[];
}

export type SaveReply =
  | { status: "saved" | "unchanged"; version: string }
  /** the file changed since `base`: its current text, so the page can merge or show the conflict. */
  | { status: "conflict"; error: string; current: string | null; version: string | null }
  | { status: "error"; error: string };
