// plot.confusion's view (kernel/display/confusion.ts): true class down, predicted class across, each
// cell shaded by its count (Observable Plot's cell mark) with the count written in.
import type { ConfusionPayload } from "../../kernel/display/confusion.ts";
import { MIME } from "../../kernel/protocol/mime.ts";
import type { PlotOptions } from "../render/plot-spec.ts";
import { frameStyle, type PlotModule, type ViewRenderer } from "./view-types.ts";

export function confusionPlot(Plot: PlotModule, p: ConfusionPayload, width: number, document?: Document): PlotOptions {
  const k = p.labels.length;
  const data = p.counts.flatMap((r, t) => r.map((n, q) => ({ truth: p.labels[t]!, predicted: p.labels[q]!, n, right: t === q })));
  const max = Math.max(1, ...data.map((d) => d.n));
  const side = Math.min(width, Math.max(220, 48 * k + 90));
  return {
    ...(document ? { document } : {}),
    width: side,
    height: side - 20,
    ...(p.title ? { title: p.title } : {}),
    marginLeft: 70, marginTop: 40,
    x: { label: "predicted", axis: "top", domain: p.labels },
    y: { label: "true", domain: p.labels },
    color: { type: "linear", scheme: "blues", domain: [0, max] },
    style: frameStyle,
    marks: [
      Plot.cell(data, { x: "predicted", y: "truth", fill: "n", inset: 0.5, title: (d: { truth: string; predicted: string; n: number }) => `true ${d.truth}, predicted ${d.predicted}: ${d.n}` }),
      // dark text on light cells, light on dark ones
      // dark text on light cells, light on dark ones; the diagonal (right answers) in bold
      ...[true, false].map((right) => Plot.text(data.filter((d) => d.right === right), { x: "predicted", y: "truth", text: "n", fill: (d: { n: number }) => (d.n > max / 2 ? "white" : "black"), fontWeight: right ? "bold" : "normal" })),
    ],
  } as PlotOptions;
}

export const confusionView: ViewRenderer<ConfusionPayload> = { mime: MIME.confusion, plot: confusionPlot };
