// The site's own static files: the stylesheet and the live script. Kept here as text so a page and
// its assets come from one build; KaTeX's CSS and fonts are copied from the installed package.

import { WORK_DB, workKey } from "../app/work-key.ts";

/** Where the app's entry is expected, relative to the site root (see the live script). */
export const APP_ENTRY = "app/stepbook-app.js";

/**
 * The app's palette (the `:root` blocks of ui/styles/app.css, light and dark), so an exported page has
 * the colours of the app it turns into: one palette, written once.
 */
export function paletteOf(appCss: string): string {
  const light = /(?:^|\n):root\s*\{[^}]*\}/.exec(appCss)?.[0].trim();
  const dark = /@media \(prefers-color-scheme: dark\)\s*\{\s*:root\s*\{[^}]*\}\s*\}/.exec(appCss)?.[0];
  if (!light || !dark) throw new Error("ui/styles/app.css: its :root palette (light and dark) was not found");
  return `${light}\n${dark}\n`;
}

/** The page's own rules (the palette comes first, from paletteOf). Sizes match the live app's, so the
 * column keeps its width when the page turns live (app.css: main padding 1.5rem, .lesson 60rem). The
 * static lesson's rules are scoped to main.lesson: the live app replaces it and brings app.css, and no
 * rule of this page may restyle the app. */
export const SITE_CSS = `/* Stepbook exported course: reads without JavaScript. */
:root { --fg: var(--text); --line: var(--border); --pass: var(--ok); --fail: var(--error); }
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--text); font: 16px/1.55 var(--font); }
body { margin: 0; }
a { color: var(--accent); }
main, sb-app { display: block; max-width: 63rem; margin: 0 auto; }
/* live: no app header above the toolbar here, so it sticks to the top (no gap for the text to show through) */
sb-app sb-toolbar { top: 0; }
sb-app:has(.with-inspector) { max-width: 1320px; }
main { padding: 1rem 1.5rem 4rem; }
.site-header, .pager { max-width: 63rem; margin: 0 auto; padding: .75rem 1.5rem; display: flex; gap: 1rem; justify-content: space-between; }
.site-header { border-bottom: 1px solid var(--line); }
.pager { border-top: 1px solid var(--line); }
.lesson-requires-nav { max-width: 63rem; margin: 0 auto; padding: .5rem 1.5rem 0; }
.lesson-requires { margin: 0; color: var(--muted); font-size: .95em; }
main.lesson .lesson-title { margin-top: .5rem; }
.course-index .lessons li { margin: .75rem 0; }
.course-index .summary { margin: .1rem 0 0; color: var(--muted); }
main.lesson .cell.code { margin: 1rem 0; border-left: 3px solid var(--line); padding-left: .75rem; }
main.lesson .cell-label { font-size: .85em; color: var(--muted); }
main.lesson pre { overflow-x: auto; }
main.lesson pre.source { background: var(--code-bg); padding: .6rem .8rem; border-radius: 4px; font-size: .9em; line-height: 1.45; margin: .25rem 0; }
main.lesson code { font-family: ui-monospace, "SF Mono", Menlo, Consolas, monospace; }
main.lesson .outputs { margin: .25rem 0; }
main.lesson .output { margin: .35rem 0; }
main.lesson pre.output { margin: .35rem 0; padding: .3rem .5rem; font-size: .88em; white-space: pre-wrap; }
main.lesson pre.output.text { white-space: pre; }
main.lesson pre.stream.stderr { color: var(--fail); }
main.lesson .tensor-head { font-size: .85em; color: var(--muted); }
main.lesson .tensor-name { font-weight: 600; color: var(--fg); }
main.lesson .shape-badge, main.lesson .grad-badge { display: inline-block; border: 1px solid var(--line); border-radius: 999px; padding: 0 .5em; font-family: ui-monospace, monospace; }
main.lesson table { border-collapse: collapse; font-size: .85em; }
main.lesson .tensor-table td, main.lesson .output.table td, main.lesson .output.table th { border: 1px solid var(--line); padding: .15rem .45rem; text-align: right; font-family: ui-monospace, monospace; }
main.lesson .tensor-table tr.gap td { text-align: center; color: var(--muted); }
main.lesson .summary-note, main.lesson .trace-note { font-size: .8em; color: var(--muted); }
main.lesson figure { margin: .5rem 0; }
main.lesson figure.plot, main.lesson figure.output.table, main.lesson figure.output.tensor { max-width: 100%; overflow-x: auto; }
main.lesson .plot h2 { font-size: 1rem; margin: 0 0 .3rem; }
/* a phone: a picture drawn at build time keeps its drawn size (readable) and scrolls sideways (it is focusable) */
@media (max-width: 36rem) { main.lesson figure.plot svg { max-width: none; } }
main.lesson .check.pass { color: var(--pass); }
main.lesson .check.fail { color: var(--fail); }
main.lesson details.trace { margin: .5rem 0; }
main.lesson details.trace summary, main.lesson details.solution summary, main.lesson details.hidden-code summary { cursor: pointer; color: var(--muted); }
main.lesson .trace-steps { padding-left: 2.2rem; font-size: .9em; overflow-x: auto; }
main.lesson .step { margin: .2rem 0; }
main.lesson .step-group { list-style: none; margin: .6rem 0 .2rem -1.2rem; font-weight: 600; }
main.lesson .step-gap { list-style: none; color: var(--muted); font-style: italic; margin: .3rem 0; }
main.lesson .step-phase { display: inline-block; min-width: 5.5em; font-size: .8em; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); }
main.lesson .step-shapes, main.lesson .step-stats, main.lesson .step-line { font-family: ui-monospace, monospace; font-size: .8em; color: var(--muted); margin-left: .5em; }
main.lesson .phase-backward .step-phase { color: var(--fail); }
main.lesson .phase-loss .step-phase, main.lesson .phase-update .step-phase { color: var(--pass); }
main.lesson .math-display { overflow-x: auto; overflow-y: hidden; }
main.lesson .equation { display: flex; align-items: center; gap: 1rem; }
main.lesson .equation .math-display { flex: 1; overflow-x: auto; overflow-y: hidden; }
main.lesson .cell.markdown .math-display { --eq-bg: var(--bg); background:
  linear-gradient(to right, var(--eq-bg) 40%, transparent) left center / 1.5rem 100% no-repeat local,
  linear-gradient(to left, var(--eq-bg) 40%, transparent) right center / 1.5rem 100% no-repeat local,
  radial-gradient(farthest-side at 0 50%, color-mix(in srgb, var(--text) 35%, transparent), transparent) left center / 0.7rem 100% no-repeat scroll,
  radial-gradient(farthest-side at 100% 50%, color-mix(in srgb, var(--text) 35%, transparent), transparent) right center / 0.7rem 100% no-repeat scroll; }
main.lesson .eq-number { color: var(--muted); font-variant-numeric: tabular-nums; }
main.lesson .math-error { color: var(--fail); font-family: ui-monospace, monospace; }
.live-actions { display: flex; gap: .4rem; align-items: center; padding: .5rem 0; }
.live-actions button { font: inherit; font-size: .88rem; padding: .3rem .7rem; border-radius: 6px; border: 1px solid var(--border); background: var(--surface); color: var(--text); cursor: pointer; }
.live-actions button:hover { border-color: var(--accent); }
.live-actions button[data-stepbook-action="run"] { background: var(--accent); color: var(--accent-text); border-color: var(--accent); }
.live-actions button[hidden] { display: none; }
.live-status { font-size: .85rem; color: var(--muted); }
`;

