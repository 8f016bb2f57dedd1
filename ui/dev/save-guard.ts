// Who may save a lesson: only the app's own page. A save writes a file that `stepbook run`, `npm run build`
// and `npm test` later execute with Node's powers, so a write from anywhere else is a command on the
// lecturer's machine. Each check stops a different sender:
// - another web site: `Sec-Fetch-Site` (set by the browser, not by the page) and `Origin` must be this
//   server's own; a form or no-cors fetch cannot send our content type without a CORS preflight;
// - a cell's code (same origin, in the kernel's worker): it cannot know the session token, which is written
//   only into the HTML of a top-level page load (see notebooks-plugin.ts) and lives in the page's memory;
// - anything else (curl, a script): no token either.
import { timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { SAVE_CONTENT_TYPE, TOKEN_HEADER } from "./save-protocol.ts";

export interface Refusal { code: number; error: string }

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/** null when the request may save; otherwise the status and a message saying why not. */
export function refuseSave(method: string | undefined, headers: IncomingHttpHeaders, token: string): Refusal | null {
  if (method !== "POST") return { code: 405, error: "POST the lesson" };
  const site = header(headers, "sec-fetch-site");
  if (site !== undefined && site !== "same-origin") return { code: 403, error: `refused: a save must come from the Stepbook page itself (Sec-Fetch-Site: ${site})` };
  const origin = header(headers, "origin");
  const host = header(headers, "host");
  if (!origin || !host || !sameHost(origin, host)) return { code: 403, error: `refused: a save must come from the Stepbook page itself (Origin: ${origin ?? "none"})` };
  const type = (header(headers, "content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type !== SAVE_CONTENT_TYPE) return { code: 415, error: `refused: expected Content-Type ${SAVE_CONTENT_TYPE}` };
  const sent = header(headers, TOKEN_HEADER) ?? "";
  if (!sameSecret(sent, token)) return { code: 403, error: "refused: this page's session token is missing or out of date (the dev server restarted?): reload the page" };
  return null;
}

function sameHost(origin: string, host: string): boolean {
  try {
    const url = new URL(origin);
    return (url.protocol === "http:" || url.protocol === "https:") && url.host === host.toLowerCase();
  } catch {
    return false;
  }
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
