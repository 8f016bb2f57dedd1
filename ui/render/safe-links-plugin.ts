// Links and images in lessons never run script: `javascript:`, `vbscript:`, `data:` and any other
// scheme outside a short allow-list never become a live href or src. Images may use
// `data:image/png|gif|jpeg|webp`. The URL is judged after undoing what browsers undo (entities,
// percent-encoding, case, whitespace and control characters), so `JaVa&#x53;cript:` is caught.
// markdown-it's `validateLink` rejects most bad links while parsing; a final core rule checks every
// link and image token again, so a URL that slipped through (or came from another plugin) is dead.

import type { MarkdownIt, StateCore, Token } from "markdown-it";

const SAFE_SCHEMES = new Set(["http", "https", "mailto", "tel", "ftp"]);
const SAFE_DATA_IMAGE = /^data:image\/(?:png|gif|jpeg|webp)[;,]/;

export function safeLinksPlugin(md: MarkdownIt): void {
  // Parsing cannot tell a link from an image, so it allows what an image may use; the core rule
  // below then holds links to the stricter rule.
  md.validateLink = (url) => isSafeUrl(url, "image");
  md.core.ruler.push("safe_links", (state: StateCore) => {
    for (const token of state.tokens) if (token.children) neutraliseUnsafe(token.children);
  });
}

/** True when `url` may become a live `href` (kind "link") or `src` (kind "image"). */
export function isSafeUrl(url: string, kind: "link" | "image"): boolean {
  const normalised = normaliseUrl(url);
  const scheme = /^([^/?#:]*):/.exec(normalised)?.[1];
  if (scheme === undefined) return true; // relative: a path, `#anchor` or `?query`
  if (scheme === "data") return kind === "image" && SAFE_DATA_IMAGE.test(normalised);
  return SAFE_SCHEMES.has(scheme);
}

/** The URL as a browser would see its scheme: decoded, without whitespace or controls, lower case. */
export function normaliseUrl(url: string): string {
  let text = url;
  // Decode repeatedly: `&amp;#106;` and `%256a` hide a second layer.
  for (let i = 0; i < 3; i++) text = decodePercent(decodeEntities(text));
  return text.replace(/[\u0000-\u0020\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\ufeff]/g, "").toLowerCase();
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (whole, body: string) => {
    if (body[0] !== "#") return NAMED[body.toLowerCase()] ?? whole;
    const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
  });
}

// The named entities that can spell a scheme or hide its separator.
const NAMED: Record<string, string> = { colon: ":", tab: "\t", newline: "\n", nbsp: " ", amp: "&", sol: "/", num: "#", quest: "?", lpar: "(", rpar: ")" };

function decodePercent(text: string): string {
  return text.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Turns unsafe links into their plain text and unsafe images into their alt text. */
function neutraliseUnsafe(children: Token[]): void {
  let insideDeadLink = false;
  for (const token of children) {
    if (token.type === "link_open" && !isSafeUrl(String(token.attrGet("href") ?? ""), "link")) {
      token.hidden = true;
      insideDeadLink = true;
    } else if (token.type === "link_close" && insideDeadLink) {
      token.hidden = true;
      insideDeadLink = false;
    } else if (token.type === "image" && !isSafeUrl(String(token.attrGet("src") ?? ""), "image")) {
      token.type = "text";
      token.tag = "";
      token.attrs = null;
      token.children = null;
    }
  }
}
