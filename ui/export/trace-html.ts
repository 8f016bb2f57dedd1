// A traced cell's steps as a static list that reads without JavaScript (phase, formula rendered with
// KaTeX at build time, shapes, source line), plus the trace JSON for the live app's step-through view.
import type { StepSummary, TraceSummary } from "../../kernel/protocol/values.ts";
import { renderTex } from "../render/katex-render.ts";
import { cellDomId, escapeHtml, h, scriptJson } from "./html.ts";
import { formatNumber } from "./outputs-html.ts";
import { reduceText, groupLabeller } from "../../kernel/trace/record.ts";
import { traceGraph } from "../components/trace-graph.ts";
import { traceGraphSvg } from "../components/trace-graph-svg.ts";
import { shapeLine } from "../components/step-shapes.ts";


/** A code cell's number: its place among the lesson's code cells ("cell 3", as the app's Run button says). */
export type CellNumber = (cellId: string) => number | null;

/** One step; `cellId` is the traced cell: a step inside a function another cell defines says which
 * ("line 4 of cell 3", linked to it; the cell's id when it has no number). */
export function stepHtml(s: StepSummary, cellId: string | null = s.cell, cellNumber: CellNumber = () => null, position?: number): string {
  const shapes = shapeLine(s);
  const n = s.cell ? cellNumber(s.cell) : null;
  const other = s.cell && s.cell !== cellId ? ` of <a href="#${escapeHtml(cellDomId(s.cell))}">${n === null ? escapeHtml(s.cell) : `cell ${h(n)}`}</a>` : "";
  const where = s.line !== null ? `<span class="step-line">line ${h(s.line)}${other}</span>` : "";
  const p = s.preview;
  // a mask as numpy shows one: how many are True (as the tensor view says)
  const size = s.shapes.output.reduce((a, b) => a * b, 1);
  const stats = p.dtype === "bool" ? `${Math.round(Number(p.mean) * size)} of ${size} True`
    : `min ${formatNumber(p.min)} · max ${formatNumber(p.max)} · mean ${formatNumber(p.mean)}`;
  // `value`: the list numbers a step as the step-through does (step 5 of 23), past headings and left-out steps
  return `<li class="step phase-${escapeHtml(s.phase)}" data-step="${h(s.step)}"${position === undefined ? "" : ` value="${h(position)}"`}>`
    + `<span class="step-phase">${escapeHtml(s.phase)}</span> `
    + `<span class="step-formula">${renderTex(s.latex || s.rule || s.op, false, "mathml")}</span> `
    + `<span class="step-shapes">${escapeHtml(shapes)}</span> `
    + (s.reduce ? `<span class="step-reduce">${escapeHtml(reduceText(s.reduce))}</span> ` : "")
    + `<span class="step-stats">${escapeHtml(stats)}</span> ${where}</li>`;
}

export function traceHtml(trace: TraceSummary, cellId: string, cellNumber: CellNumber = () => null): string {
  const dropped = trace.dropped > 0 || trace.droppedEpochs > 0
    ? `<p class="trace-note">${h(trace.dropped)} steps and ${h(trace.droppedEpochs)} iterations left out to keep the trace small.</p>`
    : "";
  // a heading wherever the run moves on: setup, iteration 1 (or epoch 2, batch 1), ..., after
  const label = groupLabeller(trace.records, trace.droppedEpochs);
  const several = trace.records.some((r) => r.group !== trace.records[0]!.group || r.iteration !== trace.records[0]!.iteration);
  let heading = "";
  const position = new Map(trace.records.map((r, i) => [r, i + 1]));
  const steps = listedSteps(trace.records).map((s) => {
    if (typeof s === "string") return `<li class="step-gap">${escapeHtml(s)}</li>`;
    const group = several ? label(s) : "";
    const head = group !== heading ? `<li class="step-group">${escapeHtml(group)}</li>` : "";
    heading = group;
    return head + stepHtml(s, cellId, cellNumber, position.get(s));
  }).join("");
  const where = traceGraph(trace, 0).where; // the pass the graph shows, named only when the run has several
  return `<details class="trace" open><summary>Step through: ${h(trace.records.length)} steps</summary>`
    + `<figure class="trace-graph"><figcaption>Computation graph${where === "" ? "" : ` of ${escapeHtml(where)}`}</figcaption>${traceGraphSvg(trace, 0)}</figure>`
    // on a phone a step's formula is wider than the column: the list scrolls sideways in its own box
    // (focusable and labelled, as a scrolling region must be), never the page
    + `<ol class="trace-steps" tabindex="0" aria-label="steps of the step-through">${steps}</ol>${dropped}`
    + `<script type="application/json" class="stepbook-trace" data-cell="${escapeHtml(cellId)}">${scriptJson(trace)}</script>`
    + `</details>`;
}

/** Longest static list of steps; past it, the first and last epochs are listed (the JSON keeps all). */
export const MAX_LISTED_STEPS = 60;

/**
 * The steps the static list shows: all of them when few; otherwise the first and the last epoch (each
 * KaTeX formula is a few kB of markup, and a training loop records hundreds), with a note between.
 */
export function listedSteps(records: readonly StepSummary[]): (StepSummary | string)[] {
  if (records.length <= MAX_LISTED_STEPS) return [...records];
  const first = records[0]!.epoch, last = records.at(-1)!.epoch;
  const half = MAX_LISTED_STEPS / 2;
  let head = records.filter((r) => r.epoch === first).slice(0, half);
  let tail = first === last ? [] : records.filter((r) => r.epoch === last).slice(-half);
  if (head.length + tail.length === 0 || first === last) { head = records.slice(0, half); tail = records.slice(-half); }
  const left = records.length - head.length - tail.length;
  return [...head, `… ${left} more steps, in the live step-through`, ...tail];
}
