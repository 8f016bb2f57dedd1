// What a lecturer should hear about a lesson before students do, each said with its file and line:
// math KaTeX cannot read, references to equations no one labelled, a label used twice or written
// without its # (the page would show red source, "@eq-...", "(?)" or no number), a code cell that
// swallowed the prose after it because its closing fence is missing, and a solution that names no
// exercise. `stepbook run` and `stepbook export` print them; the dev server's page lists them above
// the lesson (ui/app/lesson-view.ts).
import type { NotebookDoc } from "../document/types.ts";
import { cellStartLines } from "../document/lines.ts";
import { nearest } from "../../kernel/runtime/suggest.ts";

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&#x27;": "'" };
const unescape = (s: string) => s.replace(/&(?:amp|lt|gt|quot|#39|#x27);/g, (e) => ENTITIES[e]!);

// renderTex's errors: <span class="math-error" title="MESSAGE">TEX</span>, or KaTeX's own
// <span class="math-error"><span class="katex-error" title="MESSAGE" ...>TEX</span></span>
const MATH_ERROR = /<span class="math-error"(?: title="([^"]*)")?>(?:<span class="katex-error" title="([^"]*)"[^>]*>)?([^<]*)/g;
const MISSING_REF = /<span class="eq-ref-missing"[^>]*>@([^<]*)<\/span>/g;
const DUPLICATE_LABEL = /<div class="equation eq-label-duplicate" title="the label ([^"]*) is used twice">/g;
/** a display equation's attributes with no {#label}: `$$ ... $$ {eq-c}` was neither numbered nor shown */
const UNLABELLED = /\$\$[ \t]*(\{[^}#\n]*\})[ \t]*$/gm;
/** a line that opens a fence with an info string: never the end of a ``` cell, which has none */
const OPENING_FENCE = /^ {0,3}(`{3,}|~{3,})[^`\s]/;

/** The file line of character `at` of a cell that starts at line `start` (its first line when `at` < 0). */
const lineAt = (source: string, at: number, start: number) => (at < 0 ? start : start + source.slice(0, at).split("\n").length - 1);

/** The file line of `needle` in a cell that starts at `start`, or the cell's first line. */
const lineOf = (source: string, needle: string, start: number) => lineAt(source, source.indexOf(needle.split("\n")[0]!.trim()), start);

/**
 * Problems of the lesson `doc` (read from `file`), its prose rendered as `htmlOf` (cell id -> HTML). With
 * `course` (its lessons' names), also the lessons its front matter `requires` that the course does not have.
 */
export function lessonProblems(doc: NotebookDoc, htmlOf: ReadonlyMap<string, string>, file: string, course?: ReadonlySet<string>): string[] {
  const starts = cellStartLines(doc);
  const where = (line: number | undefined) => (line === undefined ? file : `${file}:${line}`);
  const problems: string[] = [];
  if (course !== undefined) {
    const front = doc.layout?.frontMatter ?? "";
    const at = front.search(/^requires\s*:/m);
    for (const name of doc.meta.requires ?? []) {
      if (course.has(name)) continue;
      const near = nearest(name, course);
      problems.push(`${where(at < 0 ? undefined : lineAt(front, at, 1))}: requires ${name}, which is no lesson of this course${near ? ` (did you mean ${near}?)` : ""}`);
    }
  }
  const exercises = new Set(doc.cells.flatMap((c) => (c.type === "code" && c.options.exercise !== undefined ? [c.options.exercise] : [])));
  for (const cell of doc.cells) {
    const start = starts.get(cell.id);
    if (cell.type === "markdown") {
      const html = htmlOf.get(cell.id) ?? "";
      for (const [, title, katexTitle, tex] of html.matchAll(MATH_ERROR)) {
        const source = unescape(tex ?? "");
        const message = unescape(katexTitle ?? title ?? "").replace(/^(?:ParseError: )?KaTeX parse error: /, "");
        problems.push(`${where(start === undefined ? undefined : lineOf(cell.source, source, start))}: math that cannot be shown: ${message} (in "${source.trim().slice(0, 60)}")`);
      }
      for (const [, label] of html.matchAll(DUPLICATE_LABEL)) {
        const id = unescape(label ?? "");
        const at = cell.source.indexOf(`{#${id}`, cell.source.indexOf(`{#${id}`) + 1);
        const line = start === undefined ? undefined : lineAt(cell.source, at, start);
        problems.push(`${where(line)}: the equation label ${id} is used twice (this one is numbered "(?)"); rename one`);
      }
      for (const m of cell.source.matchAll(UNLABELLED)) {
        const line = start === undefined ? undefined : lineAt(cell.source, m.index, start);
        problems.push(`${where(line)}: ${m[1]} after an equation has no label: write {#eq-name ...} (with #) to number it and refer to it`);
      }
      for (const [, label] of html.matchAll(MISSING_REF)) {
        const ref = unescape(label ?? "");
        problems.push(`${where(start === undefined ? undefined : lineOf(cell.source, `@${ref}`, start))}: @${ref} refers to no equation (label one with $$ ... $$ {#${ref}})`);
      }
    } else if (cell.type === "code") {
      const lines = cell.source.split("\n");
      // (a longer fence, ```` ```` ````, may hold ``` lines: only a line as long as the cell's own fence opens one)
      const fence = /^ *(`+|~+)/.exec(cell.layout?.fence?.open ?? "")?.[1]?.length ?? 3;
      const opener = lines.findIndex((l) => (OPENING_FENCE.exec(l)?.[1]?.length ?? 0) >= fence);
      if (opener >= 0) {
        const line = start === undefined ? undefined : start + opener;
        problems.push(`${where(line)}: code cell #${cell.id}${start === undefined ? "" : ` (from line ${start})`} holds a line that opens a cell ("${lines[opener]!.trim().slice(0, 40)}"): is the fence that closes #${cell.id} missing?`);
      }
      const solution = cell.options.solution;
      if (solution !== undefined && !exercises.has(solution)) {
        problems.push(`${where(start === undefined ? undefined : start - 1)}: cell #${cell.id} is the solution of "${solution}", but no cell is {exercise=${solution}}${exercises.size ? ` (exercises: ${[...exercises].join(", ")})` : ""}`);
      }
    }
  }
  return problems;
}
