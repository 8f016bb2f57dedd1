// A traced step whose output is a mask (dropout's rand(...) < keep, lesson 13's r <= delta) reads as numpy
// shows a mask: True/False in the graph's value preview, "k of n True" in the exported step list, never
// min 0 · max 1 · mean 0.58.
import { describe, expect, it } from "vitest";
import { np } from "../../kernel/np.ts";
import { traceOf } from "../../kernel/trace/active.ts";
import { summarizeTrace } from "../../kernel/runtime/trace-summary.ts";
import { stepHtml } from "../../ui/export/trace-html.ts";
import { traceGraphSvg } from "../../ui/components/trace-graph-svg.ts";

describe("a mask in a trace", () => {
  const x = np.array([[1, -2, 3], [-4, 5, 0.5]]).requiresGrad().named("x");
  const summary = summarizeTrace(traceOf(() => x.mul(x.greater(0).named("mask")).sum().named("L").backward()), "c");
  const mask = summary.records.find((s) => s.name === "mask")!;

  it("carries its dtype in the preview, and a float tensor does not", () => {
    expect(mask.preview.dtype).toBe("bool");
    expect(summary.records.find((s) => s.name === "L")!.preview.dtype).toBeUndefined();
  });

  it("the exported step list counts its Trues", () => {
    const html = stepHtml(mask);
    expect(html).toContain("4 of 6 True");
    expect(html).not.toContain("mean");
  });

  it("the graph previews its values as True and False", () => {
    const alone = summarizeTrace(traceOf(() => x.greater(0).named("mask")), "c");
    expect(traceGraphSvg(alone, 0, new Set())).toContain("(2, 3) [True, False, …]");
  });
});
