// The static step list of a long trace keeps the first and last epochs and says how many it left out;
// the embedded JSON keeps every step for the live step-through.
import { describe, expect, it } from "vitest";
import type { StepSummary, TraceSummary } from "../../kernel/protocol/values.ts";
import { listedSteps, MAX_LISTED_STEPS, traceHtml } from "../../ui/export/trace-html.ts";

function step(i: number, epoch: number): StepSummary {
  return {
    step: i, group: "iteration", iteration: epoch, epoch, batch: null, phase: "forward", op: "matmul", latex: "Z = X W", rule: "C = A B",
    shapes: { inputs: [[2, 3], [3, 1]], output: [2, 1] }, inputs: [1, 2], output: 3, name: "Z", inputNames: ["X", "W"], inputLabels: ["X", "W"],
    cell: "fit", line: 2, preview: { values: [1, 2], truncated: false, min: 1, max: 2, mean: 1.5 },
  };
}

describe("the static step list", () => {
  it("lists every step of a short trace", () => {
    const records = Array.from({ length: 10 }, (_, i) => step(i, 0));
    expect(listedSteps(records)).toEqual(records);
  });

  it("lists the first and last epochs of a long trace with a note between", () => {
    const records = Array.from({ length: 200 }, (_, i) => step(i, Math.floor(i / 20)));
    const listed = listedSteps(records);
    const steps = listed.filter((s): s is StepSummary => typeof s !== "string");
    expect(steps.length).toBeLessThanOrEqual(MAX_LISTED_STEPS);
    expect(new Set(steps.map((s) => s.epoch))).toEqual(new Set([0, 9]));
    expect(listed).toContain("… 160 more steps, in the live step-through");
    // past the left-out steps the list goes on at the step's own number
    const html = traceHtml({ version: 2, cell: "fit", records, dropped: 0, droppedEpochs: 0, epochs: 10 }, "fit");
    expect(html).toContain('data-step="180" value="181"');
  });

  it("embeds the whole trace as JSON with < escaped", () => {
    const trace: TraceSummary = { version: 1, cell: "fit", records: [{ ...step(0, 0), name: "</script><script>alert(1)//" }], dropped: 0, droppedEpochs: 0, epochs: 1 };
    const html = traceHtml(trace, "fit");
    const json = /<script type="application\/json"[^>]*>([^]*?)<\/script>/.exec(html)![1]!;
    expect(json).not.toContain("<");
    expect(JSON.parse(json)).toEqual(trace);
  });

  it("heads the groups as the app does: a run with one pass names that pass, a loop counts its iterations; the graph says which", () => {
    const setup = { ...step(0, 0), group: "setup" as const, iteration: null };
    const pass = [setup, step(1, 0), { ...step(2, 0), phase: "backward" as const, op: "matmul.backward" }];
    const once = traceHtml({ version: 2, cell: "fit", records: pass, dropped: 0, droppedEpochs: 0, epochs: 1 }, "fit");
    const headings = (html: string) => [...html.matchAll(/<li class="step-group">([^<]*)<\/li>/g)].map((m) => m[1]);
    expect(headings(once)).toEqual(["setup", "forward and backward pass"]);
    expect(once).toContain("<figcaption>Computation graph</figcaption>");
    const loop = traceHtml({ version: 2, cell: "fit", records: [...pass, step(3, 1)], dropped: 0, droppedEpochs: 0, epochs: 2 }, "fit");
    expect(headings(loop)).toEqual(["setup", "iteration 1", "iteration 2"]);
    expect(loop).toContain("<figcaption>Computation graph of iteration 1</figcaption>");
    // the list numbers each step as the step-through does, not its headings: step 2 is the second record
    expect([...loop.matchAll(/<li class="step [^"]*" data-step="(\d+)" value="(\d+)"/g)].map((m) => `${m[1]}:${m[2]}`)).toEqual(["0:1", "1:2", "2:3", "3:4"]);
  });
});
