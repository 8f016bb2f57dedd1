// A backward step's shape line, live and exported: its inputs are the gradient from above and the
// forward op's inputs, so it must not read as the op applied to all three ("() / () / () -> ()",
// "(6, 1)(6, 5)(5, 1) -> (6, 5)": a student stepping through lesson 11 reads a product of three matrices).
import { describe, expect, it } from "vitest";
import { shapeLine as lineOf } from "../../ui/components/step-shapes.ts";
import { stepHtml } from "../../ui/export/trace-html.ts";
import type { StepSummary } from "../../kernel/protocol/values.ts";

/** the line with ordinary spaces (inside a shape they are no-break spaces: see the last test) */
const shapeLine = (step: Parameters<typeof lineOf>[0]) => lineOf(step).replace(/\u00a0/g, " ");
const backward = (op: string, inputs: number[][], output: number[]) => ({ op: `${op}.backward`, shapes: { inputs, output } });

describe("a step's shapes", () => {
  it("a forward step: the inputs joined as the op joins them, then the output", () => {
    expect(shapeLine({ op: "matmul", shapes: { inputs: [[6, 5], [5, 1]], output: [6, 1] } })).toBe("(6, 5)(5, 1) -> (6, 1)");
    expect(shapeLine({ op: "sum", shapes: { inputs: [[15, 1]], output: [] } })).toBe("sum((15, 1)) -> ()");
  });

  it("a backward step: the forward op's shapes, then the gradient's, from the output's shape to the input's", () => {
    // lesson 11's dA1dropped = dout W2ᵀ: upstream (6, 1), forward inputs (6, 5) and (5, 1)
    expect(shapeLine(backward("matmul", [[6, 1], [6, 5], [5, 1]], [6, 5]))).toBe("(6, 5)(5, 1) -> (6, 1); gradient (6, 1) -> (6, 5)");
    expect(shapeLine(backward("div", [[], [], []], []))).toBe("() / () -> (); gradient () -> ()");
    expect(shapeLine(backward("sum", [[], [15, 1]], [15, 1]))).toBe("sum((15, 1)) -> (); gradient () -> (15, 1)");
    expect(shapeLine(backward("add", [[15, 1], [15, 1], [1, 1]], [1, 1]))).toBe("(15, 1) + (1, 1) -> (15, 1); gradient (15, 1) -> (1, 1)");
    expect(shapeLine(backward("tanh", [[6, 5], [6, 5]], [6, 5]))).toBe("tanh((6, 5)) -> (6, 5); gradient (6, 5) -> (6, 5)");
  });

  it("the exported page writes the same line", () => {
    const step = { step: 3, group: "iteration", iteration: 0, epoch: 0, batch: null, phase: "backward", latex: "", rule: "",
      inputs: [0, 1, 2], output: 3, name: "dW2", inputNames: [], inputLabels: [], cell: "c", line: 2,
      preview: { values: [1], truncated: true, min: 0, max: 1, mean: 0.5 }, ...backward("matmul", [[6, 1], [6, 5], [5, 1]], [5, 1]) };
    expect(stepHtml(step as unknown as StepSummary).replace(/\u00a0/g, " ")).toContain('<span class="step-shapes">(6, 5)(5, 1) -&gt; (6, 1); gradient (6, 1) -&gt; (5, 1)</span>');
  });

  it("a phone wraps the line between shapes, never inside one: a shape's spaces are no-break spaces", () => {
    const line = lineOf(backward("add", [[15, 1], [15, 1], [1, 1]], [1, 1]));
    expect(line).toBe("(15,\u00a01) + (1,\u00a01) -> (15,\u00a01); gradient (15,\u00a01) -> (1,\u00a01)");
    for (const shape of line.match(/\([^)]*\)/g)!) expect(shape).not.toMatch(/ /);
  });
});
