// Lesson 10's two paths in the computation graph: a weight no op makes, read by two ops (the product and
// the penalty). Each edge out of it carries its part of the gradient; an edge that stands for both (into
// a closed group) carries the total. (tests/e2e/student4-graph-two-paths.test.ts shows it on screen.)
import { describe, expect, it } from "vitest";
import { np } from "../../kernel/np.ts";
import { traceOf } from "../../kernel/trace/active.ts";
import { summarizeTrace } from "../../kernel/runtime/trace-summary.ts";
import { traceGraph, GROUP_ABOVE } from "../../ui/components/trace-graph.ts";
import { traceGraphSvg } from "../../ui/components/trace-graph-svg.ts";

describe("a weight that reaches the loss by two paths (lesson 10's ridge penalty)", () => {
  // J = mean((X W)²) + λ ΣW²: W feeds the product and the penalty, and no op makes it, so no edge leads
  // into it to carry dW: in the graph only db had a label, the sum the lesson is about had none
  function twoPaths(ops: number) {
    np.random.seed(0);
    const X = np.random.randn(5, 2).named("X");
    const W = np.random.randn(2, 1).requiresGrad().named("W");
    const b = np.zeros([1]).requiresGrad().named("b");
    return summarizeTrace(traceOf(() => {
      let Z = X.matmul(W).add(b);
      for (let k = 0; k < ops; k++) Z = Z.mul(1.01); // a long chain: the graph closes it into a group
      Z.square().mean().add(W.square().sum().mul(0.03)).named("J").backward();
    }), "two-paths");
  }

  it("each edge out of W carries its part of dW", () => {
    const t = twoPaths(0);
    const total = t.records.findIndex((r) => r.name === "dW" && r.totalOf !== undefined);
    expect(total).toBeGreaterThan(0);
    const labels = traceGraph(t).edges.map((e) => e.grad).filter((g) => g?.startsWith("dW"));
    expect(labels.sort()).toEqual(["dW via W ** 2", "dW via X @ W"]);
    expect(traceGraphSvg(t, total)).toContain(">dW via W ** 2</text>");
  });

  it("an edge that stands for both paths (into a closed group) carries the total, dW", () => {
    const t = twoPaths(GROUP_ABOVE);
    const g = traceGraph(t);
    expect(g.nodes.some((n) => n.kind === "group"), g.nodes.map((n) => n.label).join(", ")).toBe(true);
    expect(g.edges.filter((e) => e.grad?.startsWith("dW")).map((e) => e.grad)).toEqual(["dW"]);
  });
});
