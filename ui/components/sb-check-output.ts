// The result of an exercise check: pass, or where the student's values differ from the reference.
import { html } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { CheckPayload } from "../../kernel/protocol/mime.ts";
import { shapeText } from "../app/format.ts";
import { LightElement } from "./light-element.ts";

@customElement("sb-check-output")
export class SbCheckOutput extends LightElement {
  @property({ attribute: false }) check: CheckPayload | null = null;

  override render() {
    const c = this.check;
    if (!c) return "";
    return html`<div class="check ${c.pass ? "check-pass" : "check-fail"}" role="status">
      <span class="check-mark" aria-hidden="true">${c.pass ? "✓" : "✗"}</span>
      <span class="check-message">${c.pass ? "Correct: " : "Not yet: "}${c.message}</span>
      ${!c.pass && c.index ? html`<span class="check-detail">first difference at [${c.index.join(", ")}]${c.maxError !== undefined ? `, largest error ${c.maxError.toPrecision(3)}` : ""}</span>` : ""}
      ${!c.pass && c.expectedShape && c.actualShape && c.expectedShape.join() !== c.actualShape.join()
        ? html`<span class="check-detail">shape ${shapeText(c.actualShape)}, expected ${shapeText(c.expectedShape)}</span>` : ""}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { "sb-check-output": SbCheckOutput }
}
