// The computation graph beside the step list: built from the trace's records (tensors, ops, gradients
// on edges in a backward step), and clicking a node asks the step-through for that node's step.
import { describe, expect, it } from "vitest";
import "../../ui/components/sb-trace-view.ts";
import { np } from "../../kernel/np.ts";
import { traceOf } from "../../kernel/trace/trace.ts";
import { summarizeTrace } from "../../kernel/runtime/trace-summary.ts";
import { traceGraph, traceGraphSvg } from "../../ui/components/trace-graph.ts";

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
    expect(el.querySelector("figure.trace-graph svg")?.getAttribute("aria-label")).toMatch(/^computation graph, iteration 1: /);
    el.remove();
  });
});
