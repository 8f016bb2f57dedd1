// The computation graph of one iteration of a trace, drawn as micrograd's draw_dot draws a scalar graph
// but for tensors: a box per tensor (name, shape, a value preview; parameters marked), a small circle
// per op, edges from inputs to the op and on to its output. In a backward step the gradient that flows
// back along each edge is written on it. Laid out by @dagrejs/dagre (the maintained dagre: ranks,
// crossing reduction, edge routing), drawn as an SVG string by one pure function, so the live
// step-through and the exported page show the same picture (the page has it without JavaScript).
// A long run of unnamed ops between named tensors is collapsed into one op node ("3 ops"), so the
// graph stays readable for the course's largest cells; the step list has every op.
import dagre from "@dagrejs/dagre";
import type { StepSummary, TraceSummary } from "../../kernel/protocol/values.ts";

export interface GraphNode {
  id: string;
  kind: "tensor" | "op";
  label: string;
  detail: string;
  /** the step a click shows: the op's step, or the step that made (or first read) the tensor */
  step: number;
  /** index of that step in trace.records */
  index: number;
  parameter: boolean;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface GraphEdge {
  from: string;
  to: string;
  points: { x: number; y: number }[];
  /** the gradient that flows back along this edge (its tensor's gradient name), when known */
  grad: string | null;
}

export interface TraceGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  width: number;
  height: number;
  /** the iteration it shows (null: the trace has no iterations) */
  iteration: number | null;
}

const SYMBOL: Record<string, string> = {
  add: "+", sub: "−", mul: "⊙", div: "÷", matmul: "@", pow: "^", negative: "−", tanh: "tanh", exp: "exp",
  log: "ln", sum: "Σ", mean: "mean", sigmoid: "σ", relu: "ReLU", transpose: "ᵀ", max: "max",
  softmaxCrossEntropy: "CE", sigmoidBinaryCrossEntropy: "BCE",
};
const num = (v: unknown) => (typeof v === "number" ? (Math.abs(v) >= 1000 || (v !== 0 && Math.abs(v) < 0.001) ? v.toExponential(1) : String(Number(v.toPrecision(3)))) : String(v));

/** The records of the iteration that `index` is in (or the first iteration), forward and loss only. */
function iterationOf(trace: TraceSummary, index: number): { steps: { r: StepSummary; i: number }[]; iteration: number | null } {
  const at = trace.records[Math.max(0, Math.min(index, trace.records.length - 1))];
  const iteration = at && at.group === "iteration" ? at.iteration : trace.records.find((r) => r.group === "iteration")?.iteration ?? null;
  const steps = trace.records.map((r, i) => ({ r, i })).filter(({ r }) => r.group === "iteration" && r.iteration === iteration);
  return { steps, iteration };
}

const cache = new WeakMap<TraceSummary, Map<number | null, TraceGraph>>();

