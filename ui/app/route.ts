// Hash routes: `#/` is the course index, `#/lesson/NAME` a lesson. Anything else (an in-page anchor)
// is not a route change.
export type Route = { view: "index" } | { view: "lesson"; name: string };

export function parseRoute(hash: string): Route | null {
  if (hash === "" || hash === "#" || hash === "#/") return { view: "index" };
  const m = /^#\/lesson\/([^/?#]+)$/.exec(hash);
  if (m) {
    try {
      return { view: "lesson", name: decodeURIComponent(m[1]!) };
    } catch {
      return null;
    }
  }
  return null;
}

export const lessonHref = (name: string) => `#/lesson/${encodeURIComponent(name)}`;
