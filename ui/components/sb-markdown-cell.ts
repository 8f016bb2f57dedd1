// A Markdown cell: HTML from the shared render pipeline (ui/render; raw HTML is off there, so this is
// markup the pipeline produced, never the lesson's own). Hovering an equation with `data-binds` asks
// the app for the live values of the names it binds. In lecturer mode a double click edits the source.
import { html } from "lit";
import { customElement, property } from "lit/decorators.js";
import { unsafeHTML } from "lit/directives/unsafe-html.js";
import { LightElement } from "./light-element.ts";
import { markScrollingBoxes } from "./scroll-box.ts";

export interface BindsHoverDetail { names: string[]; label: string; anchor: HTMLElement | null }

@customElement("sb-markdown-cell")
export class SbMarkdownCell extends LightElement {
  @property() cellId = "";
  /** output of ui/render's renderDocument for this cell. */
  @property() renderedHtml = "";
  @property() source = "";
  @property({ type: Boolean }) authoring = false;
  @property({ type: Boolean }) editing = false;
  /** the equation label the step-through view points at, if it is in this cell. */
  @property() highlightLabel: string | null = null;

  override render() {
    if (this.editing) {
      return html`<label class="visually-hidden" for="md-${this.cellId}">Markdown source</label>
        <textarea id="md-${this.cellId}" class="markdown-source" .value=${this.source}
          rows=${Math.max(3, this.source.split("\n").length + 1)}
          @input=${(e: Event) => this.emit("sb-source-change", { cellId: this.cellId, source: (e.target as HTMLTextAreaElement).value })}
          @keydown=${this.onKey}></textarea>
        <button class="btn" @click=${() => this.emit("sb-edit-end", { cellId: this.cellId })}>Done</button>`;
    }
    return html`<div class="markdown-body" @mouseover=${this.onOver} @mouseout=${this.onOut} @focusin=${this.onOver}
        @focusout=${this.onFocusOut}
        @dblclick=${() => this.authoring && this.emit("sb-edit-start", { cellId: this.cellId })}>${unsafeHTML(this.renderedHtml)}</div>`;
  }

  protected override updated(): void {
    for (const eq of this.querySelectorAll<HTMLElement>(".equation[data-binds]")) {
      eq.tabIndex = 0;
      eq.classList.toggle("eq-active", eq.id === this.highlightLabel);
    }
    this.markWideMath();
  }

  // A display equation wider than the column scrolls sideways in its box; a keyboard must reach it too.
  private resized = typeof ResizeObserver === "function" ? new ResizeObserver(() => this.markWideMath()) : null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.resized?.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resized?.disconnect();
  }

  private markWideMath(): void {
    // (the renderer gives every display tabindex 0: one that fits loses it)
    markScrollingBoxes(this.querySelectorAll<HTMLElement>(".math-display"), () => "equation");
  }

  private onKey = (e: KeyboardEvent) => {
    if (e.key === "Escape" || (e.key === "Enter" && (e.shiftKey || e.ctrlKey))) {
      e.preventDefault();
      this.emit("sb-edit-end", { cellId: this.cellId });
    }
  };

  private onOver = (e: Event) => {
    const eq = (e.target as Element).closest?.<HTMLElement>(".equation[data-binds]");
    if (!eq) return;
    const names = (eq.dataset.binds ?? "").split(/\s+/).filter(Boolean);
    this.emit<BindsHoverDetail>("sb-binds-hover", { names, label: eq.id, anchor: eq });
  };

  private onFocusOut = (e: FocusEvent) => {
    const from = (e.target as Element).closest?.(".equation[data-binds]");
    if (from && !from.contains(e.relatedTarget as Node | null)) this.emit<BindsHoverDetail>("sb-binds-hover", { names: [], label: "", anchor: null });
  };

  private onOut = (e: MouseEvent) => {
    const from = (e.target as Element).closest?.(".equation[data-binds]");
    if (from && !from.contains(e.relatedTarget as Node | null)) this.emit<BindsHoverDetail>("sb-binds-hover", { names: [], label: "", anchor: null });
  };
}

declare global {
  interface HTMLElementTagNameMap { "sb-markdown-cell": SbMarkdownCell }
}
