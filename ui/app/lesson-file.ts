// The page's side of saving a lesson to the dev server (ui/dev/save-endpoint.ts). The session token comes
// in a <meta> of this page's HTML, which only a top-level page load gets; it is read once, the element
// removed, and kept in this closure: nothing else in the page, and nothing in the kernel's worker, holds it.
import { FOLDER_META, ONE_LESSON_META, SAVE_CONTENT_TYPE, SAVE_ENDPOINT, TOKEN_HEADER, TOKEN_META, type SaveReply, type SaveRequest } from "../dev/save-protocol.ts";

export type SaveLesson = (request: SaveRequest) => Promise<SaveReply>;

let folder: string | undefined;

/** The lesson `name`'s file as the lecturer knows it ("notebooks/04-forward.md", or in the folder the dev
 * server was started on: STEPBOOK_NOTEBOOKS=~/course npm start). */
export function lessonPath(name: string): string {
  folder ??= (typeof document === "undefined" ? null : document.querySelector<HTMLMetaElement>(`meta[name="${FOLDER_META}"]`)?.content) || "notebooks";
  return `${folder}/${name}.md`;
}

/** Whether the dev server serves one lesson file alone (STEPBOOK_NOTEBOOKS=~/drafts/x.md): then its
 * `requires:` name lessons of a course it is not in, which are no mistake. */
export function servesOneLesson(): boolean {
  return typeof document !== "undefined" && document.querySelector(`meta[name="${ONE_LESSON_META}"]`) !== null;
}

/** The dev server's save, or undefined when this page was not given a token (a static build, a fetch). */
export function devSaveLesson(): SaveLesson | undefined {
  const meta = document.querySelector<HTMLMetaElement>(`meta[name="${TOKEN_META}"]`);
  const token = meta?.content;
  meta?.remove();
  if (!token) return undefined;
  return async (request) => {
    let res: Response;
    try {
      res = await fetch(SAVE_ENDPOINT, {
        method: "POST",
        headers: { "Content-Type": SAVE_CONTENT_TYPE, [TOKEN_HEADER]: token },
        body: JSON.stringify(request),
        credentials: "same-origin",
        cache: "no-store",
      });
    } catch (e) {
      return { status: "error", error: `the dev server did not answer (${e instanceof Error ? e.message : e}): is it still running?` };
    }
    try {
      return (await res.json()) as SaveReply;
    } catch {
      return { status: "error", error: `the dev server answered ${res.status} ${res.statusText}` };
    }
  };
}
