// The site's own static files: the stylesheet and the live script. Kept here as text so a page and
// its assets come from one build; KaTeX's CSS and fonts are copied from the installed package.

/** Where the app's entry is expected, relative to the site root (see the live script). */
export const APP_ENTRY = "app/stepbook-app.js";

export const SITE_CSS = `/* Stepbook exported course: reads without JavaScript. */
:root { color-scheme: light dark; --fg: #1d1d1f; --bg: #fff; --muted: #5f6368; --line: #d9dce1; --code-bg: #f5f6f8; --accent: #2457c5; --pass: #1a7f37; --fail: #b3261e; }
@media (prefers-color-scheme: dark) { :root { --fg: #e8e8ea; --bg: #16171a; --muted: #a0a4ab; --line: #34373d; --code-bg: #1f2125; --accent: #8ab4f8; --pass: #5cc47a; --fail: #f28b82; } }
* { box-sizing: border-box; }
body { margin: 0; color: var(--fg); background: var(--bg); font: 17px/1.6 system-ui, -apple-system, "Segoe UI", sans-serif; }
a { color: var(--accent); }
main { max-width: 52rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
.site-header, .pager { max-width: 52rem; margin: 0 auto; padding: .75rem 1.25rem; display: flex; gap: 1rem; justify-content: space-between; }
.site-header { border-bottom: 1px solid var(--line); }
.pager { border-top: 1px solid var(--line); }
.lesson-title { margin-top: .5rem; }
.course-index .lessons li { margin: .75rem 0; }
.course-index .summary { margin: .1rem 0 0; color: var(--muted); }
.cell.code { margin: 1rem 0; border-left: 3px solid var(--line); padding-left: .75rem; }
.cell-label { font-size: .85em; color: var(--muted); }
pre { overflow-x: auto; }
pre.source { background: var(--code-bg); padding: .6rem .8rem; border-radius: 4px; font-size: .9em; line-height: 1.45; margin: .25rem 0; }
code { font-family: ui-monospace, "SF Mono", Menlo, Consolas, monospace; }
.outputs { margin: .25rem 0; }
.output { margin: .35rem 0; }
pre.output { margin: .35rem 0; padding: .3rem .5rem; font-size: .88em; white-space: pre-wrap; }
pre.stream.stderr { color: var(--fail); }
.tensor-head { font-size: .85em; color: var(--muted); }
.tensor-name { font-weight: 600; color: var(--fg); }
.shape-badge, .grad-badge { display: inline-block; border: 1px solid var(--line); border-radius: 999px; padding: 0 .5em; font-family: ui-monospace, monospace; }
table { border-collapse: collapse; font-size: .85em; }
.tensor-table td, .output.table td, .output.table th { border: 1px solid var(--line); padding: .15rem .45rem; text-align: right; font-family: ui-monospace, monospace; }
.tensor-table tr.gap td { text-align: center; color: var(--muted); }
.summary-note, .trace-note { font-size: .8em; color: var(--muted); }
figure { margin: .5rem 0; }
figure.plot { max-width: 100%; overflow-x: auto; }
.check.pass { color: var(--pass); }
.check.fail { color: var(--fail); }
details.trace { margin: .5rem 0; }
details.trace summary, details.solution summary, details.hidden-code summary { cursor: pointer; color: var(--muted); }
.trace-steps { padding-left: 2.2rem; font-size: .9em; }
.step { margin: .2rem 0; }
.step-gap { list-style: none; color: var(--muted); font-style: italic; margin: .3rem 0; }
.step-phase { display: inline-block; min-width: 5.5em; font-size: .8em; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); }
.step-shapes, .step-stats, .step-line { font-family: ui-monospace, monospace; font-size: .8em; color: var(--muted); margin-left: .5em; }
.phase-backward .step-phase { color: var(--fail); }
.phase-loss .step-phase, .phase-update .step-phase { color: var(--pass); }
.katex-display { overflow-x: auto; overflow-y: hidden; }
.equation { display: flex; align-items: center; gap: 1rem; }
.equation .math-display { flex: 1; overflow-x: auto; overflow-y: hidden; }
.eq-number { color: var(--muted); font-variant-numeric: tabular-nums; }
.math-error { color: var(--fail); font-family: ui-monospace, monospace; }
.live-actions button { font: inherit; padding: .2rem .9rem; }
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

if (root && sourceElement) {
  for (const button of document.querySelectorAll("[data-stepbook-action]")) {
    button.hidden = false;
    button.addEventListener("click", () => start(button.dataset.stepbookAction));
  }
}
`;
