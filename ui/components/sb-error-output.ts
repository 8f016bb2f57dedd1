// An error from a cell: its name and message, and the traceback lines (text, never markup). The lines
// never wrap (the box scrolls sideways instead), so the caret under a long source line stays under its column.
import { html } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { SourcePosition } from "../../kernel/protocol/messages.ts";
import { LightElement } from "./light-element.ts";

@customElement("sb-error-output")
export class SbErrorOutput extends LightElement {
  @property() ename = "Error";
  @property() evalue = "";
  @property({ attribute: false }) traceback: string[] = [];
  @property({ attribute: false }) position: SourcePosition | null = null;
  /** a cell's number as its Run button says it ("Run cell 4": its place among the code cells). */
  @property({ attribute: false }) cellNumber: (cellId: string) => number | null = () => null;
  /** the cell the error is shown under: a place in another cell (a function it defines) names that cell. */
  @property() cellId = "";

  override render() {
    // the kernel names cells by id (`cell "forward", line 3`); the page says "cell 4, line 3", as the Run button does
    const rest = this.traceback.filter((l, i) => !(i === 0 && l.includes(this.evalue)))
      .map((l) => l.replace(/cell "([^"]*)", line/g, (m, id: string) => { const n = this.cellNumber(id); return n === null ? m : `cell ${n}, line`; }));
    return html`<div class="error-output" role="alert">
      <p class="error-head"><strong>${this.ename}</strong>: ${this.evalue}${this.position ? html` <span class="error-where">(${this.where(this.position)})</span>` : ""}</p>
      ${rest.length ? html`<pre class="error-trace" tabindex="0" role="region" aria-label="traceback">${rest.join("\n")}</pre>` : ""}
    </div>`;
  }

  /** "line 3" in this cell; "cell 2, line 11" in another (lesson 7: predict(X.T) failed inside cell 2's predict). */
  private where(p: SourcePosition): string {
    if (!this.cellId || p.cellId === this.cellId) return `line ${p.line}`;
    const n = this.cellNumber(p.cellId);
    return `${n === null ? `cell "${p.cellId}"` : `cell ${n}`}, line ${p.line}`;
  }
}

declare global {
  interface HTMLElementTagNameMap { "sb-error-output": SbErrorOutput }
}
