// The live values of the names a hovered equation binds: name, shape and a short summary each (a scalar's
// summary is its value). It stays while the pointer is on it (the app hides it when both it and the equation are left).
import { html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import { shapeText } from "../app/format.ts";
import { LightElement } from "./light-element.ts";

export interface BoundValue { name: string; shape?: number[]; summary: string; defined: boolean }

@customElement("sb-value-popover")
export class SbValuePopover extends LightElement {
  @property({ attribute: false }) values: BoundValue[] = [];
  @property({ type: Number }) x = 0;
  @property({ type: Number }) y = 0;

  override render() {
    if (this.values.length === 0) return nothing;
    return html`<div class="value-popover" id="value-popover" role="tooltip" style="left:${this.x}px; top:${this.y}px">
      ${this.values.map((v) => html`<div class="bound-value"><code>${v.name}</code>
        ${v.defined ? html`<span class="badge shape-badge">${v.shape ? shapeText(v.shape) : ""}</span> <span>${v.summary}</span>` : html`<span class="muted">not defined yet: run the cell</span>`}</div>`)}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { "sb-value-popover": SbValuePopover }
}
