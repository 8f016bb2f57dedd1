// A tensor as a table with a heatmap: shape badge (`300 x 3`), min / max / mean, the values of the first
// rows and columns (large tensors are summarised; the table scrolls). Values only; no maths beyond
// picking a colour for each number between the min and max the kernel reported.
import { html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import { num, scalar, shapeText, toNumber } from "../app/format.ts";
import { LightElement } from "./light-element.ts";

/** What the view draws: the tensor MIME payload, or an inspect reply's TensorValue (stats optional). */
export interface TensorData {
  name?: string | null;
  /** "bool": a mask, whose 1 and 0 show as numpy shows them, True and False */
  dtype?: "float64" | "bool";
  shape: number[];
  data: (number | string)[];
  truncated?: boolean;
  size?: number;
  min?: number | string;
  max?: number | string;
  mean?: number | string;
  requiresGrad?: boolean;
  isParameter?: boolean;
  hasGrad?: boolean;
}

const MAX_ROWS = 64;
const MAX_COLS = 24;

@customElement("sb-tensor-view")
export class SbTensorView extends LightElement {
  @property({ attribute: false }) tensor: TensorData | null = null;
  @property() label = "";
  /** where it stands, for screen readers ("input 2", "output"): an update step's W2 in and W2 out are two regions */
  @property() place = "";
  @property({ type: Boolean }) compact = false;

  override render() {
    const t = this.tensor;
    if (!t) return nothing;
    const stats = statsOf(t);
    const { rows, cols, rowCount, colCount } = grid(t);
    const shown = rows.length;
    const name = this.label || t.name || "";
    const place = this.place ? `, ${this.place}` : "";
    const bool = t.dtype === "bool";
    const cell = (v: number | string) => (bool ? boolText(v) : num(v));
    return html`<figure class="tensor-view ${this.compact ? "compact" : ""}" aria-label="tensor ${name} of shape ${shapeText(t.shape)}${place}">
      <figcaption class="tensor-head">
        ${name ? html`<span class="tensor-name">${name}</span>` : nothing}
        <span class="badge shape-badge" title="shape">${shapeText(t.shape)}</span>
        ${t.shape.length === 0 || t.data.length === 1 && (t.size ?? 1) === 1
          ? html`<span class="tensor-scalar">${bool ? boolText(t.data[0]!) : scalar(t.data[0])}</span>`
          : bool
            ? html`<span class="tensor-stats">${trueCount(stats.mean, t.size ?? t.data.length)} of ${t.size ?? t.data.length} True</span>`
            : html`<span class="tensor-stats"><span class="stat">min ${num(stats.min)}</span> · <span class="stat">max ${num(stats.max)}</span> · <span class="stat">mean ${num(stats.mean)}</span></span>`}
        ${t.isParameter ? html`<span class="badge badge-param" title="a parameter: gradients collect in its .grad">param</span>` : nothing}
      </figcaption>
      ${(t.size ?? t.data.length) === 1 ? nothing : html`<div class="tensor-scroll" tabindex="0" role="region" aria-label="values of ${name || "tensor"}${place}">
        <table class="tensor-table">
          ${cols > 1 || t.shape.length >= 2 ? html`<thead><tr><th scope="col"></th>${Array.from({ length: Math.min(cols, MAX_COLS) }, (_, j) => html`<th scope="col">${j}</th>`)}${cols > MAX_COLS ? html`<th scope="col">…</th>` : nothing}</tr></thead>` : nothing}
          <tbody>${rows.map((row, i) => html`<tr><th scope="row">${rowLabel(t.shape, i)}</th>${row.map((v) => {
            const x = toNumber(v);
            return html`<td style="background:${heat(x, toNumber(stats.min), toNumber(stats.max))}" title=${bool ? boolText(v) : String(v)}>${cell(v)}</td>`;
          })}${cols > MAX_COLS ? html`<td class="ellipsis">…</td>` : nothing}</tr>`)}</tbody>
        </table>
      </div>`}
      ${shown < rowCount || colCount > MAX_COLS || t.truncated
        ? html`<p class="tensor-note">showing ${shown} of ${rowCount} rows${colCount > MAX_COLS ? `, ${MAX_COLS} of ${colCount} columns` : ""}${t.truncated ? ` (the first ${t.data.length} of ${t.size} values were sent)` : ""}</p>`
        : nothing}
    </figure>`;
  }
}

const boolText = (v: number | string) => (toNumber(v) !== 0 ? "True" : "False");
const trueCount = (mean: number | string, size: number) => Math.round(toNumber(mean) * size);

/**
 * A row's header: its index; in a tensor of 3 or more axes, shown as (rest x last), the indices of the
 * leading axes (row "1, 2" of a (2, 3, 4) tensor is numpy's X[1, 2, :], where a flat "5" named no index).
 */
function rowLabel(shape: number[], row: number): string {
  if (shape.length <= 2) return String(row);
  const index: number[] = [];
  for (let d = shape.length - 2; d >= 0; d--) {
    index.unshift(row % shape[d]!);
    row = Math.floor(row / shape[d]!);
  }
  return index.join(", ");
}

/** Rows of the table: a matrix's rows; a vector as one row; higher ranks flattened to (rest x last). */
function grid(t: TensorData): { rows: (number | string)[][]; cols: number; rowCount: number; colCount: number } {
  const shape = t.shape;
  const cols = shape.length === 0 ? 1 : shape[shape.length - 1]!;
  const rowCount = shape.length <= 1 ? 1 : shape.slice(0, -1).reduce((a, b) => a * b, 1);
  const rows: (number | string)[][] = [];
  for (let i = 0; i < Math.min(rowCount, MAX_ROWS); i++) {
    const start = i * cols;
    if (start >= t.data.length) break;
    rows.push(t.data.slice(start, start + Math.min(cols, MAX_COLS)));
  }
  return { rows, cols, rowCount, colCount: cols };
}

function statsOf(t: TensorData): { min: number | string; max: number | string; mean: number | string } {
  if (t.min !== undefined && t.max !== undefined && t.mean !== undefined) return { min: t.min, max: t.max, mean: t.mean };
  // An inspect reply carries only values: summarise what arrived (display arithmetic, not tensor logic).
  let min = Infinity, max = -Infinity, sum = 0;
  for (const v of t.data) { const x = toNumber(v); min = Math.min(min, x); max = Math.max(max, x); sum += x; }
  return t.data.length ? { min, max, mean: sum / t.data.length } : { min: "NaN", max: "NaN", mean: "NaN" };
}

/** Diverging colour around zero when the range spans it, sequential otherwise; transparent for non-finite. */
function heat(x: number, lo: number, hi: number): string {
  if (!Number.isFinite(x) || !(hi > lo)) return "transparent";
  if (lo < 0 && hi > 0) {
    const m = Math.max(-lo, hi);
    const a = Math.min(1, Math.abs(x) / m) * 0.55;
    return x >= 0 ? `rgba(220, 90, 60, ${a.toFixed(3)})` : `rgba(50, 110, 220, ${a.toFixed(3)})`;
  }
  const a = ((x - lo) / (hi - lo)) * 0.55;
  return `rgba(60, 140, 120, ${a.toFixed(3)})`;
}

declare global {
  interface HTMLElementTagNameMap { "sb-tensor-view": SbTensorView }
}
