// What a view file under ui/components exports: how to turn its MIME payload (kernel/display) into
// Observable Plot options. Pure functions of data — no lit, no DOM of their own — so the live element
// (sb-view.ts) and the exporter (ui/export/plot-svg.ts) draw every view through the same code.
import { CATEGORICAL, type PlotOptions } from "../render/plot-spec.ts";

export type PlotModule = typeof import("@observablehq/plot");

export interface ViewRenderer<P = unknown> {
  /** the MIME type it draws (kernel/protocol/mime.ts). */
  mime: string;
  /** Plot options for `payload` at `width` pixels; `document` is given when drawing in Node. */
  plot(Plot: PlotModule, payload: P, width: number, document?: Document): PlotOptions;
}

/** Colours of classes 0, 1, 2, ... (Observable's categorical scheme; readable on light and dark). */
export function classColour(Plot: PlotModule, classes: number): (c: number) => string {
  const domain = Array.from({ length: Math.max(classes, 2) }, (_, i) => i);
  const scale = Plot.scale({ color: { ...CATEGORICAL, domain } });
  return (c: number) => String(scale.apply(c));
}

export const frameStyle = { background: "transparent", color: "currentColor" };
