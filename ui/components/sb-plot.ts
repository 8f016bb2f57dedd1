// A plot from the kernel's plot MIME spec, drawn with Observable Plot (@observablehq/plot), loaded on
// first use; the options come from ../render/plot-spec.ts, shared with the exporter.
import { html } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { PlotSpec } from "../../kernel/protocol/mime.ts";
import { drawPlot } from "../render/plot-spec.ts";
import { LightElement } from "./light-element.ts";

type PlotModule = typeof import("@observablehq/plot");
let plotModule: Promise<PlotModule> | undefined;

@customElement("sb-plot")
export class SbPlot extends LightElement {
  @property({ attribute: false }) spec: PlotSpec | null = null;
  /** the text alternative (the bundle's text/plain, as the exported page's figure has it). */
  @property() description = "";
  @state() private failed: string | null = null;

  override render() {
    const label = this.description.replace(/^\[|\]$/g, "") || this.spec?.title || "plot";
    return html`<figure class="plot" role="img" aria-label=${label}><div class="plot-target"></div><figcaption class="visually-hidden">${label}</figcaption>${this.failed ? html`<p class="plot-error">Could not draw this plot: ${this.failed}</p>` : ""}</figure>`;
  }

  protected override async updated(changed: Map<string, unknown>): Promise<void> {
    if (!changed.has("spec") || !this.spec) return;
    const spec = this.spec;
    try {
      plotModule ??= import("@observablehq/plot");
      const Plot = await plotModule;
      if (spec !== this.spec) return;
      const node = drawPlot(Plot, spec, Math.min(640, Math.max(280, this.clientWidth || 560)));
      this.querySelector(".plot-target")?.replaceChildren(node);
    } catch (e) {
      this.failed = e instanceof Error ? e.message : String(e);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap { "sb-plot": SbPlot }
}
