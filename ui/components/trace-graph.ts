// The computation graph of one iteration of a trace, drawn as micrograd's draw_dot draws a scalar graph
// but for tensors: a box per tensor (name, shape, a value preview; parameters marked), a small circle
// per op, edges from inputs to the op and on to its output. In a backward step the gradient that flows
// back along each edge is written on it. Laid out by @dagrejs/dagre (the maintained dagre: ranks,
// crossing reduction, edge routing), drawn as an SVG string by one pure function (trace-graph-svg.ts), so the live
// step-through and the exported page show the same picture (the page has it without JavaScript).
// A long run of unnamed ops between named tensors is collapsed into one op node ("3 ops"). In a large
// graph (more than GROUP_ABOVE ops) two kinds of group also close behind one node the student can open
// (click or Enter; an open group is framed, and its name closes it again): a layer of nn (every tensor
// named dense_1/...) and a long composite (the unnamed ops that make one named tensor,
// N1 = tanh(w1 x1 + w2 x2 + b1), with that tensor). Groups nest as the model does: opening a nested
// model "encoder" shows its layers encoder/dense_1 and encoder/dense_2 closed, each openable
// (trace-graph-groups.ts). The exported page shows the outermost groups closed, with their names; the
// step list has every op.
import dagre from "@dagrejs/dagre";
import type { StepSummary, TraceSummary } from "../../kernel/protocol/values.ts";
import { graphGroups, layerPath } from "./trace-graph-groups.ts";
import { groupLabeller } from "../../kernel/trace/record.ts";
import { versionedName } from "./step-name.ts";

export interface GraphNode {
  id: string;
  /** "group": a closed layer or composite (its `group` key opens it) */
  kind: "tensor" | "op" | "group";
  label: string;
  detail: string;
  /** the step a click shows: the op's step, or the step that made (or first read) the tensor */
  step: number;
  /** index of that step in trace.records */
  index: number;
  parameter: boolean;
  /** for a group node: the key that opens it, and the steps and node ids it stands for (a run of
   * unnamed ops folded into one op node has its `steps` too) */
  group?: string;
  steps?: number[];
  members?: string[];
  /** for an op node (or a closed group, its ops'): the tensors they made (a backward step's gradient
   * into an unnamed one lights the node) */
  outputs?: number[];
  x: number;
  y: number;
  width: number;
  height: number;
}

/** An open group, drawn as a frame around its nodes; its label closes it. */
export interface GraphCluster {
  group: string;
  label: string;
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
  clusters: GraphCluster[];
  width: number;
  height: number;
  /** the iteration it shows (null: the trace has no iterations) */
  iteration: number | null;
  /**
   * which pass of the run it shows, as the step list heads it ("iteration 3", "epoch 2, batch 1");
   * "" when the run has one pass only (a cell without a loop)
   */
  where: string;
}

const SYMBOL: Record<string, string> = {
  add: "+", sub: "−", mul: "⊙", div: "÷", matmul: "@", pow: "^", negative: "−", tanh: "tanh", exp: "exp",
  log: "ln", sum: "Σ", mean: "mean", sigmoid: "σ", relu: "ReLU", transpose: "ᵀ", max: "max",
  softmaxCrossEntropy: "CE", sigmoidBinaryCrossEntropy: "BCE",
};
const num = (v: unknown) => (typeof v === "number" ? (Math.abs(v) >= 1000 || (v !== 0 && Math.abs(v) < 0.001) ? v.toExponential(1) : String(Number(v.toPrecision(3)))) : String(v));

/**
 * The records of the iteration that `index` is in, forward and loss only. From a setup step, the first
 * iteration; from a step after the loop, the last one kept (the values the run ended with).
 */
function iterationOf(trace: TraceSummary, index: number): { steps: { r: StepSummary; i: number }[]; iteration: number | null } {
  const at = trace.records[Math.max(0, Math.min(index, trace.records.length - 1))];
  const passes = trace.records.filter((r) => r.group === "iteration");
  const iteration = at && at.group === "iteration" ? at.iteration
    : (at?.group === "after" ? passes[passes.length - 1] : passes[0])?.iteration ?? null;
  const steps = trace.records.map((r, i) => ({ r, i })).filter(({ r }) => r.group === "iteration" && r.iteration === iteration);
  return { steps, iteration };
}

