// A plot from the kernel's plot MIME spec, drawn with Observable Plot (@observablehq/plot), loaded on
// first use. One Plot mark per spec mark; the spec is data, so nothing in it can run code.
import { html } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { PlotMark, PlotSpec } from "../../kernel/protocol/mime.ts";
import { LightElement } from "./light-element.ts";

type PlotModule = typeof import("@observablehq/plot");
let plotModule: Promise<PlotModule> | undefined;

const MARK_OPTIONS = new Set(["x", "y", "fill", "stroke", "r", "strokeWidth", "opacity", "fillOpacity", "text", "curve", "symbol", "tip"]);

export function plotOptions(spec: PlotSpec, width: number) {
  return {
    width: spec.width ?? Math.min(640, Math.max(280, width)),
    height: spec.height ?? 260,
    ...(spec.title ? { title: spec.title } : {}),
    x: { ...(spec.x ?? {}) },
    y: { grid: true, ...(spec.y ?? {}) },
    color: { ...(spec.color ?? {}) },
    style: { background: "transparent", color: "currentColor" },
  };
}

function mark(Plot: PlotModule, m: PlotMark) {
  // Only known, plain options pass: a spec cannot hand Plot a function or a DOM node.
  const options: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(m)) if (MARK_OPTIONS.has(k) && (typeof v === "string" || typeof v === "number" || typeof v === "boolean")) options[k] = v;
  switch (m.type) {
    case "line": return Plot.lineY(m.data, options);
    case "dot": return Plot.dot(m.data, options);
    case "cell": return Plot.cell(m.data, options);
    case "barY": return Plot.barY(m.data, options);
    case "ruleY": return Plot.ruleY(m.data, options);
    case "ruleX": return Plot.ruleX(m.data, options);
    case "text": return Plot.text(m.data, options);
    default: return null;
  }
}

@customElement("sb-plot")
export class SbPlot extends LightElement {
  @property({ attribute: false }) spec: PlotSpec | null = null;
  @state() private failed: string | null = null;

  override render() {
    return html`<figure class="plot" aria-label=${this.spec?.title ?? "plot"}><div class="plot-target"></div>${this.failed ? html`<p class="plot-error">Could not draw this plot: ${this.failed}</p>` : ""}</figure>`;
  }

  protected override async updated(changed: Map<string, unknown>): Promise<void> {
    if (!changed.has("spec") || !this.spec) return;
    const spec = this.spec;
    try {
      plotModule ??= import("@observablehq/plot");
      const Plot = await plotModule;
      if (spec !== this.spec) return;
      const marks = spec.marks.map((m) => mark(Plot, m)).filter((m) => m !== null);
      const node = Plot.plot({ ...plotOptions(spec, this.clientWidth || 560), marks } as Parameters<PlotModule["plot"]>[0]);
      this.querySelector(".plot-target")?.replaceChildren(node);
    } catch (e) {
      this.failed = e instanceof Error ? e.message : String(e);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap { "sb-plot": SbPlot }
}
