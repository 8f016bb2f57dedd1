// A progress bar that the kernel updates in place (update_display_data with the same display id).
import { html } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { ProgressPayload } from "../../kernel/protocol/mime.ts";
import { LightElement } from "./light-element.ts";

@customElement("sb-progress")
export class SbProgress extends LightElement {
  @property({ attribute: false }) progress: ProgressPayload | null = null;

  override render() {
    const p = this.progress;
    if (!p) return "";
    const label = p.label ?? "progress";
    const text = p.total ? `${p.value} / ${p.total}` : String(p.value);
    return html`<div class="progress ${p.done ? "done" : ""}">
      <span class="progress-label">${label}</span>
      <progress aria-label=${label} max=${p.total ?? 1} .value=${p.total ? p.value : p.done ? 1 : 0}></progress>
      <span class="progress-text">${text} · ${(p.elapsedMs / 1000).toFixed(1)} s${p.done ? " · done" : ""}</span>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { "sb-progress": SbProgress }
}
