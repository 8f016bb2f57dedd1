// The kernel's plot spec (kernel/display/plot.ts) as Observable Plot options: one Plot mark per spec
// mark. Shared by the live app (sb-plot) and the exporter (SVG at build time). The spec is data, and
// only known, plain options pass, so a spec cannot hand Plot a function or a DOM node.
import type { PlotMark, PlotSpec } from "../../kernel/protocol/mime.ts";
import { placePathLabels, type LabelPlace } from "./path-labels.ts";

type PlotModule = typeof import("@observablehq/plot");
export type PlotOptions = Parameters<PlotModule["plot"]>[0];

const MARK_OPTIONS = new Set(["x", "y", "fill", "stroke", "r", "strokeWidth", "opacity", "fillOpacity", "text", "curve", "symbol", "tip"]);
const DEFAULT_HEIGHT = 260;

const num = (v: unknown, fallback: number): number => (typeof v === "number" && Number.isFinite(v) ? v : fallback);

/** contour: the level curves of a lattice, filled through the colour scale, with faint lines. */
function contourMark(Plot: PlotModule, m: PlotMark) {
  const width = Math.floor(num(m.width, 0)), height = Math.floor(num(m.height, 0));
  const values = Array.isArray(m.values) ? m.values.map((v) => (typeof v === "number" && Number.isFinite(v) ? v : NaN)) : [];
  if (width < 2 || height < 2 || values.length !== width * height) return null;
  const thresholds = Array.isArray(m.thresholds) ? m.thresholds.filter((t): t is number => typeof t === "number") : Math.round(num(m.thresholds, 12));
  const contour = Plot.contour as (data: number[], options: Record<string, unknown>) => ReturnType<PlotModule["contour"]>;
  return contour(values, {
    width, height, x1: num(m.x1, 0), x2: num(m.x2, 1), y1: num(m.y1, 0), y2: num(m.y2, 1),
    thresholds, fill: Plot.identity, stroke: "currentColor", strokeOpacity: 0.25,
  });
}

/** path: an optimiser's steps, a line with a dot per step in its series' colour, labelled at its end
 * (`place`: beside the end, where the label covers nothing: path-labels.ts). */
function pathMarks(Plot: PlotModule, m: PlotMark, colour: string, place: LabelPlace | undefined) {
  const data = (Array.isArray(m.data) ? m.data : []).filter((d) => typeof d.x === "number" && typeof d.y === "number");
  const stroke = typeof m.stroke === "string" ? m.stroke : colour;
  const last = data.slice(-1);
  return [
    Plot.line(data, { x: "x", y: "y", stroke, strokeWidth: 2, marker: "circle-stroke" }),
    Plot.dot(data.slice(0, 1), { x: "x", y: "y", fill: stroke, r: 4 }),
    Plot.text(last, { x: "x", y: "y", text: () => String(m.series ?? ""), ...(place ?? { dx: 8, textAnchor: "start" }), fill: stroke, fontWeight: "bold" }),
  ];
}

function mark(Plot: PlotModule, m: PlotMark) {
  const options: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(m)) if (MARK_OPTIONS.has(k) && (typeof v === "string" || typeof v === "number" || typeof v === "boolean")) options[k] = v;
  const data = Array.isArray(m.data) ? m.data : [];
  switch (m.type) {
    case "line": return Plot.lineY(data, options);
    case "dot": return Plot.dot(data, options);
    case "cell": return Plot.cell(data, options);
    case "barY": return Plot.barY(data, options);
    case "ruleY": return Plot.ruleY(data, options);
    case "ruleX": return Plot.ruleX(data, options);
    case "text": return Plot.text(data, options);
    case "contour": return contourMark(Plot, m);
    default: return null;
  }
}

function axis(a: PlotSpec["x"]): Record<string, unknown> {
  if (!a) return {};
  const out: Record<string, unknown> = {};
  if (typeof a.label === "string") out.label = a.label;
  if (typeof a.type === "string") out.type = a.type;
  if (Array.isArray(a.domain) && a.domain.length === 2 && a.domain.every((d) => typeof d === "number")) out.domain = a.domain;
  return out;
}

interface ElementLike { querySelectorAll(selector: string): ArrayLike<{ setAttribute(name: string, value: string): void }> }

/**
 * Observable Plot names its marks' <g> elements with aria-label, which ARIA allows only on an element
 * with a role (axe: aria-prohibited-attr): they become groups. Used by the live element and the export.
 */
export function labelledGroups<T>(node: T): T {
  const groups = (node as unknown as ElementLike).querySelectorAll("g[aria-label]:not([role])");
  for (let i = 0; i < groups.length; i++) groups[i]!.setAttribute("role", "group");
  return node;
}

/** The colours of things told apart (series, classes): the same everywhere, a class 0 is one colour. */
export const CATEGORICAL = { type: "categorical", scheme: "observable10" } as const;

/** The values of points coloured by class (dot marks filled by "color"), sorted, when they are at most
 * ten whole numbers or names; null when the colour is an amount or nothing is coloured so. */
