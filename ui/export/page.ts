// One lesson page: pure function from the exported lesson (data) to an HTML string. The page reads
// without JavaScript (math, outputs and trace steps are all baked in); the Run / Edit buttons stay
// hidden until the small live script (a separate file, no inline script) shows them and, on a click,
// loads the app with the lesson source embedded below.
import type { ExportedCell, ExportedCodeCell, ExportedLesson, LessonLink } from "./model.ts";
import { CONTENT_SECURITY_POLICY } from "./csp.ts";
import { cellDomId, escapeHtml, h, scriptText } from "./html.ts";
import { outputsHtml } from "./outputs-html.ts";
import { traceHtml, type CellNumber } from "./trace-html.ts";
import { requiresHtml } from "../render/requires.ts";

/** How a page gets its styles and scripts: links to site files, or (single file) inlined CSS. */
export interface PageAssets {
  /** markup for the <head>: <link rel=stylesheet> tags or one <style>. */
  head: string;
  /** src of the live module script, or null to leave Run / Edit out (single-file pages). */
  liveScript: string | null;
}

export interface PageContext {
  courseTitle: string;
  /** the index page, relative to this page. */
  indexHref: string;
  previous: LessonLink | null;
  next: LessonLink | null;
  /** the course's lessons by slug, for the lessons this one builds on */
  lessonOf(slug: string): LessonLink | null;
  assets: PageAssets;
}

const TRACE_OPEN_MAX_STEPS = 24;

function codeCellHtml(cell: ExportedCodeCell, cellNumber: CellNumber): string {
  const { options } = cell;
  const code = `<pre class="source" tabindex="0"><code class="language-ts">${escapeHtml(cell.source)}</code></pre>`;
  const label = options.exercise !== undefined ? `<div class="cell-label exercise">Exercise: ${escapeHtml(options.exercise)}</div>` : "";
  const trace = cell.trace ? traceHtml(cell.trace, cell.id, cellNumber).replace(" open>", cell.trace.records.length <= TRACE_OPEN_MAX_STEPS ? " open>" : ">") : "";
  const results = `${outputsHtml(cell.outputs)}${trace}`;
  // a solution's outputs are part of the answer: they stay folded with its code
  const body = options.solution !== undefined
    ? `<details class="solution"><summary>Solution: ${escapeHtml(options.solution)}</summary>${code}${results}</details>`
    : `${options.hidden ? `<details class="hidden-code"><summary>Show code</summary>${code}</details>` : code}${results}`;
  const line = cell.line !== null ? ` data-line="${h(cell.line)}"` : "";
  return `<section class="cell code${cell.trace ? " traced" : ""}" id="${escapeHtml(cellDomId(cell.id))}" data-cell="${escapeHtml(cell.id)}"${line}>`
    + `${label}${body}</section>`;
}

export function cellHtml(cell: ExportedCell, cellNumber: CellNumber = () => null): string {
  if (cell.kind === "markdown") return `<div class="cell markdown" id="${escapeHtml(cellDomId(cell.id))}">${cell.html}</div>`;
  return codeCellHtml(cell, cellNumber);
}

/** The lesson's cells, each code cell named by its place among them (as the app names it: "cell 3"). */
function cellsHtml(cells: readonly ExportedCell[]): string {
  const numbers = new Map(cells.filter((c) => c.kind !== "markdown").map((c, i) => [c.id, i + 1]));
  return cells.map((c) => cellHtml(c, (id) => numbers.get(id) ?? null)).join("\n");
}

function pager(ctx: PageContext): string {
  const link = (l: LessonLink | null, rel: string, label: string) =>
    l ? `<a rel="${rel}" href="${escapeHtml(l.slug)}.html"><span class="pager-label">${label}</span> ${escapeHtml(l.title)}</a>` : "<span></span>";
  return `<nav class="pager" aria-label="Lessons">${link(ctx.previous, "prev", "←")}<a href="${escapeHtml(ctx.indexHref)}">All lessons</a>${link(ctx.next, "next", "→")}</nav>`;
}

// The empty icon keeps browsers from asking the server root for /favicon.ico (a 404 under a sub-path).
export function documentHead(title: string, assets: PageAssets): string {
  const script = assets.liveScript ? `\n<script type="module" src="${escapeHtml(assets.liveScript)}"></script>` : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(CONTENT_SECURITY_POLICY)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="stepbook export">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
${assets.head}${script}
</head>`;
}

/** A lesson whose prose starts with its title as "# Title" needs no second one from the front matter. */
function opensWithTitle(lesson: ExportedLesson): boolean {
  const first = lesson.cells[0];
  if (first === undefined || first.kind !== "markdown") return false;
  const h1 = /^\s*<h1[^>]*>([\s\S]*?)<\/h1>/.exec(first.html);
  if (!h1) return false;
  const text = h1[1]!.replace(/<[^>]*>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
  return text.trim() === lesson.title.trim();
}

export function lessonPage(lesson: ExportedLesson, ctx: PageContext): string {
  const live = ctx.assets.liveScript
    ? `<div class="live-actions"><button type="button" data-stepbook-action="run" hidden>Run</button> <button type="button" data-stepbook-action="edit" hidden>Edit</button> <span class="live-status" role="status"></span></div>\n`
    : "";
  const source = ctx.assets.liveScript
    ? `\n<script type="text/markdown" id="stepbook-source" data-file="${escapeHtml(lesson.file)}">${scriptText(lesson.source)}</script>`
    : "";
  // outside <main>, which the live app replaces with a course of this one lesson: the links stay
  const requires = requiresHtml(lesson.requires, (name) => {
    const l = ctx.lessonOf(name);
    return l ? { title: l.title, href: `${l.slug}.html` } : null;
  });
  return `${documentHead(`${lesson.title} · ${ctx.courseTitle}`, ctx.assets)}
<body>
<header class="site-header"><a class="course-link" href="${escapeHtml(ctx.indexHref)}">${escapeHtml(ctx.courseTitle)}</a></header>
${requires ? `<nav class="lesson-requires-nav" aria-label="Builds on">${requires}</nav>\n` : ""}<main id="main" class="lesson" data-lesson="${escapeHtml(lesson.slug)}">
${opensWithTitle(lesson) ? "" : `<h1 class="lesson-title">${escapeHtml(lesson.title)}</h1>\n`}${live}${cellsHtml(lesson.cells)}
</main>
${pager(ctx)}${source}
</body>
</html>
`;
}
