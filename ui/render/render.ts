// Markdown cells to HTML. Rendering is two passes over the document: parse every cell (which
// numbers the labelled equations in order), then render (which resolves `@eq-...` references),
// so a reference may point at an equation further down.

import type { NotebookDoc } from "../document/types.ts";
import { newEquationState, type EquationEntry, type RenderEnv } from "./env.ts";
import { createMarkdown } from "./markdown.ts";

export type { EquationEntry } from "./env.ts";

export interface RenderOptions {
  /** Pre-computed values of `${expr}` inline expressions, keyed by expression text. */
  values?: Readonly<Record<string, string>>;
  /**
   * Labels already numbered elsewhere in the document (other cells), so references to them resolve
   * and this source's new equations continue the numbering.
   */
  equationNumbers?: Readonly<Record<string, number>> | ReadonlyMap<string, number>;
}

export interface RenderedCell {
  id: string;
  html: string;
}

export interface RenderedDocument {
  /** One entry per markdown cell, in document order. */
  cells: RenderedCell[];
  equations: EquationEntry[];
}

let shared: ReturnType<typeof createMarkdown> | undefined;
function md() {
  shared ??= createMarkdown();
  return shared;
}

/** Renders one piece of Markdown to HTML. */
export function renderMarkdown(source: string, options: RenderOptions = {}): string {
  const env: RenderEnv = { values: options.values, equations: newEquationState(options.equationNumbers) };
  return md().render(source, env);
}

/**
 * One line of Markdown (a lesson's summary in the course index) to inline HTML: `$math$`, `code`,
 * emphasis; no paragraph around it. The same pipeline as the lessons, so math looks the same everywhere.
 */
export function renderInlineMarkdown(source: string): string {
  const env: RenderEnv = { values: undefined, equations: newEquationState() };
  return md().renderInline(source, env);
}

/**
 * Pre-computed `${expr}` values of a document, per markdown cell (cell id -> expression text -> text):
 * each cell's expressions are evaluated where the cell stands, after the code cell before it.
 */
export type CellValues = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** Renders every markdown cell of a document, numbering equations across cells. */
export function renderDocument(doc: NotebookDoc, options: { values?: CellValues } = {}): RenderedDocument {
  const equations = newEquationState();
  const env: RenderEnv = { values: undefined, equations };
  const parsed = doc.cells
    .filter((cell) => cell.type === "markdown")
    .map((cell) => {
      equations.cellId = cell.id;
      return { id: cell.id, tokens: md().parse(cell.source, env) };
    });
  const cells = parsed.map(({ id, tokens }) => {
    env.values = options.values?.[id];
    return { id, html: md().renderer.render(tokens, md().options, env) };
  });
  return { cells, equations: equations.table };
}
