// A widget from the kernel (kernel/display/widgets.ts): a labelled slider, select, checkbox or button.
// Changing it fires `widget-change` {name, value}; the app stores the value with the student's work and
// re-runs the widget's cell and the cells that depend on it. Without a live kernel (the exported page
// before it turns live) the control is shown disabled with its value.
import { html } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { WidgetPayload } from "../../kernel/display/widgets.ts";
import { LightElement } from "./light-element.ts";

export interface WidgetChange { name: string; value: number | string | boolean }

@customElement("sb-widget")
export class SbWidget extends LightElement {
  @property({ attribute: false }) widget: WidgetPayload | null = null;
  @property({ type: Boolean }) disabled = false;

  private change(value: number | string | boolean): void {
    if (this.widget) this.emit<WidgetChange>("widget-change", { name: this.widget.name, value });
  }

  override render() {
    const w = this.widget;
    if (!w) return "";
    const id = `widget-${w.name}`;
    switch (w.kind) {
      case "slider":
        return html`<div class="widget widget-slider"><label for=${id}>${w.label}</label>
          <input id=${id} type="range" min=${w.min ?? 0} max=${w.max ?? 1} step=${w.step ?? "any"} .value=${String(w.value)} ?disabled=${this.disabled}
            @input=${(e: Event) => ((e.target as HTMLInputElement).nextElementSibling!.textContent = (e.target as HTMLInputElement).value)}
            @change=${(e: Event) => this.change(Number((e.target as HTMLInputElement).value))}>
          <output for=${id}>${String(w.value)}</output></div>`;
      case "select":
        return html`<div class="widget widget-select"><label for=${id}>${w.label}</label>
          <select id=${id} ?disabled=${this.disabled} @change=${(e: Event) => this.change((e.target as HTMLSelectElement).value)}>
            ${(w.options ?? []).map((o) => html`<option .value=${o} ?selected=${o === w.value}>${o}</option>`)}
          </select></div>`;
      case "checkbox":
        return html`<div class="widget widget-checkbox"><input id=${id} type="checkbox" .checked=${w.value === true} ?disabled=${this.disabled}
          @change=${(e: Event) => this.change((e.target as HTMLInputElement).checked)}><label for=${id}>${w.label}</label></div>`;
      case "button":
        return html`<div class="widget widget-button"><button type="button" ?disabled=${this.disabled} @click=${() => this.change(Number(w.value) + 1)}>${w.label}</button>
          <span class="widget-note">pressed ${String(w.value)} times</span></div>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap { "sb-widget": SbWidget }
}
