// The exported course as plain data: what a lesson page shows, built from the NotebookDoc and the
// messages of a build-time run. The page, index and site renderers read only this (parse to data,
// then render), so they are pure functions from data to HTML strings.
import type { WidgetPayload } from "../../kernel/display/widgets.ts";
import type { CheckPayload, ProgressPayload, TablePayload, TensorPayload } from "../../kernel/protocol/mime.ts";
import type { TraceSummary } from "../../kernel/protocol/values.ts";
import type { CodeCellOptions } from "../document/types.ts";

export type ExportedOutput =
  | { kind: "stream"; name: "stdout" | "stderr"; text: string }
  /** text/plain, and the fallback for anything we do not draw (text/html is never used: it is markup). */
  | { kind: "text"; text: string }
  | { kind: "tensor"; tensor: TensorPayload; text: string }
  | { kind: "table"; table: TablePayload }
  /** an SVG drawn at build time by Observable Plot; `text` describes it for readers without images. */
  | { kind: "plot"; svg: string; text: string }
  | { kind: "check"; check: CheckPayload }
  | { kind: "progress"; progress: ProgressPayload }
  /** Markdown or TeX output, rendered at build time by the same safe pipeline as the prose. */
  | { kind: "html"; html: string; mime: string }
  /** a widget: its control, disabled, showing the value it had at build time (live once the page is). */
  | { kind: "widget"; widget: WidgetPayload; text: string };

export interface ExportedMarkdownCell {
  kind: "markdown";
  id: string;
  html: string;
}

export interface ExportedCodeCell {
  kind: "code";
  id: string;
  source: string;
  options: CodeCellOptions;
  /** 1-based line of the first source line in the lesson file, when known. */
  line: number | null;
  executionCount: number | null;
  outputs: ExportedOutput[];
  /** set for cells run with `trace`. */
  trace: TraceSummary | null;
}

export type ExportedCell = ExportedMarkdownCell | ExportedCodeCell;

export interface ExportedLesson {
  /** the lesson's file name (`01-neuron.md`). */
  file: string;
  /** the page name without extension (`01-neuron`); the page is `${slug}.html`. */
  slug: string;
  title: string;
  summary: string;
  order: number | null;
  /** the lessons it builds on (front matter `requires:`), by name */
  requires: string[];
  /** the lesson's text as written (what the live app loads when the reader presses Run or Edit). */
  source: string;
  cells: ExportedCell[];
  /** markdown cell id -> `${expr}` -> its value as text, where that cell stands in the run. */
  values: Record<string, Record<string, string>>;
}

export interface LessonLink {
  slug: string;
  title: string;
}

export interface ExportedCourse {
  title: string;
  /** lessons in course order (front matter `order`, then file name). */
  lessons: ExportedLesson[];
}
