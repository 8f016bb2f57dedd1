// Cell outputs to HTML strings. Every field of a payload, numbers included, goes through escapeHtml
// (through `h`, which takes any value): an output is shown as text, never parsed as markup (a cell
// printing "<script>" shows the characters), even if a payload's shape check were ever bypassed.
import type { CheckPayload, ProgressPayload, TablePayload, TensorPayload } from "../../kernel/protocol/mime.ts";
import { escapeHtml, h } from "./html.ts";
import type { ExportedOutput } from "./model.ts";
import { num, scalar, shapeText } from "../app/format.ts";
import type { WidgetPayload } from "../../kernel/display/widgets.ts";

/** Largest table drawn in full; bigger tensors show their corners with the rows/columns left out. */
export const MAX_ROWS = 12;
export const MAX_COLS = 10;
const EDGE_ROWS = 5;
const EDGE_COLS = 4;

export function outputsHtml(outputs: readonly ExportedOutput[]): string {
  if (outputs.length === 0) return "";
  return `<div class="outputs">${outputs.map(outputHtml).join("")}</div>`;
}

export function outputHtml(o: ExportedOutput): string {
  switch (o.kind) {
    case "stream": return `<pre class="output stream ${h(o.name)}" tabindex="0">${escapeHtml(o.text)}</pre>`;
    case "text": return `<pre class="output text" tabindex="0">${escapeHtml(o.text)}</pre>`;
    case "tensor": return tensorHtml(o.tensor);
    case "table": return tableHtml(o.table);
    case "plot": return `<figure class="output plot" role="img" tabindex="0" aria-label="${escapeHtml(o.text)}">${o.svg}</figure>`;
    case "check": return checkHtml(o.check);
    case "progress": return progressHtml(o.progress);
    case "html": return `<div class="output rich">${o.html}</div>`;
    case "widget": return widgetHtml(o.widget);
  }
}

/** One number format for the app and the export (ui/app/format.ts). */
export const formatNumber = num;


/** Row and column indices to show: all of them, or the first and last few with a gap (-1). */
function pick(n: number, max: number, edge: number, available: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const head = Array.from({ length: edge }, (_, i) => i);
  const tail = Array.from({ length: edge }, (_, i) => n - edge + i);
  return [...head, -1, ...tail.filter((i) => i < available)];
}

export function tensorHtml(t: TensorPayload): string {
  const name = t.name ? `<span class="tensor-name">${escapeHtml(t.name)}</span> ` : "";
  const badge = `<span class="shape-badge">${escapeHtml(shapeText(t.shape))}</span>`;
  // a mask (dtype bool) reads as numpy prints it: True and False, and how many are True
  const stats = t.dtype === "bool"
    ? `<span class="stats">${h(Math.round(Number(t.mean) * t.size))} of ${h(t.size)} True</span>`
    : `<span class="stats">min ${escapeHtml(formatNumber(t.min))} · max ${escapeHtml(formatNumber(t.max))} · mean ${escapeHtml(formatNumber(t.mean))}</span>`;
  const head = `<div class="tensor-head">${name}${badge} ${stats}${t.requiresGrad ? ' <span class="grad-badge">requires grad</span>' : ""}</div>`;
  return `<figure class="output tensor" tabindex="0">${head}${tensorBody(t)}</figure>`;
}

