// The computation graph as an SVG string (trace-graph.ts lays it out): one pure function, so the live
// step-through and the exported page show the same picture, and the page has it without JavaScript.
import type { TraceSummary } from "../../kernel/protocol/values.ts";
import { traceGraph, type GraphNode, type TraceGraph } from "./trace-graph.ts";

/** The graph's own look, inside the SVG so the app and the exported page need no extra CSS; currentColor
 * follows the page's text colour, so it reads in light and dark themes. */
const STYLE = [
  // a graph wider than the page (or a phone) scrolls inside its own box; the page does not
  ".trace-graph-scroll{overflow:auto;max-width:100%;max-height:80vh;-webkit-overflow-scrolling:touch}",
  ".trace-graph-scroll>svg{display:block;max-width:none}",
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
  // the gradients' red: 4.8:1 on the light page; on the dark one #dc2626 was 3.4:1 for 10 px text (AA wants 4.5)
  ".trace-graph-svg .graph-grad{fill:#dc2626;font-size:10px;font-weight:600}",
  "@media (prefers-color-scheme: dark){.trace-graph-svg .graph-grad{fill:#f87171}}",
  ".trace-graph-svg .graph-node.group rect{stroke-width:2;stroke-dasharray:6 2}",
  ".trace-graph-svg .graph-toggle{fill:currentColor;stroke:none}",
  ".trace-graph-svg .graph-cluster>rect{fill:none;stroke:currentColor;stroke-opacity:.35;stroke-dasharray:4 3}",
  ".trace-graph-svg .graph-cluster-label{cursor:pointer}.trace-graph-svg .graph-cluster-label text{fill:currentColor;font-weight:600}",
  ".trace-graph-svg .graph-cluster-label:focus{outline:none}.trace-graph-svg .graph-cluster-label:focus text{text-decoration:underline}",
].join("");

/** The node of the tensor whose gradient a total step sums: by id or by the name its parts give it, else the op that made it. */
function totalNode(graph: TraceGraph, trace: TraceSummary, of: number): string | undefined {
  const name = trace.records.find((r) => r.grads?.[0]?.into === of && r.grads[0].intoName)?.grads![0]!.intoName ?? null;
  const holds = (n: GraphNode) => n.id === `t${of}` || (n.members?.includes(`t${of}`) ?? false);
  return graph.nodes.find((n) => n.kind !== "op" && (holds(n) || (name !== null && n.kind === "tensor" && n.label === name)))?.id
    ?? graph.nodes.find((n) => n.kind !== "tensor" && (n.outputs?.includes(of) ?? false))?.id;
}

/** A small triangle at the end of an edge (drawn, not a <marker>: a page links to nothing, not even #ids). */
function arrowHead(points: { x: number; y: number }[]): string {
  const a = points.at(-2), b = points.at(-1);
  if (!a || !b) return "";
  const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
  const ux = (b.x - a.x) / len, uy = (b.y - a.y) / len;
  const p = (x: number, y: number) => `${x.toFixed(1)},${y.toFixed(1)}`;
  return `<path class="graph-arrow" d="M${p(b.x, b.y)} L${p(b.x - 7 * ux + 3.5 * uy, b.y - 7 * uy - 3.5 * ux)} L${p(b.x - 7 * ux - 3.5 * uy, b.y - 7 * uy + 3.5 * ux)} z"/>`;
}

