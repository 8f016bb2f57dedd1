// A view from the kernel (network, boundary, histogram, ...; see views.ts) drawn live with Observable
// Plot, loaded on first use. The drawing is the view file's own function, the one the exporter uses;
// the kernel's text/plain is the text alternative (the figure's label and a description for screen
// readers).
import { html } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { labelledGroups } from "../render/plot-spec.ts";
import { LightElement } from "./light-element.ts";
import type { ViewRenderer } from "./view-types.ts";

type PlotModule = typeof import("@observablehq/plot");
let plotModule: Promise<PlotModule> | undefined;

@customElement("sb-view")
export class SbView extends LightElement {
  @property({ attribute: false }) renderer: ViewRenderer<unknown> | null = null;
  @property({ attribute: false }) payload: unknown = null;
  /** the text alternative (the bundle's text/plain). */
  @property() description = "";
  @state() private failed: string | null = null;
  private drawn = 0;

  override render() {
    const label = this.description.replace(/^\[|\]$/g, "");
    return html`<figure class="plot view" role="img" aria-label=${label}><div class="plot-target"></div><figcaption class="visually-hidden">${label}</figcaption>${this.failed ? html`<p class="plot-error">Could not draw this view: ${this.failed}</p>` : ""}</figure>`;
  }

  protected override async updated(changed: Map<string, unknown>): Promise<void> {
    if (!(changed.has("payload") || changed.has("renderer")) || !this.renderer || this.payload === null) return;
    const { renderer, payload } = this;
    const ticket = ++this.drawn;
    try {
      plotModule ??= import("@observablehq/plot");
      const Plot = await plotModule;
      if (ticket !== this.drawn) return; // a newer payload arrived while Plot loaded (live training)
      const node = labelledGroups(Plot.plot(renderer.plot(Plot, payload, Math.min(640, Math.max(280, this.clientWidth || 560)))));
      this.querySelector(".plot-target")?.replaceChildren(node);
      this.failed = null;
    } catch (e) {
      this.failed = e instanceof Error ? e.message : String(e);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap { "sb-view": SbView }
}
