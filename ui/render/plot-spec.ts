// The kernel's plot spec (kernel/display/plot.ts) as Observable Plot options: one Plot mark per spec
// mark. Shared by the live app (sb-plot) and the exporter (SVG at build time). The spec is data, and
// only known, plain options pass, so a spec cannot hand Plot a function or a DOM node.
import type { PlotMark, PlotSpec } from "../../kernel/protocol/mime.ts";

type PlotModule = typeof import("@observablehq/plot");
export type PlotOptions = Parameters<PlotModule["plot"]>[0];

const MARK_OPTIONS = new Set(["x", "y", "fill", "stroke", "r", "strokeWidth", "opacity", "fillOpacity", "text", "curve", "symbol", "tip"]);
const DEFAULT_HEIGHT = 260;

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

/** Options for Plot.plot: `width` is the room available; `document` is given when drawing in Node. */
export function plotOptions(Plot: PlotModule, spec: PlotSpec, width: number, document?: Document): PlotOptions {
  const color: Record<string, unknown> = {};
  if (spec.color?.legend === true) color.legend = true;
  if (typeof spec.color?.scheme === "string") color.scheme = spec.color.scheme;
  if (typeof spec.color?.type === "string") color.type = spec.color.type;
  return {
    ...(document ? { document } : {}),
    width: typeof spec.width === "number" ? spec.width : width,
    height: typeof spec.height === "number" ? spec.height : DEFAULT_HEIGHT,
    ...(typeof spec.title === "string" ? { title: spec.title } : {}),
    x: axis(spec.x),
    y: { grid: true, ...axis(spec.y) },
    color,
    style: { background: "transparent", color: "currentColor" },
    marks: (Array.isArray(spec.marks) ? spec.marks : []).map((m) => mark(Plot, m)).filter((m) => m !== null),
  } as PlotOptions;
}
