// Step-through of a traced cell: previous / next / slider / play over the forward, loss, backward and
// update steps. Each step shows its formula (KaTeX, through the shared renderer) with the real shapes,
// the chain-rule factor of a backward step, and the input and output values. The app owns the step
// index and fetches full values; this element only shows them and reports what the reader asks for.
import { html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { unsafeHTML } from "lit/directives/unsafe-html.js";
import { reduceText, groupLabeller, type Phase } from "../../kernel/trace/record.ts";
import type { StepSummary, TraceSummary } from "../../kernel/protocol/values.ts";
import { renderTex } from "../render/katex-render.ts";
import { shapeText } from "../app/format.ts";
import { shapeLine } from "./step-shapes.ts";
import { versionedName } from "./step-name.ts";
import { STEP_KEYS } from "../app/commands.ts";
import { LightElement } from "./light-element.ts";
import { traceGraphSvg } from "./trace-graph-svg.ts";
import "./sb-tensor-view.ts";
import type { TensorData } from "./sb-tensor-view.ts";
import { markScrollingBoxes } from "./scroll-box.ts";

const PHASES: Phase[] = ["forward", "loss", "backward", "update"];
export interface StepValues {
  output?: TensorData;
  inputs?: (TensorData | undefined)[];
}

@customElement("sb-trace-view")
export class SbTraceView extends LightElement {
  @property() cellId = "";
  @property({ attribute: false }) trace: TraceSummary | null = null;
  @property({ type: Number }) index = 0;
  @property({ attribute: false }) values: StepValues = {};
  @property({ type: Boolean }) playing = false;
  /** id of the lesson's equation that binds this step's name (highlighted in the lesson). */
  @property() equationLabel: string | null = null;
  /** a cell as its prompt numbers it ("3" for [3]), to say where a step ran that is not in this cell. */
  @property({ attribute: false }) cellNumber: (cellId: string) => number | null = () => null;
  /** the graph's groups (layers, long composites) the reader opened */
  @state() private openGroups: ReadonlySet<string> = new Set();

  /** where the reader had scrolled the graph's box (drawn anew at each step, so it would start at 0). */
  private graphScroll: { left: number; top: number } | null = null;

  protected override willUpdate(): void {
    const box = this.querySelector<HTMLElement>(".trace-graph-scroll");
    if (box) this.graphScroll = { left: box.scrollLeft, top: box.scrollTop };
  }

  /**
   * The graph follows the step: its box keeps the reader's scroll, and moves only when the current node
   * is outside it (lesson 4's loss, at the right of a wide graph, was lit out of sight at every width).
   */
  protected override updated(): void {
    this.markWide();
    const box = this.querySelector<HTMLElement>(".trace-graph-scroll");
    if (!box) return;
    if (this.graphScroll) ({ left: box.scrollLeft, top: box.scrollTop } = this.graphScroll);
    const node = box.querySelector(".graph-node.current");
    if (!node) return;
    const b = box.getBoundingClientRect(), r = node.getBoundingClientRect();
    if (r.left < b.left || r.right > b.right) box.scrollLeft += (r.left + r.right - b.left - b.right) / 2;
    if (r.top < b.top || r.bottom > b.bottom) box.scrollTop += (r.top + r.bottom - b.top - b.bottom) / 2;
  }

  private resized: ResizeObserver | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    if (typeof ResizeObserver !== "undefined") (this.resized = new ResizeObserver(() => this.markWide())).observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resized?.disconnect();
  }

  /** A formula or chain rule wider than its box (a phone) scrolls in it, focusable and labelled. */
  private markWide(): void {
    markScrollingBoxes(this.querySelectorAll<HTMLElement>(".step-formula, .grad-factor"), (box) => (box.classList.contains("grad-factor") ? "chain rule" : "formula"));
  }

  /** "line 4", or for a step inside a function another cell defines, "line 4 of cell 3" (its place, as "Run cell 3"). */
  private where(s: StepSummary): string {
    if (!s.cell || s.cell === this.cellId) return `line ${s.line}`;
    return `line ${s.line} of cell ${this.cellNumber(s.cell) ?? s.cell}`;
  }

  override render() {
    const t = this.trace;
    if (!t || t.records.length === 0) return html`<p class="trace-empty">No steps were recorded.</p>`;
    const n = t.records.length;
    const i = Math.max(0, Math.min(n - 1, this.index));
    const s = t.records[i]!;
    const name = s.name === null ? null : versionedName(s.name, s.outputLabel); // y⁽¹⁾, as the formula writes it
    const firstOf = (p: Phase) => t.records.findIndex((r) => r.phase === p);
    const group = groupLabeller(t.records, t.droppedEpochs);
    const output: TensorData = this.values.output ?? {
      name, shape: s.shapes.output, data: s.preview.values, truncated: s.preview.truncated,
      size: s.shapes.output.reduce((a, b) => a * b, 1), min: s.preview.min, max: s.preview.max, mean: s.preview.mean,
    };
    return html`<section class="trace-view phase-${s.phase}" aria-label="step-through of cell ${this.cellId}" @keydown=${this.onKey}>
      <div class="trace-controls" role="toolbar" aria-label="step controls">
        <button class="btn" aria-label="previous step" ?disabled=${i === 0} @click=${() => this.go(i - 1)}><span aria-hidden="true">◀</span> Previous</button>
        <button class="btn btn-play" aria-label=${this.playing ? "pause" : "play"} @click=${() => this.emit("sb-play", { cellId: this.cellId, playing: !this.playing })}><span aria-hidden="true">${this.playing ? "❚❚" : "▶"}</span> ${this.playing ? "Pause" : "Play"}</button>
        <button class="btn" aria-label="next step" ?disabled=${i === n - 1} @click=${() => this.go(i + 1)}>Next <span aria-hidden="true">▶</span></button>
        <input class="trace-slider" type="range" min="0" max=${n - 1} .value=${String(i)} aria-label="step"
          aria-valuetext="step ${i + 1} of ${n}, ${s.phase} ${s.op}" @input=${(e: Event) => this.go(Number((e.target as HTMLInputElement).value))}>
        <span class="trace-position" aria-live="polite">step ${i + 1} / ${n}</span>
      </div>
      <div class="trace-phases">${PHASES.map((p) => {
        const at = firstOf(p);
        return html`<button class="phase-chip phase-${p} ${s.phase === p ? "current" : ""}" ?disabled=${at < 0}
          aria-label="go to the first ${p} step" @click=${() => this.go(at)}>${p}</button>`;
      })}${t.dropped ? html`<span class="trace-dropped">${t.dropped} steps${t.droppedEpochs ? ` (${t.droppedEpochs} of ${t.epochs} iterations)` : ""} not kept, to stay small</span>` : nothing}</div>
      <div class="step-card">
        <div class="step-head">
          <span class="badge phase-badge phase-${s.phase}">${s.phase}</span>
          <code class="step-op">${s.op}</code>
          ${name ? html`<span class="step-name">→ ${name}</span>` : nothing}
          ${t.records.some((r) => r.group !== s.group || r.iteration !== s.iteration)
            ? html`<span class="step-epoch">${group(s)}</span>` : nothing}
          ${s.line ? html`<span class="step-line">${this.where(s)}</span>` : nothing}
        </div>
        <div class="step-formula">${unsafeHTML(renderTex(s.latex || s.rule, true))}</div>
        <p class="step-shapes"><code>${shapeLine(s)}</code>${this.equationLabel
          ? html` <a class="step-equation" href="#${this.equationLabel}">see the derivation</a>` : nothing}</p>
        ${s.reduce ? html`<p class="step-reduce">${reduceText(s.reduce)}</p>` : nothing}
        ${s.grads?.length ? html`<div class="step-grads"><span class="step-label">chain rule</span>${s.grads.map((g) => html`<div class="grad-factor">
          ${unsafeHTML(renderTex(g.chain, false))}</div>`)}</div>` : nothing}
        <div class="step-values">
          ${s.shapes.inputs.length ? html`<div class="step-inputs"><span class="step-label">inputs</span>${s.shapes.inputs.map((shape, k) => {
            const v = this.values.inputs?.[k];
            return v ? html`<sb-tensor-view compact .tensor=${v} label=${s.inputLabels[k] ?? `input ${k + 1}`} place=${s.shapes.inputs.length > 1 ? `input ${k + 1}` : "input"}></sb-tensor-view>`
              : html`<p class="input-pending">${s.inputLabels[k] ?? `input ${k + 1}`} <span class="badge shape-badge">${shapeText(shape)}</span></p>`;
          })}</div>` : nothing}
          <div class="step-output"><span class="step-label">output</span><sb-tensor-view compact .tensor=${output} label=${name ?? s.outputLabel ?? "output"} place="output"></sb-tensor-view></div>
        </div>
      </div>
      <figure class="trace-graph" @click=${this.onGraphClick} @keydown=${this.onGraphKey}>
        <figcaption>Computation graph (click a node to go to its step, a dashed group to open it)${s.group === "after"
          ? `. This step comes ${group(s)}: it is not drawn in the graph.` : ""}</figcaption>
        ${unsafeHTML(traceGraphSvg(t, i, this.openGroups))}
      </figure>
    </section>`;
  }

  private onGraphClick = (e: Event) => {
    const node = (e.target as Element).closest?.("[data-index], [data-group]");
    if (node) this.activate(node);
  };

  private onGraphKey = (e: KeyboardEvent) => {
    if (e.key !== "Enter" && e.key !== " ") return;
    const node = (e.target as Element).closest?.("[data-index], [data-group]");
    if (!node) return;
    e.preventDefault();
    e.stopPropagation();
    this.activate(node);
  };

  /** A node goes to its step; a closed group opens, an open group's label closes it (focus stays on it). */
  private activate(node: Element): void {
    const group = node.getAttribute("data-group");
    if (group === null) {
      this.go(Number(node.getAttribute("data-index")));
      return;
    }
    const next = new Set(this.openGroups);
    if (next.has(group)) next.delete(group);
    else next.add(group);
    this.openGroups = next;
    void this.updateComplete.then(() => {
      const again = [...this.querySelectorAll("[data-group]")].find((el) => el.getAttribute("data-group") === group);
      (again as HTMLElement | SVGElement | undefined)?.focus?.();
    });
  }

  private go(index: number): void {
    const n = this.trace?.records.length ?? 0;
    if (index < 0 || index >= n) return;
    this.emit("sb-step", { cellId: this.cellId, index });
  }

  private onKey = (e: KeyboardEvent) => {
    if ((e.target as Element).matches?.("input[type=range]")) return;
    const key = STEP_KEYS.find((b) => b.keys.includes(e.key));
    if (key) { e.preventDefault(); this.go(this.index + key.by); }
  };
}

declare global {
  interface HTMLElementTagNameMap { "sb-trace-view": SbTraceView }
}
