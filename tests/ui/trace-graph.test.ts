// The computation graph beside the step list: built from the trace's records (tensors, ops, gradients
// on edges in a backward step), and clicking a node asks the step-through for that node's step.
import { describe, expect, it } from "vitest";
import "../../ui/components/sb-trace-view.ts";
import { np } from "../../kernel/np.ts";
import { traceOf } from "../../kernel/trace/active.ts";
import { summarizeTrace } from "../../kernel/runtime/trace-summary.ts";
import { traceGraph, GROUP_ABOVE } from "../../ui/components/trace-graph.ts";
import { traceGraphSvg } from "../../ui/components/trace-graph-svg.ts";
import { nn } from "../../kernel/nn/index.ts";
import { loopTrace } from "./loop-trace.ts";

if (!document.doctype) document.insertBefore(document.implementation.createDocumentType("html", "", ""), document.documentElement);

function lessonTrace() {
  np.random.seed(0);
  const X = np.random.randn(5, 2).named("X");
  const Y = np.random.randn(5, 1).named("Y");
  const W1 = np.random.randn(2, 3).requiresGrad().named("W1");
  const b1 = np.zeros([1, 3]).requiresGrad().named("b1");
  return summarizeTrace(traceOf(() => {
    const Z1 = X.matmul(W1).add(b1).named("Z1");
    const A1 = Z1.tanh().named("A1");
    A1.sum({ axis: 1, keepdims: true }).sub(Y).square().mean().named("L").backward();
  }), "forward");
}

