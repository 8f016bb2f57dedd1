// Two versions of a cell's code, line by line: lines only in the student's version, lines only in the
// lesson's, and the lines they share. Marked by a sign and a word as well as by colour.
import { html } from "lit";
import { customElement, property } from "lit/decorators.js";
import { lineDiff } from "../app/line-diff.ts";
import { LightElement } from "./light-element.ts";

@customElement("sb-line-diff")
export class SbLineDiff extends LightElement {
  /** the student's version. */
  @property() yours = "";
  /** the lesson's current version. */
  @property() lesson = "";

  override render() {
    const lines = lineDiff(this.yours, this.lesson);
    if (lines.every((l) => l.kind === "same")) return html`<p class="diff-same">Your version is the same as the lesson's.</p>`;
    const sign = { same: " ", old: "−", new: "+" } as const;
    const what = { same: "", old: "only in yours", new: "only in the lesson" } as const;
    return html`<p class="diff-legend"><span class="diff-old">− yours</span> <span class="diff-new">+ the lesson's</span></p>
      <pre class="line-diff" aria-label="your version compared with the lesson's"><code>${lines.map((l) => html`<span
        class="diff-line diff-${l.kind}"><span class="diff-sign" aria-hidden="true">${sign[l.kind]}</span>${l.kind === "same" ? "" : html`<span
        class="visually-hidden">${what[l.kind]}: </span>`}${l.text}${"\n"}</span>`)}</code></pre>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { "sb-line-diff": SbLineDiff }
}
