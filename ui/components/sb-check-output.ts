// The result of an exercise check: pass, or where the student's values differ from the reference.
import { html } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { CheckPayload } from "../../kernel/protocol/mime.ts";
import { LightElement } from "./light-element.ts";

@customElement("sb-check-output")
export class SbCheckOutput extends LightElement {
  @property({ attribute: false }) check: CheckPayload | null = null;
  /** the student asked to see the expected value. */
  @state() private showExpected = false;

  override render() {
    const c = this.check;
    if (!c) return "";
    return html`<div class="check ${c.pass ? "check-pass" : "check-fail"}" role="status">
      <span class="check-mark" aria-hidden="true">${c.pass ? "✓" : "✗"}</span>
      <span class="check-message">${c.pass ? "Correct: " : "Not yet: "}${c.message}</span>
      ${!c.pass && c.expected !== undefined ? html`<button class="link-button check-show-expected" aria-expanded=${this.showExpected}
          @click=${() => (this.showExpected = !this.showExpected)}>${this.showExpected ? "hide expected" : "show expected"}</button>` : ""}
      ${!c.pass && this.showExpected && c.expected !== undefined ? html`<pre class="check-expected">${c.expected}</pre>` : ""}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { "sb-check-output": SbCheckOutput }
}