function tensorBody(t: TensorPayload): string {
  const bool = t.dtype === "bool";
  const value = (i: number) => (i >= t.data.length ? "…" : bool ? (t.data[i] ? "True" : "False") : escapeHtml(formatNumber(t.data[i]!)));
  if (t.shape.length === 0) return `<div class="scalar">${bool ? value(0) : escapeHtml(scalar(t.data[0]))}</div>`;
  // Vectors show as one row; higher ranks as a matrix of their leading dims by the last dim.
  const cols = t.shape.at(-1)!;
  const rows = t.shape.length === 1 ? 1 : t.size / Math.max(cols, 1);
  const availableRows = Math.ceil(t.data.length / Math.max(cols, 1));
  const rowIdx = pick(rows, MAX_ROWS, EDGE_ROWS, availableRows);
  const colIdx = pick(cols, MAX_COLS, EDGE_COLS, cols);
  const label = t.shape.length > 2 ? `<caption>reshaped to (${h(rows)}, ${h(cols)}) for display</caption>` : "";
  const body = rowIdx.map((r) => {
    if (r < 0) return `<tr class="gap">${colIdx.map(() => "<td>⋮</td>").join("")}</tr>`;
    return `<tr>${colIdx.map((c) => (c < 0 ? "<td>…</td>" : `<td>${value(r * cols + c)}</td>`)).join("")}</tr>`;
  }).join("");
  const note = t.truncated || rows > MAX_ROWS || cols > MAX_COLS ? `<div class="summary-note">showing part of ${h(t.size)} values</div>` : "";
  return `<table class="tensor-table">${label}<tbody>${body}</tbody></table>${note}`;
}

export function tableHtml(t: TablePayload): string {
  const head = `<thead><tr>${t.columns.map((c) => `<th>${escapeHtml(String(c))}</th>`).join("")}</tr></thead>`;
  const cell = (v: unknown) => escapeHtml(typeof v === "number" ? formatNumber(v) : v === null || v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v));
  const body = t.rows.map((row) => `<tr>${row.map((v) => `<td>${cell(v)}</td>`).join("")}</tr>`).join("");
  const note = t.truncated ? `<div class="summary-note">showing ${h(t.rows.length)} of ${h(t.total)} rows</div>` : "";
  return `<figure class="output table" tabindex="0"><table>${head}<tbody>${body}</tbody></table>${note}</figure>`;
}

export function checkHtml(c: CheckPayload): string {
  const expected = !c.pass && typeof c.expected === "string" ? `<details class="check-expected"><summary>show expected</summary><pre>${escapeHtml(c.expected)}</pre></details>` : "";
  return `<div class="output check ${c.pass ? "pass" : "fail"}"><span class="check-mark">${c.pass ? "✓" : "✗"}</span> ${escapeHtml(c.message)}${expected}</div>`;
}

export function progressHtml(p: ProgressPayload): string {
  const total = p.total ?? p.value;
  const label = p.label ? `${escapeHtml(p.label)} ` : "";
  return `<div class="output progress">${label}<progress value="${h(p.value)}" max="${h(total)}"></progress> ${h(p.value)}/${h(total)}</div>`;
}

/** A widget as it stood at build time: a disabled control with its value (the live page enables it). */
export function widgetHtml(w: WidgetPayload): string {
  const id = `widget-${escapeHtml(w.name)}`;
  const label = `<label for="${id}">${escapeHtml(w.label)}</label>`;
  const value = escapeHtml(String(w.value));
  switch (w.kind) {
    case "slider":
      return `<div class="output widget widget-slider">${label} <input id="${id}" type="range" min="${h(w.min ?? 0)}" max="${h(w.max ?? 1)}" step="${h(w.step ?? "any")}" value="${value}" disabled> <output for="${id}">${value}</output></div>`;
    case "select":
      return `<div class="output widget widget-select">${label} <select id="${id}" disabled>${(w.options ?? []).map((o: string) => `<option${o === w.value ? " selected" : ""}>${escapeHtml(o)}</option>`).join("")}</select></div>`;
    case "checkbox":
      return `<div class="output widget widget-checkbox"><input id="${id}" type="checkbox"${w.value === true ? " checked" : ""} disabled> ${label}</div>`;
    case "button":
      return `<div class="output widget widget-button"><button type="button" disabled>${escapeHtml(w.label)}</button> <span class="widget-note">pressed ${value} times</span></div>`;
    default:
      return `<pre class="output text">${escapeHtml(String(w.value))}</pre>`;
  }
}