/** The pass the graph shows in the step list's words, or "" when the run has only the one. */
function whereOf(trace: TraceSummary, steps: { r: StepSummary }[], iteration: number | null): string {
  const several = trace.droppedEpochs > 0 || trace.records.some((r) => r.group === "iteration" && r.iteration !== iteration);
  return iteration === null || !several || steps.length === 0 ? "" : groupLabeller(trace.records, trace.droppedEpochs)(steps[0]!.r);
}

const cache = new WeakMap<TraceSummary, Map<string, TraceGraph>>();

/** Graphs with more forward ops than this close their layers and long composites. */
export const GROUP_ABOVE = 14;
/** the fewest ops a closed group stands for: a layer, a composite */
const LAYER_MIN_OPS = 2, COMPOSITE_MIN_OPS = 3;

/**
 * Build and lay out the graph of the iteration that step `index` belongs to (cached per trace).
 * `open` holds the keys of the groups the student opened (all are closed at first).
 */
export function traceGraph(trace: TraceSummary, index = 0, open: ReadonlySet<string> = new Set()): TraceGraph {
  const { steps, iteration } = iterationOf(trace, index);
  const byTrace = cache.get(trace) ?? new Map<string, TraceGraph>();
  cache.set(trace, byTrace);
  const cacheKey = `${iteration}|${[...open].sort().join("|")}`;
  const hit = byTrace.get(cacheKey);
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
  const totalName = new Map<number, string>();
  for (const { r } of steps) {
    // a tensor that fed several ops: the edge into it carries the sum of its parts (each edge out, one part)
    if (r.phase === "backward" && r.totalOf !== undefined && r.name) totalName.set(r.totalOf, r.name);
    if (r.phase !== "backward" || !r.grads?.[0] || !r.name) continue;
    gradName.set(r.grads[0].into, r.name);
    if (r.grads[0].intoName) gradByName.set(r.grads[0].intoName, r.name);
  }

  // A tensor no op of this iteration made that fed several ops (lesson 10's W2, in tanh(…) W2 and in the
  // penalty W2²) has no edge into it for its total: each edge out carries its part ("dW2 via W2 ** 2"),
  // and an edge that stands for all of them (into a closed group) the total, dW2.
  const partOf = new Map<string, { part: string; total: string }>(); // `${tensor id}>${forward step}`
  for (const { r } of steps) {
    const into = r.grads?.[0]?.into;
    const total = into !== undefined ? totalName.get(into) : undefined;
    if (r.phase !== "backward" || r.via === undefined || into === undefined || total === undefined || producedBy.has(into)) continue;
    // the forward op it went back through: same op, same inputs (the weight by its name: a parameter read
    // before an update is a copy, whose id in the forward step differs)
    const name = r.grads![0]!.intoName;
    const same = (fr: StepSummary, k: number) => fr.inputs[k] === r.inputs[k + 1] || (name !== null && fr.inputNames[k] === name);
    const f = forward.find(({ r: fr }) => `${fr.op}.backward` === r.op && fr.inputs.length === r.inputs.length - 1 && fr.inputs.every((_, k) => same(fr, k)));
    const k = f?.r.inputs.findIndex((id, k) => id === into || (name !== null && f.r.inputNames[k] === name)) ?? -1;
    if (f && k >= 0) partOf.set(`${f.r.inputs[k]}>${f.r.step}`, { part: r.outputLabel ?? total, total });
  }
  const totals = new Map<Omit<GraphEdge, "points">, string>(); // an edge carrying a part -> the total it is part of

  const nodes = new Map<string, Omit<GraphNode, "x" | "y">>();
  const tensorNode = (id: number, r: StepSummary | null, k: number, i: number) => {
    const key = `t${id}`;
    if (nodes.has(key)) return key;
    const shape = r ? (k < 0 ? r.shapes.output : r.shapes.inputs[k]) ?? [] : [];
    const name = r ? (k < 0 ? r.name : r.inputNames[k] ?? r.inputLabels[k]) : null;
    const preview = k < 0 && r ? r.preview.values.slice(0, 2).map((v) => (r.preview.dtype === "bool" ? (v ? "True" : "False") : num(v))).join(", ") + (r.preview.truncated || r.preview.values.length > 2 ? ", …" : "") : "";
    // a name reassigned from itself carries its version, as the step card and the edges do (y⁽¹⁾)
    const shown = r ? (k < 0 ? r.outputLabel : r.inputLabels[k]) : undefined;
    const label = typeof name === "string" ? versionedName(name, shown) : k >= 0 ? r?.inputLabels[k] ?? "" : "";
    const detail = `(${shape.join(", ")})${preview ? ` [${preview}]` : ""}`;
    const parameter = k >= 0 && /^(W|w|b|theta|gamma|beta)\d*$/.test(label);
    const width = Math.max(56, 7 * Math.max(label.length, detail.length) + 14);
    nodes.set(key, { id: key, kind: "tensor", label, detail, step: r?.step ?? 0, index: i, parameter, width, height: 38 });
    return key;
  };
  const opKey = new Map<number, string>(); // step output id -> the op node standing for it
  for (const { r, i } of forward) {
    const key = `o${r.step}`;
    opKey.set(r.output, key);
    const folded = r.inputs.filter((id) => folds(id)).length;
    const ops = [r.op];
    const label = SYMBOL[r.op] ?? r.op;
    nodes.set(key, { id: key, kind: "op", label, detail: ops.join(" "), step: r.step, index: i, parameter: false, outputs: [r.output], width: Math.max(26, 8 * label.length + 10), height: 26 });
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
      const part = partOf.get(`${id}>${r.step}`);
      const edge = { from, to, grad: gradName.get(id) ?? byName ?? part?.part ?? null };
      if (part !== undefined && edge.grad === part.part) totals.set(edge, part.total);
      edges.push(edge);
    });
    if (r.name !== null) {
      const out = tensorNode(r.output, r, -1, i);
      edges.push({ from: to, to: out, grad: totalName.get(r.output) ?? gradName.get(r.output) ?? null });
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
    // the run's node stands for each of its ops' steps: the current step lights it at any of them
    srcNode.steps = [...(srcNode.steps ?? [srcNode.step]), node.step];
    srcNode.outputs = [...(srcNode.outputs ?? []), ...(node.outputs ?? [])];
    merged.set(key, src);
  }
  const resolve = (k: string) => merged.get(k) ?? k;

  // ---- groups: which layers or composite each node is in (outermost first), and which are closed
  const { groups, pathOf } = graphGroups(forward);
  const member = new Map<string, string[]>(); // node key -> its path of groups
  for (const { r } of forward) {
    const path = pathOf.get(r.step) ?? [];
    if (path.length === 0) continue;
    member.set(resolve(`o${r.step}`), path);
    if (r.name !== null) member.set(`t${r.output}`, path);
  }
  // a layer's weights (dense_1/W, encoder/dense_1/W) are in it
  for (const [key, n] of nodes) {
    if (n.kind !== "tensor" || member.has(key) || !n.label.includes("/")) continue;
    const path = layerPath(n.label).filter((k) => groups.has(k));
    if (path.length > 0) member.set(key, path);
  }
  const large = forward.length > GROUP_ABOVE;
  const collapsible = (k: string) => large && groups.get(k)!.ops >= (groups.get(k)!.layer ? LAYER_MIN_OPS : COMPOSITE_MIN_OPS);
  const closed = (k: string) => collapsible(k) && !open.has(k);
  const ancestors = (k: string): string[] => { const p = groups.get(k)!.parent; return p === null ? [] : [...ancestors(p), p]; };
  /** the node standing for `k`: the outermost closed group it is in, else itself */
  const visible = (k: string) => { const r = resolve(k); const c = (member.get(r) ?? []).find(closed); return c !== undefined ? `g:${c}` : r; };
  /** the frame a node or group is drawn in: its innermost open group that has a frame */
  const frameOf = (path: string[]) => { const f = path.filter(collapsible).at(-1); return f !== undefined ? `c:${f}` : undefined; };

  const g = new dagre.graphlib.Graph({ compound: true });
  g.setGraph({ rankdir: "LR", nodesep: 18, ranksep: 34, marginx: 8, marginy: 8 });
  g.setDefaultEdgeLabel(() => ({}));
  // outer groups first, so a frame exists before the groups inside it are put in it
  const ordered = [...groups.keys()].sort((a, b) => ancestors(a).length - ancestors(b).length);
  for (const key of ordered) {
    const grp = groups.get(key)!;
    if (!collapsible(key) || ancestors(key).some(closed)) continue; // inside a closed group: not drawn
    if (closed(key)) {
      // in brackets: SVG texts join without a space in the accessible name's check ("N2" "5 ops" -> "N25 ops")
      const inner = [...groups.values()].filter((c) => c.parent === key && collapsible(c.key)).length;
      const detail = `(${grp.ops} ops${grp.layer ? (inner > 0 ? `, ${inner} layers` : "") : `, makes ${grp.label}`})`;
      const width = Math.max(64, 7 * Math.max(grp.label.length + 2, detail.length) + 18);
      const members = [...member.entries()].filter(([, m]) => m.includes(key)).map(([k]) => k);
      const outputs = members.flatMap((k) => nodes.get(k)?.outputs ?? []);
      nodes.set(`g:${key}`, { id: `g:${key}`, kind: "group", label: grp.label, detail, step: grp.first, index: grp.firstIndex, parameter: false, group: key, steps: grp.steps, members, outputs, width, height: 40 });
      g.setNode(`g:${key}`, { width, height: 40 });
    } else {
      g.setNode(`c:${key}`, { label: grp.label, paddingTop: 22, paddingLeft: 8, paddingRight: 8, paddingBottom: 8 });
    }
    const frame = frameOf(ancestors(key));
    if (frame !== undefined && g.hasNode(frame)) g.setParent(closed(key) ? `g:${key}` : `c:${key}`, frame);
  }
  const seen = new Set<string>();
  const kept: Omit<GraphEdge, "points">[] = [];
  const place = (k: string) => {
    if (g.hasNode(k)) return;
    g.setNode(k, { width: nodes.get(k)!.width, height: nodes.get(k)!.height });
    const frame = frameOf(member.get(k) ?? []);
    if (frame !== undefined && g.hasNode(frame)) g.setParent(k, frame);
  };
  // edges drawn as one: parts of one total carry the total
  const shown = new Map<string, { grad: string | null; total: string | undefined; parts: number }>();
  for (const e of edges) {
    const from = visible(e.from), to = visible(e.to);
    if (from === to) continue;
    const had = shown.get(`${from}>${to}`);
    if (had === undefined) shown.set(`${from}>${to}`, { grad: e.grad, total: totals.get(e), parts: 1 });
    else if (had.total !== undefined && had.total === totals.get(e)) had.parts++;
  }
  for (const e of edges) {
    const from = visible(e.from), to = visible(e.to);
    if (from === to || seen.has(`${from}>${to}`)) continue;
    seen.add(`${from}>${to}`);
    place(from);
    place(to);
    const one = shown.get(`${from}>${to}`)!;
    const grad = one.parts > 1 && one.parts === [...partOf.values()].filter((p) => p.total === one.total).length ? one.total! : e.grad;
    g.setEdge(from, to, { width: grad ? 7 * grad.length : 0, height: grad ? 14 : 0, labelpos: "c" });
    kept.push({ ...e, grad, from, to });
  }
  // a group opened with nothing inside it drawn (all its nodes merged away) has no frame to show;
  // innermost first, so a frame whose only content was such a frame goes too
  for (const key of [...ordered].reverse()) if (g.hasNode(`c:${key}`) && (g.children(`c:${key}`) ?? []).length === 0) g.removeNode(`c:${key}`);
  dagre.layout(g);
  const graph: TraceGraph = {
    nodes: [...nodes.values()].filter((n) => g.hasNode(n.id)).map((n) => ({ ...n, x: g.node(n.id).x, y: g.node(n.id).y })),
    edges: kept.map((e) => ({ ...e, points: (g.edge(e.from, e.to).points ?? []).map((p: { x: number; y: number }) => ({ x: p.x, y: p.y })) })),
    clusters: ordered.filter((k) => g.hasNode(`c:${k}`)).map((k) => {
      const grp = groups.get(k)!;
      const c = g.node(`c:${k}`);
      return { group: k, label: grp.label, x: c.x, y: c.y, width: c.width, height: c.height };
    }),
    width: Math.ceil(g.graph().width ?? 0),
    height: Math.ceil(g.graph().height ?? 0),
    iteration,
    where: whereOf(trace, steps, iteration),
  };
  byTrace.set(cacheKey, graph);
  return graph;
}
