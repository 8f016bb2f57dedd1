// Escaping for the three places an exported page puts text: HTML text and attributes, JSON inside a
// <script type="application/json">, and raw text (the lesson's Markdown) inside a <script>.
import { escapeHtml } from "../render/katex-render.ts";

export { escapeHtml };

/** Any value as escaped HTML text: numbers, booleans and null too, so no field reaches markup raw. */
export function h(value: unknown): string {
  return escapeHtml(String(value));
}

/**
 * JSON that is safe inside <script type="application/json">: `<` becomes `\u003c`, so neither
 * `</script>` nor `<!--` can end or confuse the element, and JSON.parse still reads the same value.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/**
 * Text inside <script type="text/markdown">: the browser does not decode entities in a script, so
 * `&` and `<` are written as `&amp;` and `&lt;` and the reader decodes those two (see `readSource`
 * in the page's live script). Nothing else changes, so the source stays readable in "view source".
 */
export function scriptText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;");
}

/** The inverse of scriptText (what the live app does with the embedded source). */
export function unscriptText(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&amp;/g, "&");
}

/** The id of a cell's element on an exported page (a step inside another cell's function links to it). */
export function cellDomId(id: string): string {
  return `cell-${id}`;
}