describe("the trace graph", () => {
  it("has a node per named tensor, parameters marked, ops between, and a run of unnamed ops as one node", () => {
    const g = traceGraph(lessonTrace());
    const tensors = g.nodes.filter((n) => n.kind === "tensor").map((n) => n.label).sort();
    expect(tensors).toEqual(["A1", "L", "W1", "X", "Y", "Z1", "b1"]);
    expect(g.nodes.filter((n) => n.parameter).map((n) => n.label).sort()).toEqual(["W1", "b1"]);
    expect(g.nodes.find((n) => n.label === "Z1")!.detail).toMatch(/^\(5, 3\) \[/);
    expect(g.nodes.some((n) => n.kind === "op" && /ops$/.test(n.label))).toBe(true); // sum, sub, pow, sum, div
    for (const e of g.edges) expect(e.points.length).toBeGreaterThan(1);
  });

  it("in a backward step the gradients are written on the edges; in a forward step they are not", () => {
    const t = lessonTrace();
    const back = t.records.findIndex((r) => r.name === "db1");
    expect(traceGraphSvg(t, back)).toContain(">db1</text>");
    expect(traceGraphSvg(t, 0)).not.toContain('class="graph-grad"');
    expect(traceGraphSvg(t, back)).toMatch(/class="graph-node tensor parameter current"[^>]*aria-label="b1/);
  });

  it("clicking a node in the step-through asks for that node's step", async () => {
    const trace = lessonTrace();
    const el = document.createElement("sb-trace-view") as HTMLElement & { updateComplete: Promise<unknown> };
    Object.assign(el, { cellId: "forward", trace, index: 0 });
    document.body.append(el);
    await el.updateComplete;
    const asked: number[] = [];
    el.addEventListener("sb-step", (e) => asked.push((e as CustomEvent).detail.index));
    const node = [...el.querySelectorAll(".graph-node")].find((n) => n.getAttribute("aria-label")?.startsWith("Z1"))!;
    expect(node, el.querySelector("figure.trace-graph")?.innerHTML.slice(0, 300)).toBeDefined();
    node.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    expect(asked).toHaveLength(1);
    expect(trace.records[asked[0]!]!.name).toBe("Z1");
    // one pass (no loop): the caption names no iteration
    expect(el.querySelector("figure.trace-graph svg")?.getAttribute("aria-label")).toMatch(/^computation graph: /);
    el.remove();
  });

  it("a run of several passes says which one the graph shows, as the step list heads it", () => {
    const t = loopTrace(2);
    const second = t.records.findIndex((r) => r.group === "iteration" && r.iteration === 1);
    expect(second).toBeGreaterThan(0);
    expect(traceGraph(t, 0).where).toBe("iteration 1");
    expect(traceGraph(t, second).where).toBe("iteration 2");
    expect(traceGraphSvg(t, second)).toContain('aria-label="computation graph, iteration 2: ');
  });

  it("from a step after the loop it shows the last iteration, from a setup step the first", () => {
    const x = np.array([1, 2]).named("x");
    const t = summarizeTrace(traceOf(() => {
      const w = np.array([0.5, -1]).mul(1).requiresGrad().named("w"); // a setup step
      for (let i = 0; i < 3; i++) {
        x.mul(w).sum().named("L").backward();
        np.noGrad(() => w.assignSub(w.grad!.mul(0.1)));
        w.zeroGrad();
      }
      x.mul(w).named("yhat"); // after the loop: no backward
    }), "loop");
    const setup = t.records.findIndex((r) => r.group === "setup");
    const after = t.records.findIndex((r) => r.group === "after");
    expect(setup).toBeGreaterThanOrEqual(0);
    expect(after).toBeGreaterThan(0);
    expect(traceGraph(t, setup).where).toBe("iteration 1");
    expect(traceGraph(t, after).where).toBe("iteration 3");
  });
});

/** A 2-8-8-8-8-3 nn model's training step: 5 Dense layers, more than GROUP_ABOVE forward ops. */
function modelTrace() {
  np.random.seed(0);
  const m = nn.Sequential([nn.Dense(8, { activation: "tanh", inputShape: [2] }), nn.Dense(8, { activation: "tanh" }), nn.Dense(8, { activation: "relu" }), nn.Dense(8, { activation: "tanh" }), nn.Dense(3, { activation: "softmax" })]);
  m.compile({ optimizer: "sgd", loss: "sparseCategoricalCrossentropy" });
  const X = np.array([[0.1, 0.2], [0.3, -0.4], [-0.5, 0.6], [0.7, 0.8]]);
  return summarizeTrace(traceOf(() => { m.trace(X, [0, 2, 1, 2]); }), "model");
}

/** Two hand-written neurons and a loss, in the style of lesson 06: each named tensor made by several ops. */
function neuronsTrace() {
  const x1 = np.array([0.5, -1, 2]).named("x1"), x2 = np.array([1, 0.5, -0.5]).named("x2"), y = np.array([1, 0, 1]).named("y");
  const [w1, w2, w3, w4, b1, b2, w5, w6, b3] = [0.1, -0.2, 0.3, 0.4, 0.0, 0.1, 0.5, -0.6, 0.2].map((v, k) => np.array(v).requiresGrad().named(["w1", "w2", "w3", "w4", "b1", "b2", "w5", "w6", "b3"][k]!));
  return summarizeTrace(traceOf(() => {
    const N1 = w1!.mul(x1).add(w2!.mul(x2)).add(b1!).tanh().named("N1");
    const N2 = w3!.mul(x1).add(w4!.mul(x2)).add(b2!).tanh().named("N2");
    const yhat = w5!.mul(N1).add(w6!.mul(N2)).add(b3!).named("yhat");
    yhat.sub(y).square().mean().named("L").backward();
  }), "neurons");
}

describe("the trace graph of a large cell closes its layers and long composites", () => {
  it("a small graph closes nothing", () => {
    const g = traceGraph(lessonTrace());
    expect(g.nodes.some((n) => n.kind === "group")).toBe(false);
    expect(g.clusters).toEqual([]);
  });

  it("an nn model: one closed node per layer, named after it; its weights and tensors are inside", () => {
    const t = modelTrace();
    const forwardOps = t.records.filter((r) => r.group === "iteration" && (r.phase === "forward" || r.phase === "loss") && !r.op.includes(".")).length;
    expect(forwardOps).toBeGreaterThan(GROUP_ABOVE);
    const g = traceGraph(t);
    expect(g.nodes.filter((n) => n.kind === "group").map((n) => n.label)).toEqual(["dense_1", "dense_2", "dense_3", "dense_4", "dense_5"]);
    expect(g.nodes.some((n) => n.label.startsWith("dense_"))).toBe(true);
    expect(g.nodes.filter((n) => n.kind === "tensor").map((n) => n.label).sort()).toEqual(["X", "Y", "loss/data"]);
    const svg = traceGraphSvg(t, 0);
    expect(svg).toMatch(/data-group="dense_1\/" tabindex="0" role="button" aria-expanded="false" aria-label="dense_1 \(3 ops\), open this group"/);
    // the current step (dense_1's first op) is shown on its closed layer
    expect(svg).toMatch(/class="graph-node group current" data-group="dense_1\/"/);
  });

  it("opening a layer shows its ops and tensors in a frame whose label closes it; the others stay closed", () => {
    const t = modelTrace();
    const g = traceGraph(t, 0, new Set(["dense_2/"]));
    expect(g.nodes.filter((n) => n.kind === "group").map((n) => n.label)).toEqual(["dense_1", "dense_3", "dense_4", "dense_5"]);
    const inside = g.nodes.filter((n) => n.kind === "tensor").map((n) => n.label);
    for (const name of ["dense_2/W", "dense_2/b", "dense_2/Z", "dense_2/A"]) expect(inside).toContain(name);
    expect(g.clusters.map((c) => c.label)).toEqual(["dense_2"]);
    const c = g.clusters[0]!;
    for (const n of g.nodes.filter((n) => n.label.startsWith("dense_2/"))) {
      expect(Math.abs(n.x - c.x) <= c.width / 2 && Math.abs(n.y - c.y) <= c.height / 2, `${n.label} inside the frame`).toBe(true);
    }
    expect(traceGraphSvg(t, 0, new Set(["dense_2/"]))).toContain('data-group="dense_2/" tabindex="0" role="button" aria-expanded="true" aria-label="dense_2, close this group"');
  });

  it("hand-written neurons: each named tensor made by 3 or more ops closes into one node named after it", () => {
    const t = neuronsTrace();
    const g = traceGraph(t);
    expect(g.nodes.filter((n) => n.kind === "group").map((n) => `${n.label}: ${n.detail}`)).toEqual(["N1: (5 ops, makes N1)", "N2: (5 ops, makes N2)", "yhat: (4 ops, makes yhat)", "L: (4 ops, makes L)"]);
    // inputs stay outside, joined to the neurons they feed
    const id = (label: string) => g.nodes.find((n) => n.label === label)!.id;
    expect(g.edges.some((e) => e.from === id("w1") && e.to === id("N1"))).toBe(true);
    expect(g.edges.some((e) => e.from === id("N1") && e.to === id("yhat"))).toBe(true);
    // a backward step whose gradient flows into a closed neuron highlights it
    const back = t.records.findIndex((r) => r.phase === "backward" && r.name === "dN1");
    if (back >= 0) expect(traceGraphSvg(t, back)).toMatch(/class="graph-node group current" data-group="N1"/);
  });

  it("in the step-through, a click or Enter on a closed group opens it and keeps the focus; its frame's label closes it", async () => {
    const trace = modelTrace();
    const el = document.createElement("sb-trace-view") as HTMLElement & { updateComplete: Promise<unknown> };
    Object.assign(el, { cellId: "model", trace, index: 0 });
    document.body.append(el);
    await el.updateComplete;
    const asked: number[] = [];
    el.addEventListener("sb-step", (e) => asked.push((e as CustomEvent).detail.index));
    const group = (key: string) => el.querySelector(`[data-group="${key}"]`)!;
    group("dense_2/").dispatchEvent(new MouseEvent("click", { bubbles: true }));
    await el.updateComplete;
    expect(group("dense_2/").getAttribute("aria-expanded")).toBe("true");
    expect(el.querySelectorAll(".graph-node[aria-label^='dense_2/W']").length).toBe(1);
    group("dense_1/").dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    await el.updateComplete;
    await el.updateComplete;
    expect(group("dense_1/").getAttribute("aria-expanded")).toBe("true");
    expect(document.activeElement?.getAttribute("data-group")).toBe("dense_1/");
    group("dense_2/").dispatchEvent(new MouseEvent("click", { bubbles: true }));
    await el.updateComplete;
    expect(group("dense_2/").getAttribute("aria-expanded")).toBe("false");
    expect(asked).toEqual([]); // opening and closing is not a step
    el.remove();
  });
});

/** Lesson 16's shape: an autoencoder of two nested Sequentials, encoder (2 layers) and decoder (2 layers). */
function nestedTrace() {
  np.random.seed(0);
  const encoder = nn.Sequential([nn.Dense(4, { activation: "tanh", inputShape: [6], seed: 1 }), nn.Dense(2, { seed: 2 })], { name: "encoder" });
  const decoder = nn.Sequential([nn.Dense(4, { activation: "tanh", inputShape: [2], seed: 3 }), nn.Dense(6, { activation: "sigmoid", seed: 4 })], { name: "decoder" });
  nn.Sequential([encoder, decoder]);
  const X = np.random.rand(3, 6).named("batch");
  return summarizeTrace(traceOf(() => {
    const code = encoder.apply(X, { training: true }).named("code");
    decoder.apply(code, { training: true }).sub(X).square().mean().named("L").backward();
  }), "one-step");
}

describe("nested groups open one level at a time", () => {
  const labelsOf = (g: ReturnType<typeof traceGraph>, kind: "group" | "tensor") => g.nodes.filter((n) => n.kind === kind).map((n) => n.label).sort();

  it("closed, a nested model shows its two parts; opening one shows its layers closed, each openable", () => {
    const t = nestedTrace();
    const top = traceGraph(t);
    expect(labelsOf(top, "group")).toEqual(["L", "decoder", "encoder"]); // L: the loss's composite
    expect(top.nodes.find((n) => n.label === "encoder")!.detail).toMatch(/^\(\d+ ops, 2 layers\)$/);
    expect(top.clusters).toEqual([]);

    const enc = traceGraph(t, 0, new Set(["encoder/"]));
    expect(enc.nodes.filter((n) => n.kind === "group").map((n) => n.group).sort()).toEqual(["L", "decoder/", "encoder/dense_1/", "encoder/dense_2/"]);
    expect(enc.clusters.map((c) => c.group)).toEqual(["encoder/"]);
    expect(labelsOf(enc, "tensor")).not.toContain("encoder/dense_1/W");
    // the closed layers sit inside the encoder's frame
    const frame = enc.clusters[0]!;
    for (const n of enc.nodes.filter((n) => n.group?.startsWith("encoder/"))) {
      expect(Math.abs(n.x - frame.x) <= frame.width / 2 && Math.abs(n.y - frame.y) <= frame.height / 2, `${n.label} inside encoder`).toBe(true);
    }

    const layer = traceGraph(t, 0, new Set(["encoder/", "encoder/dense_1/"]));
    expect(labelsOf(layer, "group")).toEqual(["L", "decoder", "dense_2"]);
    for (const name of ["encoder/dense_1/W", "encoder/dense_1/b", "encoder/dense_1/A"]) expect(labelsOf(layer, "tensor")).toContain(name);
    expect(layer.clusters.map((c) => c.group)).toEqual(["encoder/", "encoder/dense_1/"]);
    const [outer, inner] = layer.clusters;
    expect(inner!.x - inner!.width / 2 >= outer!.x - outer!.width / 2 && inner!.x + inner!.width / 2 <= outer!.x + outer!.width / 2).toBe(true);

    // a layer opened while its model is closed stays hidden inside it
    expect(labelsOf(traceGraph(t, 0, new Set(["encoder/dense_1/"])), "group")).toEqual(["L", "decoder", "encoder"]);
  });

  it("in the step-through, opening the encoder and then its first layer, each by a click", async () => {
    const trace = nestedTrace();
    const el = document.createElement("sb-trace-view") as HTMLElement & { updateComplete: Promise<unknown> };
    Object.assign(el, { cellId: "one-step", trace, index: 0 });
    document.body.append(el);
    await el.updateComplete;
    const group = (key: string) => el.querySelector(`[data-group="${key}"]`);
    expect(group("encoder/dense_1/")).toBeNull();
    group("encoder/")!.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    await el.updateComplete;
    expect(group("encoder/")!.getAttribute("aria-expanded")).toBe("true");
    expect(group("encoder/dense_1/")!.getAttribute("aria-expanded")).toBe("false");
    group("encoder/dense_1/")!.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    await el.updateComplete;
    expect(group("encoder/dense_1/")!.getAttribute("aria-expanded")).toBe("true");
    expect(el.querySelectorAll(".graph-node[aria-label^='encoder/dense_1/W']").length).toBe(1);
    el.remove();
  });
});
