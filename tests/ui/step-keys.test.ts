// The step-through's keys are listed in the keyboard help (? or h). A student working by keyboard only
// (lesson 13) opened "Step through" and pressed → with nothing happening and no word of the keys in
// the help: they act with focus on the step-through's buttons or slider, and the help now says so.
import { describe, expect, it } from "vitest";
import "../../ui/components/sb-keyboard-help.ts";
import "../../ui/components/sb-trace-view.ts";
import type { StepSummary, TraceSummary } from "../../kernel/protocol/values.ts";

const step = (i: number): StepSummary => ({
  step: i, group: "iteration", iteration: 0, epoch: 0, batch: null, phase: "forward", op: "mul", latex: "x", rule: "",
  shapes: { inputs: [[2], []], output: [2] }, inputs: [1, 2], output: 3, name: null, inputNames: [], inputLabels: [],
  cell: "c", line: 1, preview: { values: [1], truncated: true, min: 0, max: 1, mean: 0.5 },
} as StepSummary);

describe("the step-through's keys", () => {
  it("the keyboard help lists ← and → for the previous and next step", async () => {
    const help = document.createElement("sb-keyboard-help") as HTMLElement & { updateComplete: Promise<unknown> };
    document.body.append(help);
    await help.updateComplete;
    const rows = [...help.querySelectorAll("tr")].map((r) => `${r.querySelector("th")?.textContent} ${r.querySelector("td")?.textContent}`);
    expect(rows).toContain("← previous step");
    expect(rows).toContain("→ next step");
    expect(help.textContent).toContain("In a step-through");
  });

  it("→ and ← on its Next button ask for the next and the previous step", async () => {
    const trace: TraceSummary = { version: 1, cell: "c", dropped: 0, droppedEpochs: 0, epochs: 1, records: [step(0), step(1), step(2)] };
    const view = document.createElement("sb-trace-view") as HTMLElement & { updateComplete: Promise<unknown> };
    Object.assign(view, { cellId: "c", trace, index: 1 });
    document.body.append(view);
    await view.updateComplete;
    const asked: number[] = [];
    view.addEventListener("sb-step", (e) => asked.push((e as CustomEvent<{ index: number }>).detail.index));
    const next = view.querySelector('button[aria-label="next step"]')!;
    for (const key of ["ArrowRight", "ArrowLeft"]) next.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true }));
    expect(asked).toEqual([2, 0]);
  });
});
