// Code as read (no Monaco): highlighted tokens as text nodes, line numbers, the failing line and the
// step-through line marked. Clicking or pressing Enter on it asks to edit.
import { html } from "lit";
import { customElement, property } from "lit/decorators.js";
import { tokenLines } from "../app/highlight.ts";
import { LightElement } from "./light-element.ts";

@customElement("sb-code-view")
export class SbCodeView extends LightElement {
  @property() source = "";
  @property({ type: Number }) errorLine: number | null = null;
  @property({ type: Number }) highlightLine: number | null = null;
  @property({ type: Boolean }) readonly = false;
  @property() label = "code";

  override render() {
    const lines = tokenLines(this.source);
    // a group, not a button: a button's name must contain its visible text (here, the whole code)
    return html`<pre class="code-view" tabindex="0" role="group"
        aria-label=${this.readonly ? this.label : `${this.label}: press Enter to edit`}
        @click=${this.edit} @keydown=${this.onKey}><code>${lines.map((tokens, i) => html`<span
          class="code-line ${i + 1 === this.errorLine ? "line-error" : ""} ${i + 1 === this.highlightLine ? "line-highlight" : ""}"
          data-line=${i + 1}><span class="line-number" aria-hidden="true">${i + 1}</span>${tokens.map((t) =>
            t.kind === "plain" ? t.text : html`<span class="tok-${t.kind}">${t.text}</span>`)}${"\n"}</span>`)}</code></pre>`;
  }

  private edit = () => {
    if (!this.readonly) this.emit("sb-edit-start", {});
  };

  private onKey = (e: KeyboardEvent) => {
    if (e.key === "Enter" && !e.shiftKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      this.edit();
    }
  };
}

declare global {
  interface HTMLElementTagNameMap { "sb-code-view": SbCodeView }
}
