// Lesson 18's convolution, y = y + x[k:k+m] w[k] in a loop: the step card and the edges of the graph call
// the three values y⁽⁰⁾, y⁽¹⁾ and y⁽²⁾ (then y), as the formula does, but the graph's boxes all read "y", so a
// student saw four boxes named y and could not tell which the card meant. A box now carries its version.
import { describe, expect, it } from "vitest";
import { np } from "../../kernel/np.ts";
import { traceOf } from "../../kernel/trace/active.ts";
import { summarizeTrace } from "../../kernel/runtime/trace-summary.ts";
import { traceGraph } from "../../ui/components/trace-graph.ts";
import { versionedName } from "../../ui/components/step-name.ts";

describe("a name reassigned from itself in the graph", () => {
  it("each box of y carries its version, as the step card's labels do: y⁽⁰⁾, y⁽¹⁾, y⁽²⁾, y", () => {
    const x = np.array([1, 2, -1, 0.5, 3, -2]).named("x");
    const w = np.array([0.5, -0.2, 0.3]).requiresGrad().named("w");
    const trace = summarizeTrace(traceOf(() => {
      let y = np.zeros([4]).named("y");
      for (let k = 0; k < 3; k++) y = y.add(x.slice(`${k}:${k + 4}`).mul(w.slice(k))).named("y");
      y.mul(np.array([1, -1, 0.5, 2])).sum().backward();
    }), "conv");
    const adds = trace.records.filter((r) => r.phase === "forward" && r.op === "add");
    expect(adds.map((r) => r.inputLabels[0])).toEqual(["y⁽⁰⁾", "y⁽¹⁾", "y⁽²⁾"]); // the step card's names
    const boxes = traceGraph(trace).nodes.filter((n) => n.kind === "tensor" && n.label.startsWith("y")).map((n) => n.label);
    expect(boxes).toHaveLength(4);
    expect(new Set(boxes)).toEqual(new Set(["y⁽⁰⁾", "y⁽¹⁾", "y⁽²⁾", "y"]));
  });

  it("a function's y whose last value the caller named yOut: its earlier values are yOut's versions, on the card and in the graph", () => {
    const x = np.array([1, 2, -1, 0.5, 3, -2]).named("x");
    const w = np.array([0.5, -0.2, 0.3]).requiresGrad().named("w");
    const trace = summarizeTrace(traceOf(() => {
      let y = np.zeros([4]).named("y");
      for (let k = 0; k < 3; k++) y = y.add(x.slice(`${k}:${k + 4}`).mul(w.slice(k))).named("y");
      y.named("yOut"); // the caller's const yOut = conv1d(x, w)
      y.mul(np.array([1, -1, 0.5, 2])).sum().backward();
    }), "conv");
    const adds = trace.records.filter((r) => r.phase === "forward" && r.op === "add");
    expect(adds.map((r) => r.inputLabels[0])).toEqual(["yOut⁽⁰⁾", "yOut⁽¹⁾", "yOut⁽²⁾"]);
    expect(adds.map((r) => versionedName(r.name!, r.outputLabel))).toEqual(["yOut⁽¹⁾", "yOut⁽²⁾", "yOut"]);
    const boxes = traceGraph(trace).nodes.filter((n) => n.kind === "tensor" && n.label.startsWith("y")).map((n) => n.label);
    expect(new Set(boxes)).toEqual(new Set(["yOut⁽⁰⁾", "yOut⁽¹⁾", "yOut⁽²⁾", "yOut"]));
  });
});