/**
 * Single-file pages carry no font files: KaTeX's @font-face rules are dropped and the MathML KaTeX
 * writes next to its HTML is shown instead (browsers draw MathML with their own math fonts).
 */
export const MATHML_FALLBACK_CSS = `
.katex .katex-html { display: none; }
.katex .katex-mathml { position: static; clip: auto; width: auto; height: auto; overflow: visible; padding: 0; border: 0; }
.katex-display > .katex { text-align: center; }
`;

export function withoutFontFaces(css: string): string {
  return css.replace(/@font-face\s*\{[^}]*\}/g, "");
}

/**
 * The live script (assets/stepbook-live.js). A module, in its own file so a strict CSP (no inline
 * script) works: it shows the Run / Edit buttons and, on a click, imports the app's entry and hands it
 * the page. The app module is expected to export `enhance({root, source, file, action})`.
 */
export const LIVE_JS = `// Stepbook: turns an exported lesson live on demand. Nothing heavy loads until Run or Edit is pressed.
const APP = new URL("../${APP_ENTRY}", import.meta.url).href;
const root = document.querySelector("main.lesson");
const sourceElement = document.getElementById("stepbook-source");
const status = document.querySelector(".live-status");
let app;

/** The lesson's Markdown: the page escapes & and < inside its <script type="text/markdown">. */
export function readSource() {
  return (sourceElement ? sourceElement.textContent : "").replace(/&lt;/g, "<").replace(/&amp;/g, "&");
}

async function start(action) {
  if (status) status.textContent = "Loading the live notebook…";
  try {
    app ??= import(APP);
    const mod = await app;
    await mod.enhance({ root, source: readSource(), file: sourceElement ? sourceElement.dataset.file : "", action });
    if (status) status.textContent = "";
  } catch (error) {
    app = undefined;
    if (status) status.textContent = "The live notebook could not be loaded: " + (error && error.message ? error.message : String(error));
  }
}

/**
 * Whether this browser keeps the student's edits of the lesson (the live app saves them in IndexedDB).
 * The page shows the lesson as published, so after a reload their work looked lost until Edit.
 * Opens the database only if it exists (a new one's creation is aborted).
 */
function hasSavedEdits(lesson) {
  return new Promise((resolve) => {
    let open;
    try { open = indexedDB.open(${JSON.stringify(WORK_DB.name)}); } catch { resolve(false); return; }
    open.onupgradeneeded = () => { open.transaction.abort(); };
    open.onerror = () => resolve(false);
    open.onsuccess = () => {
      const db = open.result;
      try {
        const get = db.transaction(${JSON.stringify(WORK_DB.store)}, "readonly").objectStore(${JSON.stringify(WORK_DB.store)}).get(${JSON.stringify(workKey(""))} + lesson);
        get.onsuccess = () => {
          const w = get.result;
          resolve(!!w && (Object.keys(w.sources || {}).length > 0 || (w.added || []).length > 0 || (w.removed || []).length > 0));
        };
        get.onerror = () => resolve(false);
      } catch { resolve(false); }
      finally { db.close(); }
    };
  });
}

if (root && sourceElement) {
  for (const button of document.querySelectorAll("[data-stepbook-action]")) {
    button.hidden = false;
    button.addEventListener("click", () => start(button.dataset.stepbookAction));
  }
  const lesson = (sourceElement.dataset.file || "").replace(/^.*\\//, "").replace(/\\.(md|ipynb)$/i, "");
  hasSavedEdits(lesson).then((saved) => {
    if (saved && !app && status && !status.textContent) status.textContent = "Your edits to this lesson are kept in this browser: press Edit or Run to see them.";
  });
}
`;
