// plot.histogram's view (kernel/display/histogram.ts): one panel per series, side by side with the
// same bins and axes (Observable Plot's rectY, faceted by series with fx), each in its own colour.
import type { HistogramPayload } from "../../kernel/display/histogram.ts";
import { MIME } from "../../kernel/protocol/mime.ts";
import type { PlotOptions } from "../render/plot-spec.ts";
import { classColour, frameStyle, type PlotModule, type ViewRenderer } from "./view-types.ts";

export function histogramPlot(Plot: PlotModule, p: HistogramPayload, width: number, document?: Document): PlotOptions {
  const colour = classColour(Plot, p.series.length);
  const bars = p.series.flatMap((s, k) => s.counts.map((count, i) => ({ series: s.label, k, x1: p.edges[i]!, x2: p.edges[i + 1]!, count })));
  const several = p.series.length > 1;
  return {
    ...(document ? { document } : {}),
    width: Math.min(width, several ? 640 : 520),
    height: 240,
    ...(p.title ? { title: p.title } : {}),
    ...(several ? { fx: { label: null, domain: p.series.map((s) => s.label) } } : {}),
    x: { label: p.xLabel ?? "value", ticks: several ? 3 : 8 },
    y: { label: "count", grid: true },
    style: frameStyle,
    marks: [
      Plot.rectY(bars, {
        x1: "x1", x2: "x2", y: "count", ...(several ? { fx: "series" } : {}), fill: (d: { k: number }) => colour(d.k), insetLeft: 0.5, insetRight: 0.5,
        title: (d: { x1: number; x2: number; count: number; series: string }) => `${several ? `${d.series}: ` : ""}${d.count} in [${d.x1.toPrecision(3)}, ${d.x2.toPrecision(3)})`,
      }),
      Plot.ruleY([0]),
    ],
  } as PlotOptions;
}

export const histogramView: ViewRenderer<HistogramPayload> = { mime: MIME.histogram, plot: histogramPlot };
