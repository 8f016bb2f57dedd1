// Where a step ran, when it is inside a function another cell defines (lesson 18's #conv-backward calls
// conv1d from the cell above: 32 of its 44 steps are conv1d's line 4). The step-through said "line 4" and
// highlighted line 4 of the traced cell (`const dy = ...`); it now names the cell (its number, as its Run button says it,
// linked to the cell on the exported page) and highlights the line in that cell.
import { describe, expect, it } from "vitest";
import "../../ui/components/sb-trace-view.ts";
import { stepHtml } from "../../ui/export/trace-html.ts";
import { TracePlayer, type TraceSource } from "../../ui/app/trace-player.ts";
import type { StepSummary, TraceSummary } from "../../kernel/protocol/values.ts";

const step = (over: Partial<StepSummary>): StepSummary => ({
  step: 0, group: "iteration", iteration: 0, epoch: 0, batch: null, phase: "forward", op: "mul", latex: "x \\odot w", rule: "",
  shapes: { inputs: [[4], []], output: [4] }, inputs: [1, 2], output: 3, name: null, inputNames: ["x", "w"], inputLabels: ["x", "w"],
  cell: "conv-backward", line: 5, preview: { values: [1], truncated: true, min: 0, max: 1, mean: 0.5 }, ...over,
} as StepSummary);

const trace: TraceSummary = { version: 1, cell: "conv-backward", dropped: 0, droppedEpochs: 0, epochs: 1,
  records: [step({ step: 0, cell: "conv1d", line: 4 }), step({ step: 1 })] };

async function view(index: number): Promise<HTMLElement> {
  const el = document.createElement("sb-trace-view") as HTMLElement & { updateComplete: Promise<unknown> };
  Object.assign(el, { cellId: "conv-backward", trace, index, cellNumber: (id: string) => (id === "conv1d" ? 3 : null) });
  document.body.append(el);
  await el.updateComplete;
  return el;
}

describe("a step inside another cell's function", () => {
  it("the step-through names that cell by its number; a step of the traced cell says only its line", async () => {
    expect((await view(0)).querySelector(".step-line")!.textContent).toBe("line 4 of cell 3");
    expect((await view(1)).querySelector(".step-line")!.textContent).toBe("line 5");
  });

  it("the exported page names it and links to it", () => {
    expect(stepHtml(trace.records[0]!, "conv-backward")).toContain('<span class="step-line">line 4 of <a href="#cell-conv1d">conv1d</a></span>');
    expect(stepHtml(trace.records[1]!, "conv-backward")).toContain('<span class="step-line">line 5</span>');
  });

  it("the line to highlight is in the cell the step ran in", () => {
    const host = { addController() {}, removeController() {}, requestUpdate() {}, updateComplete: Promise.resolve(true) };
    const source: TraceSource = { runtime: () => ({ cells: { "conv-backward": { trace } } }) as never, kernel: () => null, equations: () => [], cells: () => [] };
    const player = new TracePlayer(host, source);
    player.open = "conv-backward";
    player.index = 0;
    expect(player.stepLine()).toEqual({ cell: "conv1d", line: 4 });
    player.index = 1;
    expect(player.stepLine()).toEqual({ cell: "conv-backward", line: 5 });
  });
});