/** Build and lay out the graph of the iteration that step `index` belongs to (cached per trace). */
export function traceGraph(trace: TraceSummary, index = 0): TraceGraph {
  const { steps, iteration } = iterationOf(trace, index);
  const byTrace = cache.get(trace) ?? new Map<number | null, TraceGraph>();
  cache.set(trace, byTrace);
  const hit = byTrace.get(iteration);
  if (hit) return hit;

  const forward = steps.filter(({ r }) => (r.phase === "forward" || r.phase === "loss") && !r.op.includes("."));
  const producedBy = new Map<number, { r: StepSummary; i: number }>();
  for (const s of forward) producedBy.set(s.r.output, s);
  const consumers = new Map<number, number>();
  for (const { r } of forward) for (const id of r.inputs) consumers.set(id, (consumers.get(id) ?? 0) + 1);
  // an unnamed output read by exactly one op folds into that op: a chain of them becomes one node
  const folds = (id: number) => { const p = producedBy.get(id); return p !== undefined && p.r.name === null && consumers.get(id) === 1; };
  // the gradient names of tensors, from the backward steps of this iteration
  const gradName = new Map<number, string>();
  // (by name too: a parameter read before an update is a copy, so its id in the forward step differs)
  const gradByName = new Map<string, string>();
  for (const { r } of steps) {
    if (r.phase !== "backward" || !r.grads?.[0] || !r.name) continue;
    gradName.set(r.grads[0].into, r.name);
    if (r.grads[0].intoName) gradByName.set(r.grads[0].intoName, r.name);
  }

  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: "LR", nodesep: 18, ranksep: 34, marginx: 8, marginy: 8 });
  g.setDefaultEdgeLabel(() => ({}));
  const nodes = new Map<string, Omit<GraphNode, "x" | "y">>();
  const tensorNode = (id: number, r: StepSummary | null, k: number, i: number) => {
    const key = `t${id}`;
    if (nodes.has(key)) return key;
    const shape = r ? (k < 0 ? r.shapes.output : r.shapes.inputs[k]) ?? [] : [];
    const name = r ? (k < 0 ? r.name : r.inputNames[k] ?? r.inputLabels[k]) : null;
    const preview = k < 0 && r ? r.preview.values.slice(0, 2).map(num).join(", ") + (r.preview.truncated || r.preview.values.length > 2 ? ", …" : "") : "";
    const label = name ?? (k >= 0 ? r?.inputLabels[k] ?? "" : "");
    const detail = `(${shape.join(", ")})${preview ? ` [${preview}]` : ""}`;
    const parameter = k >= 0 && /^(W|w|b|theta|gamma|beta)\d*$/.test(label);
    const width = Math.max(56, 7 * Math.max(label.length, detail.length) + 14);
    nodes.set(key, { id: key, kind: "tensor", label, detail, step: r?.step ?? 0, index: i, parameter, width, height: 38 });
    g.setNode(key, { width, height: 38 });
    return key;
  };
  const opKey = new Map<number, string>(); // step output id -> the op node standing for it
  for (const { r, i } of forward) {
    const key = `o${r.step}`;
    opKey.set(r.output, key);
    const folded = r.inputs.filter((id) => folds(id)).length;
    const ops = [r.op];
    const label = SYMBOL[r.op] ?? r.op;
    nodes.set(key, { id: key, kind: "op", label, detail: ops.join(" "), step: r.step, index: i, parameter: false, width: Math.max(26, 8 * label.length + 10), height: 26 });
    g.setNode(key, { width: Math.max(26, 8 * label.length + 10), height: 26 });
    void folded;
  }
  const edges: Omit<GraphEdge, "points">[] = [];
  for (const { r, i } of forward) {
    const to = opKey.get(r.output)!;
    r.inputs.forEach((id, k) => {
      if (r.shapes.inputs[k]?.length === 0 && r.inputNames[k] === null && !producedBy.has(id)) return; // a constant: it is in the op's formula
      const made = producedBy.get(id);
      const from = made ? (made.r.name !== null ? `t${id}` : opKey.get(id)!) : tensorNode(id, r, k, i);
      const byName = r.inputNames[k] ? gradByName.get(r.inputNames[k]!) : undefined;
      edges.push({ from, to, grad: gradName.get(id) ?? byName ?? null });
    });
    if (r.name !== null) {
      const out = tensorNode(r.output, r, -1, i);
      edges.push({ from: to, to: out, grad: gradName.get(r.output) ?? null });
    }
  }
  // collapse: an op node whose only input is an unnamed op node with a single consumer merges into it
  const incoming = new Map<string, string[]>();
  for (const e of edges) incoming.set(e.to, [...(incoming.get(e.to) ?? []), e.from]);
  const outgoing = new Map<string, string[]>();
  for (const e of edges) outgoing.set(e.from, [...(outgoing.get(e.from) ?? []), e.to]);
  const merged = new Map<string, string>();
  for (const [key, node] of nodes) {
    if (node.kind !== "op") continue;
    const ins = incoming.get(key) ?? [];
    if (ins.length !== 1) continue;
    const src = merged.get(ins[0]!) ?? ins[0]!;
    const srcNode = nodes.get(src);
    if (srcNode?.kind !== "op" || (outgoing.get(ins[0]!) ?? []).length !== 1) continue;
    // key's only input is an op that feeds nothing else: show both as one node
    srcNode.detail = `${srcNode.detail} ${node.detail}`;
    const n = srcNode.detail.split(" ").length;
    srcNode.label = `${n} ops`;
    srcNode.width = 48;
    merged.set(key, src);
  }
  const resolve = (k: string) => merged.get(k) ?? k;
  for (const k of merged.keys()) g.removeNode(k);
  const seen = new Set<string>();
  const kept: Omit<GraphEdge, "points">[] = [];
  for (const e of edges) {
    const from = resolve(e.from), to = resolve(e.to);
    if (from === to || seen.has(`${from}>${to}`)) continue;
    seen.add(`${from}>${to}`);
    g.setNode(from, { width: nodes.get(from)!.width, height: nodes.get(from)!.height });
    g.setEdge(from, to, { width: e.grad ? 7 * e.grad.length : 0, height: e.grad ? 14 : 0, labelpos: "c" });
    kept.push({ ...e, from, to });
  }
  dagre.layout(g);
  const graph: TraceGraph = {
    nodes: [...nodes.values()].filter((n) => !merged.has(n.id) && g.hasNode(n.id)).map((n) => ({ ...n, x: g.node(n.id).x, y: g.node(n.id).y })),
    edges: kept.map((e) => ({ ...e, points: (g.edge(e.from, e.to).points ?? []).map((p: { x: number; y: number }) => ({ x: p.x, y: p.y })) })),
    width: Math.ceil(g.graph().width ?? 0),
    height: Math.ceil(g.graph().height ?? 0),
    iteration,
  };
  byTrace.set(iteration, graph);
  return graph;
}

