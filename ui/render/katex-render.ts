import katex, { type KatexOptions } from "katex";

// Lesson files are untrusted: no \href/\url/\html* (trust: false), bounded macro expansion against
// \def bombs, bounded sizes against \rule{1000em}, and MathML alongside HTML for screen readers.
export const KATEX_OPTIONS = {
  trust: false,
  maxExpand: 1000,
  maxSize: 20,
  throwOnError: false,
  output: "htmlAndMathml",
  // Nonstandard input renders as well as it can; KaTeX's "warn" would only spam the console.
  strict: "ignore",
} as const satisfies KatexOptions;

// KaTeX recurses per nesting level; stop pathological input before it can exhaust the stack
// (whose size differs between engines, so the cut-off is ours and the same everywhere).
// The work KaTeX does (and the markup it writes, often 100x the source) grows with a formula's length:
// 19k characters of \frac take seconds and megabytes. The longest formula of the course is under 400
// characters; a page of the course has at most ~2,200 characters of TeX in all.
export const MAX_LENGTH = 5_000;
const MAX_DEPTH = 100;
/** TeX characters one page renders at most (20x the course's largest); the rest is shown as source. */
export const MAX_PAGE_TEX = 50_000;

/** What is left of a page's TeX allowance (markdown-it's env carries one per page). */
export interface TexBudget { left: number }

/**
 * TeX to HTML. Never throws: an error is shown in place, as escaped text, with class `math-error`.
 * `output: "mathml"` gives the browser's own MathML only: a third of the bytes, for long lists of
 * small formulas (an exported page's trace steps).
 */
export function renderTex(tex: string, displayMode: boolean, output: "htmlAndMathml" | "mathml" = "htmlAndMathml", budget?: TexBudget): string {
  const problem = tooComplex(tex);
  if (problem) return errorHtml(tex, problem);
  if (budget) {
    if (tex.length > budget.left) return errorHtml(tex, `math shown as source: the page already has ${MAX_PAGE_TEX} characters of TeX`);
    budget.left -= tex.length;
  }
  let html: string;
  try {
    html = katex.renderToString(tex, { ...KATEX_OPTIONS, displayMode, output });
  } catch (e) {
    return errorHtml(tex, e instanceof Error ? e.message : String(e));
  }
  // With throwOnError false KaTeX turns a parse error into <span class="katex-error" title=...>
  // holding the escaped source; mark it with our class so pages style all math errors alike.
  if (html.startsWith('<span class="katex-error"')) return `<span class="math-error">${html}</span>`;
  return output === "mathml" ? mathmlAccents(html) : html;
}

/**
 * KaTeX writes \hat and \tilde over one symbol as the ASCII ^ and ~, which the browser's MathML draws
 * as a tall caret and a dash beside the letter (Ŷ in an exported step list); the spacing accents
 * U+02C6 and U+02DC, not stretched, are what MathML Core draws as accents. (\widehat stays stretchy.)
 */
function mathmlAccents(html: string): string {
  return html.replace(/<mo>([\^~])<\/mo><\/mover>/g, (_, ch: string) => `<mo stretchy="false">${ch === "^" ? "\u02c6" : "\u02dc"}</mo></mover>`);
}

function tooComplex(tex: string): string | undefined {
  if (tex.length > MAX_LENGTH) return `formula too long (more than ${MAX_LENGTH} characters)`;
  let depth = 0;
  for (let i = 0; i < tex.length; i++) {
    const ch = tex[i];
    if (ch === "\\") i++;
    else if (ch === "{" && ++depth > MAX_DEPTH) return `formula nested too deeply (more than ${MAX_DEPTH} levels of braces)`;
    else if (ch === "}") depth--;
  }
  return undefined;
}

function errorHtml(tex: string, message: string): string {
  return `<span class="math-error" title="${escapeHtml(message)}">${escapeHtml(tex)}</span>`;
}

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);
}
