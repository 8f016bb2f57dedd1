// plot.boundary's view (kernel/display/boundary.ts): the plane coloured by what the model answers, the
// boundary line, and the data points in their class colours, as TensorFlow Playground shows it. Drawn
// with Observable Plot's contour mark (d3-contour's marching squares on the kernel's lattice): each
// class's region is filled in its colour, deeper where the model is surer; a value (a neuron's z, a
// regression) is a diverging colour map with its zero line.
import type { BoundaryPayload } from "../../kernel/display/boundary.ts";
import { MIME } from "../../kernel/protocol/mime.ts";
import type { PlotOptions } from "../render/plot-spec.ts";
import { classColour, frameStyle, type PlotModule, type ViewRenderer } from "./view-types.ts";

const LEVELS = [0.5, 0.65, 0.8, 0.95];
/** the line and points over a value's bands (see boundaryPlot). */
const VALUE_INK = "#111";

function lattice(p: BoundaryPayload) {
  // the lattice's points are cell centres for Plot: the cells reach half a step past the range
  const dx = (p.x[1] - p.x[0]) / (p.nx - 1), dy = (p.y[1] - p.y[0]) / (p.ny - 1);
  return { width: p.nx, height: p.ny, x1: p.x[0] - dx / 2, x2: p.x[1] + dx / 2, y1: p.y[0] - dy / 2, y2: p.y[1] + dy / 2 };
}

/** a level in the legend: at most 2 decimals, the minus sign as d3-format writes it ("−2.48", "0"). */
const levelLabel = (d: number) => String(Math.round(d * 100) / 100 || 0).replace("-", "\u2212");

const values = (f: (number | null)[]) => f.map((v) => (v === null ? NaN : v));

export function boundaryPlot(Plot: PlotModule, p: BoundaryPayload, width: number, document?: Document): PlotOptions {
  const contour = Plot.contour as (data: number[], options: Record<string, unknown>) => ReturnType<PlotModule["contour"]>;
  const grid = lattice(p);
  const plotWidth = Math.min(width, 480);
  const colour = classColour(Plot, p.classes);
  const marks: unknown[] = [];
  let color: Record<string, unknown> = {};
  if (p.kind === "classes") {
    p.fields.forEach((f, c) => marks.push(contour(values(f), { ...grid, thresholds: [0, 0.25, 0.5], fill: colour(c), fillOpacity: 0.18, stroke: "none", clip: true })));
    p.fields.forEach((f) => marks.push(contour(values(f), { ...grid, thresholds: [0], stroke: "currentColor", strokeWidth: 1.5, fill: "none", clip: true })));
  } else if (p.kind === "probability") {
    const f = values(p.fields[0]!);
    marks.push(contour(f.map((v) => 1 - v), { ...grid, thresholds: LEVELS, fill: colour(0), fillOpacity: 0.16, stroke: "none", clip: true }));
    marks.push(contour(f, { ...grid, thresholds: LEVELS, fill: colour(1), fillOpacity: 0.16, stroke: "none", clip: true }));
  } else {
    const f = values(p.fields[0]!);
    const finite = f.filter(Number.isFinite);
    const lo = Math.min(...finite), hi = Math.max(...finite);
    // discrete levels, so the legend is swatches (Plot's continuous legend needs a canvas, which the
    // exporter's DOM has not) and each band of the contour is one colour of the legend
    const around = p.threshold ?? (lo + hi) / 2;
    const m = Math.max(around - lo, hi - around) || 1;
    const levels = Array.from({ length: 9 }, (_, i) => around + (m * (i - 4)) / 5);
    // the legend as wide as the plot, every other level labelled (the middle one among them): ten
    // swatches of Plot's default 240 px ran their labels into each other ("−2.48−1.86−1.24")
    color = { type: "threshold", domain: levels, scheme: p.threshold === null ? "viridis" : "rdbu", legend: true, label: "value",
      width: plotWidth, tickFormat: (d: number, i: number) => (i % 2 ? "" : levelLabel(d)) };
    // a contour fills where the field is at least its threshold, so the band below the lowest level
    // (the legend's first swatch) needs a threshold of its own, at the field's minimum; without it the
    // most negative corner of lesson 1's neuron plot stayed blank
    marks.push(contour(f, { ...grid, thresholds: [lo, ...levels], fill: Plot.identity, fillOpacity: 0.7, stroke: "none", clip: true }));
  }
  // A value's bands are opaque and pale around its line in both schemes, so the line and the points are
  // dark ink ringed in white there; the text colour (currentColor), light in dark mode, left them
  // invisible on the pale middle bands. Over a classifier's faint fills the text colour reads best.
  const ink = p.kind === "value" ? VALUE_INK : "currentColor";
  if (p.threshold !== null && p.kind !== "classes") marks.push(contour(values(p.fields[0]!), { ...grid, thresholds: [p.threshold], stroke: ink, strokeWidth: 2, fill: "none", clip: true }));
  const labelled = p.points.filter((d) => d.label !== null);
  const pointFill = p.kind === "value" ? (labelled.length ? "label" : ink) : (d: { label: number | null }) => (d.label === null ? "currentColor" : colour(d.label));
  marks.push(Plot.dot(p.points, {
    x: "x", y: "y", r: 3.5, fill: pointFill, stroke: p.kind === "value" ? "white" : "currentColor", strokeWidth: p.kind === "value" ? 1 : 0.75,
    title: (d: { x: number; y: number; label: number | null }) => `(${d.x.toFixed(2)}, ${d.y.toFixed(2)})${d.label === null ? "" : `, label ${d.label}`}`,
  }));
  return {
    ...(document ? { document } : {}),
    width: plotWidth,
    height: plotWidth * 0.85,
    ...(p.title ? { title: p.title } : {}),
    // the lattice's own range: the contours' closing edges half a cell outside it are clipped away
    x: { domain: p.x, label: p.xLabel ?? "x₁" },
    y: { domain: p.y, label: p.yLabel ?? "x₂" },
    color,
    style: frameStyle,
    marks,
  } as PlotOptions;
}

export const boundaryView: ViewRenderer<BoundaryPayload> = { mime: MIME.boundary, plot: boundaryPlot };