/** The graph's own look, inside the SVG so the app and the exported page need no extra CSS; currentColor
 * follows the page's text colour, so it reads in light and dark themes. */
const STYLE = [
  ".trace-graph-svg{font:11px system-ui,sans-serif;color:inherit}",
  ".trace-graph-svg .graph-edge path{fill:none;stroke:currentColor;stroke-opacity:.55}",
  ".trace-graph-svg .graph-edge path.graph-arrow{fill:currentColor;fill-opacity:.55;stroke:none}",
  ".trace-graph-svg .graph-node{cursor:pointer}",
  ".trace-graph-svg .graph-node rect,.trace-graph-svg .graph-node ellipse{fill:Canvas;stroke:currentColor;stroke-opacity:.7}",
  ".trace-graph-svg .graph-node text{fill:currentColor}",
  ".trace-graph-svg .graph-node.parameter rect{stroke:#d97706;stroke-width:2}",
  ".trace-graph-svg .graph-node.current rect,.trace-graph-svg .graph-node.current ellipse{stroke:#2563eb;stroke-width:3}",
  ".trace-graph-svg .graph-node:focus{outline:none}.trace-graph-svg .graph-node:focus rect,.trace-graph-svg .graph-node:focus ellipse{stroke-dasharray:3 2}",
  ".trace-graph-svg .graph-name{font-weight:600}.trace-graph-svg .graph-detail{font-size:9px;fill-opacity:.75}",
  ".trace-graph-svg .graph-grad{fill:#dc2626;font-size:10px;font-weight:600}",
].join("");

