// Plots drawn at build time: the kernel's plot spec (kernel/display/plot.ts) through Observable Plot,
// with a `document` from happy-dom, serialised to SVG markup for the page. The spec is data, and only
// plain mark options pass (as in the live app's sb-plot), so nothing in it can inject a function or
// a node; text in it (titles, labels) is escaped by the serialiser as any text node is.
import * as Plot from "@observablehq/plot";
import { Window } from "happy-dom";
import type { PlotMark, PlotSpec } from "../../kernel/protocol/mime.ts";

const MARK_OPTIONS = new Set(["x", "y", "fill", "stroke", "r", "strokeWidth", "opacity", "fillOpacity", "text", "curve", "symbol"]);
const DEFAULT_WIDTH = 560;
const DEFAULT_HEIGHT = 260;

type PlotOptions = Parameters<typeof Plot.plot>[0];

function mark(m: PlotMark) {
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

let window: Window | undefined;

/** The plot as SVG (or a <figure> holding the SVG and a legend or title) markup. */
export function plotToSvg(spec: PlotSpec): string {
  window ??= new Window();
  const color: Record<string, unknown> = {};
  if (spec.color?.legend === true) color.legend = true;
  if (typeof spec.color?.scheme === "string") color.scheme = spec.color.scheme;
  if (typeof spec.color?.type === "string") color.type = spec.color.type;
  const options = {
    document: window.document as unknown as Document,
    width: typeof spec.width === "number" ? spec.width : DEFAULT_WIDTH,
    height: typeof spec.height === "number" ? spec.height : DEFAULT_HEIGHT,
    ...(typeof spec.title === "string" ? { title: spec.title } : {}),
    x: axis(spec.x),
    y: { grid: true, ...axis(spec.y) },
    color,
    style: { background: "transparent", color: "currentColor" },
    marks: (Array.isArray(spec.marks) ? spec.marks : []).map(mark).filter((m) => m !== null),
  } as PlotOptions;
  const node = Plot.plot(options) as unknown as { outerHTML: string };
  return node.outerHTML;
}

/** Frees happy-dom's window (the CLI calls this when an export is done). */
export async function closePlotDocument(): Promise<void> {
  const w = window;
  window = undefined;
  await w?.happyDOM.close();
}
