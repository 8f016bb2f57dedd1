// The outputs of a code cell. Each output is a MIME bundle; we show the richest type we know:
// check, progress, a view (views.ts), plot, tensor, table, TeX, Markdown, HTML (only from a live run the reader started),
// then text/plain. Markdown and TeX go through the shared pipeline (ui/render); text stays text.
import { html, nothing, type TemplateResult } from "lit";
import { customElement, property } from "lit/decorators.js";
import { unsafeHTML } from "lit/directives/unsafe-html.js";
import { isCheckPayload, isCutPayload, isProgressPayload, isTablePayload, isTensorPayload, isWidgetPayload } from "../../kernel/protocol/payload-guards.ts";
import { MIME, type MimeBundle, type PlotSpec } from "../../kernel/protocol/mime.ts";
import { formatChars } from "../../kernel/runtime/output.ts";
import { renderMarkdown } from "../render/render.ts";
import { renderTex } from "../render/katex-render.ts";
import type { OutputItem } from "../app/state.ts";
import { LightElement } from "./light-element.ts";
import "./sb-tensor-view.ts";
import "./sb-plot.ts";
import "./sb-progress.ts";
import "./sb-error-output.ts";
import "./sb-check-output.ts";
import "./sb-table-view.ts";
import "./sb-view.ts";
import "./sb-widget.ts";
import { viewOf } from "./views.ts";

@customElement("sb-output-area")
export class SbOutputArea extends LightElement {
  @property({ attribute: false }) outputs: OutputItem[] = [];
  /** true when these outputs come from a run the reader started (text/html is shown only then). */
  @property({ type: Boolean }) live = false;
  /** a cell's number as its prompt shows it, for error locations ("cell 15, line 3"). */
  @property({ attribute: false }) cellNumber: (cellId: string) => number | null = () => null;
  /** the cell these are the outputs of */
  @property() cellId = "";

  override render() {
    if (this.outputs.length === 0) return nothing;
    return html`<div class="outputs" aria-live="polite">${this.outputs.map((o) => this.output(o))}</div>`;
  }

  private output(o: OutputItem): TemplateResult {
    switch (o.kind) {
      case "stream":
        return html`<pre class="stream stream-${o.name}">${o.text}</pre>`;
      case "error":
        return html`<sb-error-output .ename=${o.ename} .evalue=${o.evalue} .traceback=${o.traceback} .position=${o.position} .cellNumber=${this.cellNumber} .cellId=${this.cellId}></sb-error-output>`;
      case "display":
      case "result":
        return html`<div class="output output-${o.kind}">${o.kind === "result" ? html`<span class="out-prompt" aria-label="result ${o.executionCount}">[${o.executionCount}]</span>` : nothing}${this.withShowMore(o.data)}</div>`;
    }
  }

  /**
   * An output the kernel cut at its limit (MIME.cut): "Show more" asks the kernel for the next part
   * (the app's KernelSession answers `sb-show-more`). Only for a live run: an exported page has no
   * kernel holding the rest, so it shows what was exported.
   */
  private withShowMore(data: MimeBundle): TemplateResult {
    const more = this.showMore(data);
    return more === nothing ? this.bundle(data) : html`<div class="cut-output">${this.bundle(data)}${more}</div>`;
  }

  private showMore(data: MimeBundle): TemplateResult | typeof nothing {
    const cut = data[MIME.cut];
    if (!this.live || !isCutPayload(cut)) return nothing;
    const open = Object.values(cut).filter((c) => c.shown < c.total);
    if (open.length === 0) return nothing;
    const c = open[0]!;
    const more = () => this.dispatchEvent(new CustomEvent("sb-show-more", { bubbles: true, composed: true, detail: { outputId: c.id } }));
    return html`<button class="btn show-more" @click=${more}>Show more <span class="muted">(${formatChars(c.shown)} of ${formatChars(c.total)} shown)</span></button>`;
  }

  private bundle(data: MimeBundle): TemplateResult {
    // A payload of the wrong shape (cell code can hand display() any bundle) falls through to text.
    const check = data[MIME.check], progress = data[MIME.progress], tensor = data[MIME.tensor], table = data[MIME.table];
    if (isCheckPayload(check)) return html`<sb-check-output .check=${check}></sb-check-output>`;
    if (isProgressPayload(progress)) return html`<sb-progress .progress=${progress}></sb-progress>`;
    const widget = data[MIME.widget];
    if (isWidgetPayload(widget)) return html`<sb-widget .widget=${widget}></sb-widget>`;
    const view = viewOf(data);
    if (view) return html`<sb-view .renderer=${view.renderer} .payload=${view.payload} .description=${String(data[MIME.text] ?? "")}></sb-view>`;
    if (MIME.plot in data) return html`<sb-plot .spec=${data[MIME.plot] as PlotSpec} .description=${String(data[MIME.text] ?? "")}></sb-plot>`;
    if (isTensorPayload(tensor)) return html`<sb-tensor-view .tensor=${tensor}></sb-tensor-view>`;
    if (isTablePayload(table)) return html`<sb-table-view .table=${table}></sb-table-view>`;
    if (MIME.latex in data) return html`<div class="tex-output">${unsafeHTML(renderTex(stripDollars(String(data[MIME.latex])), true))}</div>`;
    if (MIME.markdown in data) return html`<div class="markdown-output markdown-body">${unsafeHTML(renderMarkdown(String(data[MIME.markdown])))}</div>`;
    if (this.live && MIME.html in data) return html`<div class="html-output">${unsafeHTML(String(data[MIME.html]))}</div>`;
    // scrolls sideways when wider than the cell (app.css): focusable, so a keyboard can scroll it too
    return html`<pre class="text-output" tabindex="0">${String(data[MIME.text] ?? "")}</pre>`;
  }
}

/** TeX outputs may come wrapped in `$$ ... $$` (Jupyter's habit); KaTeX wants the bare formula. */
function stripDollars(tex: string): string {
  const m = /^\s*\$\$?([\s\S]*?)\$?\$\s*$/.exec(tex);
  return m ? m[1]! : tex;
}

declare global {
  interface HTMLElementTagNameMap { "sb-output-area": SbOutputArea }
}
