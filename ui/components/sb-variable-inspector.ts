// Every kernel variable: name, type, shape, summary (one line; a long one is cut, whole on hover). Choosing
// a variable expands it in place, under its row: a tensor in the tensor view (its values scroll in a box),
// a parameter's gradient beside it; any other value whole, as the kernel writes it (cut at the kernel's
// output limit, with "Show more" as a cell's output has: `sb-show-more`, answered by the KernelSession). On a tablet or phone (`overlay`) the inspector is a modal dialog over
// the lesson (the browser traps focus in it; Esc or Close closes it, and it says so with `sb-close`).
import { html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { VariableSummary, VariableValue } from "../../kernel/protocol/values.ts";
import { formatChars } from "../../kernel/runtime/output.ts";
import { scalar, shapeText } from "../app/format.ts";
import { LightElement } from "./light-element.ts";
import "./sb-tensor-view.ts";

@customElement("sb-variable-inspector")
export class SbVariableInspector extends LightElement {
  @property({ attribute: false }) variables: VariableSummary[] = [];
  @property() selected: string | null = null;
  /** the full value of the selected variable (null while it comes). */
  @property({ attribute: false }) value: VariableValue | null = null;
  /** show as a modal dialog over the page (narrow screens), not as a column beside the lesson. */
  @property({ type: Boolean }) overlay = false;
  /** the selected variable's row is folded up again (a second click on its name). */
  @state() private folded = false;

  override render() {
    const body = html`<h2 class="panel-title" id="inspector-title">Variables</h2>
      ${this.variables.length === 0 ? html`<p class="empty">Run a cell to see its variables.</p>` : html`
      <table class="var-table">
        <thead><tr><th scope="col">name</th><th scope="col">type</th><th scope="col">shape</th><th scope="col">summary</th></tr></thead>
        <tbody>${this.variables.map((v) => this.row(v))}</tbody>
      </table>`}`;
    if (!this.overlay) return html`<aside class="inspector" aria-labelledby="inspector-title">${body}</aside>`;
    return html`<dialog class="inspector inspector-dialog" aria-labelledby="inspector-title" @close=${() => this.emit("sb-close", {})}>
      <form method="dialog" class="inspector-close"><button class="btn" aria-label="Close the variables">Close</button></form>
      ${body}
    </dialog>`;
  }

  private row(v: VariableSummary) {
    const chosen = v.name === this.selected;
    const selected = chosen && !this.folded;
    return html`<tr class=${selected ? "selected" : ""}>
        <th scope="row"><button class="link-button" aria-expanded=${String(selected)}
          @click=${() => { if (chosen) this.folded = !this.folded; else { this.folded = false; this.emit("sb-inspect", { name: v.name }); } }}>${v.name}</button></th>
        <td>${v.type}</td><td>${v.shape ? html`<span class="badge shape-badge">${shapeText(v.shape)}</span>` : ""}</td>
        <td class="var-summary" title=${v.summary}>${v.summary}</td></tr>
      ${selected ? html`<tr class="var-detail"><td colspan="4">${this.detail(v)}</td></tr>` : nothing}`;
  }

  private detail(v: VariableSummary) {
    const value = this.value;
    if (value?.type === "tensor") {
      return html`<sb-tensor-view compact .tensor=${value} label=${v.name}></sb-tensor-view>
        ${value.grad ? html`<sb-tensor-view compact .tensor=${value.grad} label="${v.name}.grad"></sb-tensor-view>` : nothing}`;
    }
    if (value?.type === "number") return html`<pre class="var-full" tabindex="0" aria-label="value of ${v.name}">${scalar(value.value)}</pre>`;
    // until the whole value comes, its summary
    const text = value?.type === "other" ? value.repr : v.summary;
    const cut = value?.type === "other" && value.cut && value.cut.shown < value.cut.total ? value.cut : null;
    return html`<pre class="var-full" tabindex="0" aria-label="value of ${v.name}">${text}</pre>
      ${cut ? html`<button class="btn show-more" @click=${() => this.emit("sb-show-more", { outputId: cut.id })}>Show more <span class="muted">(${formatChars(cut.shown)} of ${formatChars(cut.total)} shown)</span></button>` : nothing}`;
  }

  protected override updated(): void {
    const dialog = this.querySelector<HTMLDialogElement>("dialog.inspector-dialog");
    if (dialog && !dialog.open) {
      if (typeof dialog.showModal === "function") dialog.showModal();
      else dialog.setAttribute("open", "");
    }
  }
}

declare global {
  interface HTMLElementTagNameMap { "sb-variable-inspector": SbVariableInspector }
}
