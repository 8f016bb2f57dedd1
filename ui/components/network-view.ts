// plot.network's view (kernel/display/network.ts): layers of neurons left to right, an edge per
// weight, blue where the weight is positive and orange where it is negative, wider the larger |w|
// (TensorFlow Playground's convention). With an example, each neuron is filled by its activation a
// (diverging colours around 0) and hovering it shows z and a (an SVG <title>, so the exported page
// shows it too, without JavaScript). Drawn with Observable Plot's link, dot and text marks.
import type { NetworkPayload } from "../../kernel/display/network.ts";
import { MIME } from "../../kernel/protocol/mime.ts";
import { summaryNumber } from "../../kernel/display/number-text.ts";
import type { PlotOptions } from "../render/plot-spec.ts";
import { classColour, frameStyle, type PlotModule, type ViewRenderer } from "./view-types.ts";

const ROW = 36;
/** a number drawn on the picture: short and of one width (0.53, -2.00, 1.2e-3), where space is tight. */
const drawn = (v: number | null | undefined) => (v === null || v === undefined ? "nan" : Math.abs(v) >= 100 || (v !== 0 && Math.abs(v) < 0.01) ? v.toExponential(1) : v.toFixed(2));
/** a number in a hover title: the one summary format of the app (kernel/display/number-text.ts). */
const num = (v: number | null | undefined) => (v === null || v === undefined ? "nan" : summaryNumber(v));

interface Neuron { l: number; i: number; x: number; y: number; a: number | null; title: string; label: string }
interface Edge { x1: number; y1: number; x2: number; y2: number; w: number; title: string; tx: number; ty: number }

export function networkPlot(Plot: PlotModule, p: NetworkPayload, width: number, document?: Document): PlotOptions {
  const colour = classColour(Plot, 2); // 0: blue (positive), 1: orange (negative)
  const rows = Math.max(...p.layers.map((L) => L.shown));
  const yOf = (l: number, i: number) => i - (p.layers[l]!.shown - 1) / 2;
  const neurons: Neuron[] = [];
  p.layers.forEach((L, l) => {
    for (let i = 0; i < L.shown; i++) {
      const a = p.example?.a[l]?.[i] ?? null;
      const z = p.example?.z[l]?.[i];
      const b = l > 0 ? p.biases[l - 1]?.[i] : undefined;
      const name = l === 0 ? `x${i + 1}` : l === p.layers.length - 1 ? `output ${i + 1}` : `${L.name}, neuron ${i + 1}`;
      const parts = l === 0 ? (p.example ? [`${name} = ${num(a)}`] : [name])
        : [name, ...(b !== undefined ? [`b = ${num(b)}`] : []), ...(p.example ? [`z = ${num(z)}`, `a = ${L.activation ?? "z"}(z) = ${num(a)}`] : [])];
      neurons.push({ l, i, x: l, y: yOf(l, i), a, title: parts.join("\n"), label: p.example ? drawn(a) : "" });
    }
  });
  let maxW = 0;
  for (const m of p.weights) for (const r of m) for (const w of r) if (w !== null) maxW = Math.max(maxW, Math.abs(w));
  const edges: Edge[] = [];
  p.weights.forEach((m, l) => m.forEach((r, i) => r.forEach((w, j) => {
    if (w === null) return;
    const y1 = yOf(l, i), y2 = yOf(l + 1, j);
    // labels at different points along edges from different sources, so they overlap less
    const t = 0.3 + 0.4 * (p.layers[l]!.shown > 1 ? i / (p.layers[l]!.shown - 1) : 0.5);
    edges.push({ x1: l, y1, x2: l + 1, y2, w, title: `W${l + 1}[${i}, ${j}] = ${num(w)}`, tx: l + t, ty: y1 + (y2 - y1) * t });
  })));
  const more = p.layers.map((L, l) => ({ x: l, y: (L.shown - 1) / 2 + 1.05, text: `+ ${L.size - L.shown} more` })).filter((_, l) => p.layers[l]!.size > p.layers[l]!.shown);
  // two lines (name, then size and activation), so neighbouring heads do not run into each other on a phone
  const heads = p.layers.map((L, l) => ({ x: l, y: -(rows - 1) / 2 - 0.62, text: `${L.name}\n(${L.size}${L.activation ? `, ${L.activation}` : ""})` }));
  const marks: unknown[] = [
    Plot.link(edges, { x1: "x1", y1: "y1", x2: "x2", y2: "y2", stroke: (d: Edge) => colour(d.w >= 0 ? 0 : 1), strokeWidth: (d: Edge) => 0.5 + (maxW ? (5 * Math.abs(d.w)) / maxW : 0), strokeOpacity: 0.85, title: "title" }),
    Plot.dot(neurons, {
      x: "x", y: "y", r: 11, stroke: "currentColor", strokeWidth: 1.25, title: "title",
      ...(p.example ? { fill: "a" } : { fill: "currentColor", fillOpacity: 0.08 }),
    }),
    Plot.text(heads, { x: "x", y: "y", text: "text", fontWeight: "bold", lineAnchor: "bottom" }),
    Plot.text(more, { x: "x", y: "y", text: "text", fillOpacity: 0.7 }),
  ];
  // a halo in the page's background colour keeps numbers readable where edges cross them
  const halo = { fill: "currentColor", stroke: "var(--surface, Canvas)", strokeWidth: 3, paintOrder: "stroke" };
  if (p.example) marks.push(Plot.text(neurons, { x: "x", y: "y", text: "label", dy: 19, fontSize: 9, ...halo }));
  if (p.showValues) marks.push(Plot.text(edges, { x: "tx", y: "ty", text: (d: Edge) => drawn(d.w), fontSize: 9, dy: -5, fontWeight: "bold", ...halo }));
  const finiteA = neurons.map((n) => n.a).filter((a): a is number => a !== null);
  const m = Math.max(1e-9, ...finiteA.map(Math.abs));
  return {
    ...(document ? { document } : {}),
    width: Math.min(width, 160 * p.layers.length + 80),
    height: rows * ROW + 100,
    ...(p.title ? { title: p.title } : {}),
    marginLeft: 50, marginRight: 50, marginTop: 10, marginBottom: 20,
    x: { axis: null, domain: [-0.05, p.layers.length - 0.95] },
    y: { axis: null, domain: [-(rows - 1) / 2 - 1.45, (rows - 1) / 2 + 1.3], reverse: true },
    color: { type: "diverging", scheme: "rdbu", domain: [-m, m] },
    style: frameStyle,
    marks,
  } as PlotOptions;
}

export const networkView: ViewRenderer<NetworkPayload> = { mime: MIME.network, plot: networkPlot };