/** A small triangle at the end of an edge (drawn, not a <marker>: a page links to nothing, not even #ids). */
function arrowHead(points: { x: number; y: number }[]): string {
  const a = points.at(-2), b = points.at(-1);
  if (!a || !b) return "";
  const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
  const ux = (b.x - a.x) / len, uy = (b.y - a.y) / len;
  const p = (x: number, y: number) => `${x.toFixed(1)},${y.toFixed(1)}`;
  return `<path class="graph-arrow" d="M${p(b.x, b.y)} L${p(b.x - 7 * ux + 3.5 * uy, b.y - 7 * uy - 3.5 * ux)} L${p(b.x - 7 * ux - 3.5 * uy, b.y - 7 * uy + 3.5 * ux)} z"/>`;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The graph as SVG markup: the one rendering of it (the app inserts it, the exporter writes it).
 * `current` (a step number) is highlighted; in a backward step, edges carry their gradients' names.
 */
export function traceGraphSvg(trace: TraceSummary, index = 0): string {
  const graph = traceGraph(trace, index);
  const current = trace.records[index];
  const backward = current?.phase === "backward" || current?.phase === "update";
  const currentNode = graph.nodes.find((n) => n.step === current?.step)?.id
    ?? graph.nodes.find((n) => n.kind === "tensor" && current?.grads?.[0] && (n.id === `t${current.grads[0].into}` || n.label === current.grads[0].intoName))?.id;
  const path = (pts: { x: number; y: number }[]) => pts.map((p, i) => `${i ? "L" : "M"}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(" ");
  const edges = graph.edges.map((e) => {
    const mid = e.points[Math.floor(e.points.length / 2)] ?? { x: 0, y: 0 };
    const label = backward && e.grad ? `<text class="graph-grad" x="${mid.x.toFixed(1)}" y="${(mid.y - 4).toFixed(1)}" text-anchor="middle">${esc(e.grad)}</text>` : "";
    return `<g class="graph-edge"><path d="${path(e.points)}"/>${arrowHead(e.points)}${label}</g>`;
  }).join("");
  const nodes = graph.nodes.map((n) => {
    const cls = `graph-node ${n.kind}${n.parameter ? " parameter" : ""}${n.id === currentNode ? " current" : ""}`;
    const x = n.x - n.width / 2, y = n.y - n.height / 2;
    const title = `<title>${esc(n.kind === "op" ? `${n.detail} (step ${n.step + 1})` : `${n.label} ${n.detail}`)}</title>`;
    const shape = n.kind === "op"
      ? `<ellipse cx="${n.x.toFixed(1)}" cy="${n.y.toFixed(1)}" rx="${(n.width / 2).toFixed(1)}" ry="${(n.height / 2).toFixed(1)}"/>`
        + `<text x="${n.x.toFixed(1)}" y="${(n.y + 4).toFixed(1)}" text-anchor="middle">${esc(n.label)}</text>`
      : `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${n.width}" height="${n.height}" rx="4"/>`
        + `<text x="${n.x.toFixed(1)}" y="${(n.y - 3).toFixed(1)}" text-anchor="middle" class="graph-name">${esc(n.label)}</text>`
        + `<text x="${n.x.toFixed(1)}" y="${(n.y + 12).toFixed(1)}" text-anchor="middle" class="graph-detail">${esc(n.detail)}</text>`;
    return `<g class="${cls}" data-index="${n.index}" tabindex="0" role="button" aria-label="${esc(n.kind === "op" ? `${n.detail}, go to step ${n.step + 1}` : `${n.label} ${n.detail}, go to step ${n.step + 1}`)}">${title}${shape}</g>`;
  }).join("");
  const what = graph.iteration === null ? "" : `, iteration ${graph.iteration + 1}`;
  // the style sits beside the SVG, not inside it: HTML parsers (happy-dom's among them) treat <style>
  // inside inline SVG differently
  return `<style>${STYLE}</style><svg class="trace-graph-svg" viewBox="0 0 ${graph.width} ${graph.height}" width="${graph.width}" height="${graph.height}" role="group" aria-label="computation graph${what}: ${graph.nodes.filter((n) => n.kind === "tensor").map((n) => esc(n.label)).join(", ")}">`
    + edges + nodes + `</svg>`;
}