/** The open/closed mark of a group, drawn (a text ▸ would become part of the button's visible name). */
function triangle(cx: number, cy: number, pointing: "right" | "down"): string {
  const p = (x: number, y: number) => `${(cx + x).toFixed(1)},${(cy + y).toFixed(1)}`;
  const d = pointing === "right" ? `M${p(-3, -4)} L${p(4, 0)} L${p(-3, 4)} z` : `M${p(-4, -3)} L${p(4, -3)} L${p(0, 4)} z`;
  return `<path class="graph-toggle" d="${d}"/>`;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The graph as SVG markup: the one rendering of it (the app inserts it, the exporter writes it).
 * `current` (a step number) is highlighted; in a backward step, edges carry their gradients' names.
 */
export function traceGraphSvg(trace: TraceSummary, index = 0, open: ReadonlySet<string> = new Set()): string {
  const graph = traceGraph(trace, index, open);
  const current = trace.records[index];
  const backward = current?.phase === "backward" || current?.phase === "update";
  const into = current?.grads?.[0];
  const holds = (n: GraphNode, id: string) => n.id === id || (n.members?.includes(id) ?? false);
  const currentNode = graph.nodes.find((n) => n.steps?.includes(current?.step ?? -1))?.id
    ?? graph.nodes.find((n) => n.kind === "op" && n.step === current?.step)?.id
    ?? graph.nodes.find((n) => n.step === current?.step)?.id
    ?? graph.nodes.find((n) => n.kind !== "op" && into && (holds(n, `t${into.into}`) || n.label === into.intoName))?.id
    // a total (∂L/∂N_2 = via N_3 + via N_4): the tensor whose gradient it sums, found by name too (a
    // parameter read in the forward pass is a copy of it, another id: lesson 18's w, lesson 13's z), or
    // the op that made it when it has no name (lesson 9's e^{Z - max Z})
    ?? (current?.totalOf !== undefined ? totalNode(graph, trace, current.totalOf) : undefined)
    // a gradient into an unnamed tensor (the sum inside a mean, a matmul's result): the op that made it
    ?? graph.nodes.find((n) => n.kind !== "tensor" && into !== undefined && (n.outputs?.includes(into.into) ?? false))?.id
    // an update (W1 -= alpha dW1): the parameter it changes
    ?? (current?.phase === "update" && current.name ? graph.nodes.find((n) => n.kind === "tensor" && n.label === current.name)?.id : undefined);
  const path = (pts: { x: number; y: number }[]) => pts.map((p, i) => `${i ? "L" : "M"}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(" ");
  const clusters = graph.clusters.map((c) => {
    const x = c.x - c.width / 2, y = c.y - c.height / 2;
    return `<g class="graph-cluster"><rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${c.width.toFixed(1)}" height="${c.height.toFixed(1)}" rx="6"/>`
      + `<g class="graph-cluster-label" data-group="${esc(c.group)}" tabindex="0" role="button" aria-expanded="true" aria-label="${esc(c.label)}, close this group">`
      + triangle(x + 12, y + 11, "down") + `<text x="${(x + 20).toFixed(1)}" y="${(y + 15).toFixed(1)}">${esc(c.label)}</text></g></g>`;
  }).join("");
  const edges = graph.edges.map((e) => {
    const mid = e.points[Math.floor(e.points.length / 2)] ?? { x: 0, y: 0 };
    const label = backward && e.grad ? `<text class="graph-grad" x="${mid.x.toFixed(1)}" y="${(mid.y - 4).toFixed(1)}" text-anchor="middle">${esc(e.grad)}</text>` : "";
    return `<g class="graph-edge"><path d="${path(e.points)}"/>${arrowHead(e.points)}${label}</g>`;
  }).join("");
  const nodes = graph.nodes.map((n) => {
    const cls = `graph-node ${n.kind}${n.parameter ? " parameter" : ""}${n.id === currentNode ? " current" : ""}`;
    const x = n.x - n.width / 2, y = n.y - n.height / 2;
    if (n.kind === "group") {
      return `<g class="${cls}" data-group="${esc(n.group!)}" tabindex="0" role="button" aria-expanded="false" aria-label="${esc(`${n.label} ${n.detail}, open this group`)}">`
        + `<title>${esc(`${n.label}: ${n.detail}; click to open`)}</title>`
        + `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${n.width}" height="${n.height}" rx="8"/>`
        + triangle(x + 10, n.y - 7, "right")
        + `<text x="${n.x.toFixed(1)}" y="${(n.y - 3).toFixed(1)}" text-anchor="middle" class="graph-name">${esc(n.label)} </text>` // the space: axe reads the two lines as "label detail", as the name says (SVG drops it when drawing)
        + `<text x="${n.x.toFixed(1)}" y="${(n.y + 12).toFixed(1)}" text-anchor="middle" class="graph-detail">${esc(n.detail)}</text></g>`;
    }
    const title = `<title>${esc(n.kind === "op" ? `${n.detail} (step ${n.step + 1})` : `${n.label} ${n.detail}`)}</title>`;
    const shape = n.kind === "op"
      ? `<ellipse cx="${n.x.toFixed(1)}" cy="${n.y.toFixed(1)}" rx="${(n.width / 2).toFixed(1)}" ry="${(n.height / 2).toFixed(1)}"/>`
        + `<text x="${n.x.toFixed(1)}" y="${(n.y + 4).toFixed(1)}" text-anchor="middle">${esc(n.label)}</text>`
      : `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${n.width}" height="${n.height}" rx="4"/>`
        + `<text x="${n.x.toFixed(1)}" y="${(n.y - 3).toFixed(1)}" text-anchor="middle" class="graph-name">${esc(n.label)}</text>`
        + `<text x="${n.x.toFixed(1)}" y="${(n.y + 12).toFixed(1)}" text-anchor="middle" class="graph-detail">${esc(n.detail)}</text>`;
    return `<g class="${cls}" data-index="${n.index}" tabindex="0" role="button" aria-label="${esc(n.kind === "op" ? `${n.label}: ${n.detail}, go to step ${n.step + 1}` : `${n.label} ${n.detail}, go to step ${n.step + 1}`)}">${title}${shape}</g>`;
  }).join("");
  const what = graph.where === "" ? "" : `, ${graph.where}`;
  const closedGroups = graph.nodes.filter((n) => n.kind === "group").length;
  const hint = closedGroups > 0 ? ` (${closedGroups} closed group${closedGroups > 1 ? "s" : ""}: open one to see its ops)` : "";
  // the style sits beside the SVG, not inside it: HTML parsers (happy-dom's among them) treat <style>
  // inside inline SVG differently
  return `<style>${STYLE}</style><div class="trace-graph-scroll"><svg class="trace-graph-svg" viewBox="0 0 ${graph.width} ${graph.height}" width="${graph.width}" height="${graph.height}" role="group" aria-label="computation graph${what}: ${graph.nodes.filter((n) => n.kind !== "op").map((n) => esc(n.label)).join(", ")}${hint}">`
    + clusters + edges + nodes + `</svg></div>`;
}