function classValues(marks: PlotMark[]): (number | string)[] | null {
  const dots = marks.filter((m) => m.type === "dot" && m.fill === "color");
  if (dots.length === 0 || marks.some((m) => m.type === "contour" || (m.type !== "dot" && (m.fill === "color" || m.stroke === "series")))) return null;
  const seen = new Set<number | string>();
  for (const m of dots) for (const d of Array.isArray(m.data) ? m.data : []) {
    const v = d.color;
    if (v === null || v === undefined) continue;
    if (!(typeof v === "string" || Number.isInteger(v))) return null;
    seen.add(v as number | string);
    if (seen.size > 10) return null;
  }
  return seen.size ? [...seen].sort((a, b) => (typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b)))) : null;
}

/** Options for Plot.plot: `width` is the room available; `document` is given when drawing in Node;
 * `places` puts the paths' labels (drawPlot finds them). */
export function plotOptions(Plot: PlotModule, spec: PlotSpec, width: number, document?: Document, places: LabelPlace[] = []): PlotOptions {
  const marks = Array.isArray(spec.marks) ? spec.marks : [];
  const color: Record<string, unknown> = {};
  // a landscape's colours: light low values, dark high ones (when the spec names no scheme)
  if (marks.some((m) => m.type === "contour")) color.scheme = "ylgnbu";
  // paths take fixed colours (not the colour scale, which a contour's fill uses): one per series, in order
  const series = [...new Set(marks.filter((m) => m.type === "path").map((m) => String(m.series ?? "")))];
  const pathColour = series.length ? Plot.scale({ color: { ...CATEGORICAL, domain: series } }) : null;
  let pathIndex = 0;
  // lines given a label (plot.line(x, y, {label})) are coloured by it, in the order they were drawn when
  // nothing else shares the scale; two or more get a legend, or a layer of four activation functions is
  // four anonymous lines (one has nothing to tell apart; the spec can still say legend: false)
  const labelledLines = marks.filter((m) => m.type === "line" && m.stroke === "series");
  const lineLabels = [...new Set(labelledLines.map((m) => String((Array.isArray(m.data) ? m.data[0]?.series : undefined) ?? "")))];
  if (spec.color?.legend === true || (lineLabels.length >= 2 && spec.color?.legend !== false)) color.legend = true;
  const sharedScale = marks.some((m) => m.type === "contour" || m.fill === "color" || m.fill === "value" || (m.type !== "line" && m.stroke === "series"));
  if (labelledLines.length && !sharedScale) color.domain = lineLabels;
  // points coloured by a class label (plot.scatter(x, y, {color: labels})): a few whole numbers (or
  // names) are classes, not amounts. A continuous scale drew class 0 near-black, unseen on the dark
  // theme (lesson 9's three classes showed two); classes take the boundary view's colours and a legend
  const classes = classValues(marks);
  if (classes && !spec.color?.scheme && !spec.color?.type) {
    Object.assign(color, { ...CATEGORICAL, domain: classes });
    if (spec.color?.legend !== false) color.legend = true;
  }
  if (typeof spec.color?.scheme === "string") color.scheme = spec.color.scheme;
  if (typeof spec.color?.type === "string") color.type = spec.color.type;
  return {
    ...(document ? { document } : {}),
    width: typeof spec.width === "number" ? spec.width : width,
    height: typeof spec.height === "number" ? spec.height : DEFAULT_HEIGHT,
    ...(typeof spec.title === "string" ? { title: spec.title } : {}),
    // a bar chart's x is its bars' names: no axis label unless one is given (Plot wrote the field's, "x")
    x: { ...(marks.some((m) => m.type === "barY") ? { label: null } : {}), ...axis(spec.x) },
    y: { grid: true, ...axis(spec.y) },
    color,
    style: { background: "transparent", color: "currentColor" },
    marks: marks.flatMap((m) => (m.type === "path"
      ? pathMarks(Plot, m, String(pathColour?.apply(String(m.series ?? "")) ?? "currentColor"), places[pathIndex++])
      : [mark(Plot, m)])).filter((m) => m !== null),
  } as PlotOptions;
}

type Drawn = ReturnType<PlotModule["plot"]>;

/**
 * The plot drawn, for the live element and the export alike. A plot with labelled paths is drawn twice:
 * the first drawing's scales say where, in pixels, its lines and points are, so that each label goes
 * where it covers none of them.
 */
export function drawPlot(Plot: PlotModule, spec: PlotSpec, width: number, document?: Document): Drawn {
  const options = plotOptions(Plot, spec, width, document);
  const first = Plot.plot(options);
  const paths = (Array.isArray(spec.marks) ? spec.marks : []).some((m) => m.type === "path" && m.series);
  const x = paths ? first.scale("x") : undefined, y = paths ? first.scale("y") : undefined;
  if (!x?.apply || !y?.apply || !x.range || !y.range) return labelledGroups(first);
  const [w, h] = [Number(options!.width), Number(options!.height)];
  const span = (r: readonly number[]) => [Math.min(...r), Math.max(...r)] as const;
  const [px1, px2] = span(x.range as number[]), [py1, py2] = span(y.range as number[]);
  const places = placePathLabels(spec, {
    x: (v) => Number(x.apply(v)), y: (v) => Number(y.apply(v)),
    frame: { x1: 0, y1: 0, x2: w, y2: h }, plot: { x1: px1, x2: px2, y1: py1, y2: py2 },
  });
  return labelledGroups(Plot.plot(plotOptions(Plot, spec, width, document, places)));
}
