// A code cell: its prompt ([3], [*] while running), a run button, badges (trace, exercise, stale,
// edited, yours), the code (highlighted when read, Monaco when edited), and its outputs. When the
// lesson changed a cell the student edited, a strip offers to compare the two and pick one.
// Shift+Enter runs and moves on; Ctrl+Enter runs and stays. Events only; the app does the work.
import { html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { CodeCellOptions } from "../document/types.ts";
import type { CellRuntime } from "../app/state.ts";
import { LightElement } from "./light-element.ts";
import "./sb-code-view.ts";
import "./sb-output-area.ts";
import "./sb-line-diff.ts";

@customElement("sb-code-cell")
export class SbCodeCell extends LightElement {
  @property() cellId = "";
  @property() source = "";
  @property({ attribute: false }) options: CodeCellOptions = {};
  @property({ attribute: false }) runtime: CellRuntime | null = null;
  @property({ type: Boolean }) editing = false;
  /** the student's source differs from the lesson's. */
  @property({ type: Boolean }) modified = false;
  /** a hidden solution the student has not asked to see. */
  @property({ type: Boolean }) concealed = false;
  @property({ type: Boolean }) traceOpen = false;
  @property({ type: Number }) highlightLine: number | null = null;
  @property({ type: Number }) index = 0;
  /** a cell the student inserted (not from the lesson). */
  @property({ type: Boolean }) mine = false;
  /** the lesson's current version, when the lesson changed this cell after the student edited it. */
  @property({ attribute: false }) lessonSource: string | null = null;
  /** why the cell is stale, in words ("W1 changed in cell 4"): the stale badge's hover text. */
  @property() staleText = "";
  /** a cell's number as its prompt shows it (errors say "cell 15, line 3"). */
  @property({ attribute: false }) cellNumber: (cellId: string) => number | null = () => null;
  @state() private comparing = false;
  /** a concealed solution: the exercise's check passed already, so showing it asks nothing. */
  @property({ type: Boolean }) exercisePassed = false;
  /** the inline "Show the solution?" question: asking, or the answer was no. */
  @state() private revealing: "idle" | "asking" | "cancelled" = "idle";

  override render() {
    const rt = this.runtime;
    const status = rt?.status ?? "idle";
    const prompt = status === "running" ? "*" : status === "queued" ? "…" : rt?.executionCount ?? " ";
    const o = this.options;
    // a place in another cell (a function it defines) is not a line of this one
    const errorLine = rt?.error && (!rt.error.cellId || rt.error.cellId === this.cellId) ? rt.error.line : null;
    const errorMessage = rt?.outputs.find((x) => x.kind === "error");
    const label = `code cell ${this.index + 1}${o.exercise ? `, exercise ${o.exercise}` : ""}${o.solution ? `, solution ${o.solution}` : ""}${this.mine ? ", yours" : ""}`;
    return html`<section class="code-cell status-${status} ${rt?.stale ? "is-stale" : ""} ${rt?.error ? "has-error" : ""}" aria-label=${label} tabindex="-1"
        aria-busy=${status !== "idle"} @keydown=${this.onKey}>
      <div class="cell-prompt" aria-label="execution count" title="cell ${this.index + 1}: [${prompt}] counts the kernel's runs, as Jupyter's prompt">[${prompt}]</div>
      <div class="cell-main">
        <div class="cell-bar">
          <button class="btn btn-run" title="Run (Shift+Enter)" aria-label="Run cell ${this.index + 1}" ?disabled=${this.concealed}
            @click=${() => this.emit("sb-run", { cellId: this.cellId, advance: false })}>▶ Run</button>
          ${status !== "idle" ? html`<span class="badge badge-busy" role="status">${status === "running" ? "running" : "queued"}</span>` : nothing}
          ${o.trace ? html`<span class="badge badge-trace" title="this cell records a trace">trace</span>` : nothing}
          ${o.exercise ? html`<span class="badge badge-exercise">exercise: ${o.exercise}</span>` : nothing}
          ${o.solution ? html`<span class="badge badge-solution">solution: ${o.solution}</span>` : nothing}
          ${rt?.stale ? html`<span class="badge badge-stale" title=${this.staleText || "inputs changed since this cell ran"}>stale<span
            class="visually-hidden">: ${this.staleText || "inputs changed since this cell ran"}</span></span>` : nothing}
          ${this.mine ? html`<span class="badge badge-mine" title="a cell you inserted">yours</span>`
            : this.modified ? html`<span class="badge badge-edited">edited</span>` : nothing}
          <span class="cell-bar-spacer"></span>
          ${rt?.trace && rt.trace.records.length ? html`<button class="btn btn-trace" aria-pressed=${this.traceOpen}
              @click=${() => this.emit("sb-toggle-trace", { cellId: this.cellId })}>${this.traceOpen ? "Hide steps" : `Step through (${rt.trace.records.length})`}</button>` : nothing}
          ${this.modified && !this.mine ? html`<button class="btn btn-reset" title="Reset this cell to the lesson's version"
              @click=${() => this.emit("sb-reset-cell", { cellId: this.cellId })}>Reset</button>` : nothing}
        </div>
        ${this.lessonSource !== null ? this.upstreamStrip(this.lessonSource) : nothing}
        ${this.concealed
          ? this.hiddenSolution()
          : this.editing
            ? html`<sb-code-editor .cellId=${this.cellId} .source=${this.source} .errorLine=${errorLine}
                .errorMessage=${errorMessage?.kind === "error" ? `${errorMessage.ename}: ${errorMessage.evalue}` : ""}
                .highlightLine=${this.highlightLine}></sb-code-editor>`
            : html`<sb-code-view .source=${this.source} .errorLine=${errorLine} .highlightLine=${this.highlightLine}
                label="code of cell ${this.index + 1}" ?readonly=${!!this.options.readonly}
                @sb-edit-start=${(e: Event) => { e.stopPropagation(); this.emit("sb-edit-start", { cellId: this.cellId }); }}></sb-code-view>`}
        <sb-output-area .outputs=${rt?.outputs ?? []} ?live=${rt?.ranSource != null} .cellNumber=${this.cellNumber} .cellId=${this.cellId}></sb-output-area>
      </div>
    </section>`;
  }

  /** A hidden solution: Show solution asks inline (unless the exercise passed), and Cancel says nothing changed. */
  private hiddenSolution() {
    const reveal = () => { this.revealing = "idle"; this.emit("sb-reveal", { cellId: this.cellId }); };
    if (this.revealing === "asking") {
      return html`<div class="solution-hidden" role="group" aria-label="show the solution?">
        <p>Show the solution? Try the exercise first: its check says where your answer is off.</p>
        <button class="btn btn-run btn-reveal-yes" @click=${reveal}>Show it</button>
        <button class="btn btn-reveal-no" @click=${() => (this.revealing = "cancelled")}>Cancel</button></div>`;
    }
    return html`<div class="solution-hidden"><p role="status">${this.revealing === "cancelled"
        ? "Nothing changed: the solution is still hidden." : "The solution is hidden. Try the exercise first."}</p>
      <button class="btn btn-reveal" @click=${() => (this.exercisePassed ? reveal() : (this.revealing = "asking"))}>Show solution</button></div>`;
  }

  private upstreamStrip(lesson: string) {
    return html`<div class="upstream-cell" role="group" aria-label="the lesson changed this cell">
      <p><span class="upstream-note">The lesson changed this cell since you edited it.</span>
        <button class="btn btn-compare" aria-expanded=${this.comparing} @click=${() => (this.comparing = !this.comparing)}>${
          this.comparing ? "Hide comparison" : "Compare with the lesson"}</button></p>
      ${this.comparing ? html`<sb-line-diff .yours=${this.source} .lesson=${lesson}></sb-line-diff>
        <p class="upstream-actions">
          <button class="btn btn-take-lesson" @click=${() => this.emit("sb-take-lesson", { cellId: this.cellId })}>Take the lesson's version</button>
          <button class="btn btn-keep-mine" @click=${() => this.emit("sb-keep-mine", { cellId: this.cellId })}>Keep mine</button></p>` : nothing}
    </div>`;
  }

  private onKey = (e: KeyboardEvent) => {
    if (e.key !== "Enter" || !(e.shiftKey || e.ctrlKey || e.metaKey)) return;
    // Inside Monaco its own commands handle these keys.
    if ((e.target as Element).closest?.("sb-code-editor")) return;
    e.preventDefault();
    this.emit("sb-run", { cellId: this.cellId, advance: e.shiftKey });
  };
}

declare global {
  interface HTMLElementTagNameMap { "sb-code-cell": SbCodeCell }
}
