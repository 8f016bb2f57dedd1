// Plots drawn at build time: the kernel's plot spec (kernel/display/plot.ts) through Observable Plot,
// with a `document` from happy-dom, serialised to SVG markup for the page (options: ../render/plot-spec.ts);
// text in the spec (titles, labels) is escaped by the serialiser as any text node is.
import * as Plot from "@observablehq/plot";
import { Window } from "happy-dom";
import type { PlotSpec } from "../../kernel/protocol/mime.ts";
import { drawPlot, labelledGroups } from "../render/plot-spec.ts";
import type { ViewRenderer } from "../components/view-types.ts";

const DEFAULT_WIDTH = 560;

let window: Window | undefined;

/** The plot as SVG (or a <figure> holding the SVG and a legend or title) markup. */
export function plotToSvg(spec: PlotSpec): string {
  window ??= new Window();
  const node = drawPlot(Plot, spec, DEFAULT_WIDTH, window.document as unknown as Document) as unknown as { outerHTML: string };
  return node.outerHTML;
}

/** A view (ui/components/views.ts) as SVG markup, drawn by the same function the live element uses. */
export function viewToSvg(renderer: ViewRenderer<unknown>, payload: unknown): string {
  window ??= new Window();
  const node = labelledGroups(Plot.plot(renderer.plot(Plot, payload, DEFAULT_WIDTH, window.document as unknown as Document))) as unknown as { outerHTML: string };
  return node.outerHTML;
}

/** Frees happy-dom's window (the CLI calls this when an export is done). */
export async function closePlotDocument(): Promise<void> {
  const w = window;
  window = undefined;
  await w?.happyDOM.close();
}
