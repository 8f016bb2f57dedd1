// Every kernel variable: name, type, shape, summary. Choosing a tensor opens it in the tensor view;
// a parameter (a tensor with a gradient) shows its gradient beside it.
import { html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { VariableSummary, TensorValue } from "../../kernel/protocol/values.ts";
import { shapeText } from "../app/format.ts";
import { LightElement } from "./light-element.ts";
import "./sb-tensor-view.ts";

@customElement("sb-variable-inspector")
export class SbVariableInspector extends LightElement {
  @property({ attribute: false }) variables: VariableSummary[] = [];
  @property() selected: string | null = null;
  /** the full value of the selected variable, when it is a tensor. */
  @property({ attribute: false }) value: TensorValue | null = null;

  override render() {
    return html`<aside class="inspector" aria-label="variables">
      <h2 class="panel-title">Variables</h2>
      ${this.variables.length === 0 ? html`<p class="empty">Run a cell to see its variables.</p>` : html`
      <table class="var-table">
        <thead><tr><th scope="col">name</th><th scope="col">type</th><th scope="col">shape</th><th scope="col">summary</th></tr></thead>
        <tbody>${this.variables.map((v) => html`<tr class=${v.name === this.selected ? "selected" : ""}>
          <th scope="row"><button class="link-button" aria-pressed=${v.name === this.selected}
            @click=${() => this.emit("sb-inspect", { name: v.name })}>${v.name}</button></th>
          <td>${v.type}</td><td>${v.shape ? shapeText(v.shape) : ""}</td><td class="var-summary">${v.summary}</td></tr>`)}</tbody>
      </table>`}
      ${this.value && this.selected ? html`<div class="inspector-value">
        <sb-tensor-view compact .tensor=${this.value} label=${this.selected}></sb-tensor-view>
        ${this.value.grad ? html`<sb-tensor-view compact .tensor=${this.value.grad} label="${this.selected}.grad"></sb-tensor-view>` : nothing}
      </div>` : nothing}
    </aside>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { "sb-variable-inspector": SbVariableInspector }
}
