// Builds the exported lesson (plain data) from the document and the messages of its build-time run:
// outputs folded per cell (progress updates replace their display), plots drawn to SVG, Markdown
// rendered with the pre-computed `${expr}` values.
import type { KernelMessage } from "../../kernel/protocol/messages.ts";
import { MIME, type PlotSpec } from "../../kernel/protocol/mime.ts";
import { isCheckPayload, isProgressPayload, isTablePayload, isTensorPayload, isTraceSummary, isWidgetPayload } from "../../kernel/protocol/payload-guards.ts";
import type { TraceSummary } from "../../kernel/protocol/values.ts";
import type { NotebookDoc } from "../document/types.ts";
import { renderTex } from "../render/katex-render.ts";
import { renderDocument, renderMarkdown } from "../render/render.ts";
import { cellStartLines } from "../document/lines.ts";
import type { ExportedCell, ExportedLesson, ExportedOutput } from "./model.ts";
import { plotToSvg, viewToSvg } from "./plot-svg.ts";
import { viewOf } from "../components/views.ts";
import type { LessonRun } from "./run.ts";

export interface LessonInput {
  file: string;
  slug: string;
  source: string;
  doc: NotebookDoc;
  run: LessonRun;
}

export function buildLesson({ file, slug, source, doc, run }: LessonInput): ExportedLesson {
  const rendered = new Map(renderDocument(doc, { values: run.values }).cells.map((c) => [c.id, c.html]));
  const starts = cellStartLines(doc);
  const cells: ExportedCell[] = [];
  for (const cell of doc.cells) {
    if (cell.type === "markdown") cells.push({ kind: "markdown", id: cell.id, html: rendered.get(cell.id) ?? "" });
    else if (cell.type === "code") {
      const messages = run.messages.get(cell.id) ?? [];
      cells.push({
        kind: "code", id: cell.id, source: cell.source, options: cell.options,
        line: starts.get(cell.id) ?? null,
        executionCount: run.executionCounts.get(cell.id) ?? null,
        outputs: outputsOf(messages),
        trace: traceOf(messages),
      });
    }
    // raw and unknown cells are not shown in a page (as Jupyter's HTML export leaves raw cells out)
  }
  const { meta } = doc;
  return {
    file, slug, source, cells, values: { ...run.values },
    title: meta.title,
    summary: typeof meta.summary === "string" ? meta.summary : "",
    order: typeof meta.order === "number" ? meta.order : null,
    requires: meta.requires ?? [],
  };
}

function traceOf(messages: KernelMessage[]): TraceSummary | null {
  const m = messages.find((x) => x.type === "trace");
  return m?.type === "trace" && isTraceSummary(m.trace) ? m.trace : null;
}

/** The cell's outputs in order; an update_display_data replaces the display with its id in place. */
export function outputsOf(messages: KernelMessage[]): ExportedOutput[] {
  const outputs: ExportedOutput[] = [];
  const displays = new Map<string, number>();
  for (const m of messages) {
    switch (m.type) {
      case "stream": {
        const last = outputs.at(-1);
        if (last?.kind === "stream" && last.name === m.name) last.text += m.text;
        else outputs.push({ kind: "stream", name: m.name, text: m.text });
        break;
      }
      case "display_data":
        if (m.displayId !== undefined) displays.set(m.displayId, outputs.length);
        outputs.push(fromBundle(m.data));
        break;
      case "update_display_data": {
        const at = displays.get(m.displayId);
        if (at !== undefined) outputs[at] = fromBundle(m.data);
        break;
      }
      case "execute_result":
        outputs.push(fromBundle(m.data));
        break;
      default:
        break; // errors stop the export before a page is built; status, trace and replies are not outputs
    }
  }
  return outputs;
}

/**
 * The richest MIME type we can show without running anything; text/html is never used. A payload of
 * the wrong shape (cell code can hand display() any bundle) is skipped for the next type, down to text.
 */
export function fromBundle(data: Record<string, unknown>): ExportedOutput {
  const text = typeof data[MIME.text] === "string" ? (data[MIME.text] as string) : "";
  const tensor = data[MIME.tensor], check = data[MIME.check], progress = data[MIME.progress], table = data[MIME.table];
  if (isTensorPayload(tensor)) return { kind: "tensor", tensor, text };
  const widget = data[MIME.widget];
  if (isWidgetPayload(widget)) return { kind: "widget", widget, text };
  const view = viewOf(data);
  if (view) {
    try {
      return { kind: "plot", svg: viewToSvg(view.renderer, view.payload), text };
    } catch {
      // a payload the view cannot draw (cell code can display any bundle): the next type, down to text
    }
  }
  if (data[MIME.plot]) {
    try {
      return { kind: "plot", svg: plotToSvg(data[MIME.plot] as PlotSpec), text };
    } catch {
      return { kind: "text", text };
    }
  }
  if (isCheckPayload(check)) return { kind: "check", check };
  if (isProgressPayload(progress)) return { kind: "progress", progress };
  if (isTablePayload(table)) return { kind: "table", table };
  if (typeof data[MIME.markdown] === "string") return { kind: "html", mime: MIME.markdown, html: renderMarkdown(data[MIME.markdown] as string) };
  if (typeof data[MIME.latex] === "string") return { kind: "html", mime: MIME.latex, html: renderTex(stripDollars(data[MIME.latex] as string), true) };
  return { kind: "text", text };
}

function stripDollars(tex: string): string {
  const m = /^\s*\$\$?([\s\S]*?)\$?\$\s*$/.exec(tex);
  return m ? m[1]! : tex;
}
