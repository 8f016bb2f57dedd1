// One number format for the kernel and the UI (kernel/display/number-text.ts): a scalar reads as numpy's
// str(np.float64(v)) (the expected texts below are numpy 2.4's own output), a summary number keeps 4
// significant digits; the kernel's summaries and the UI's use it alike.
import { describe, expect, it } from "vitest";
import { scalarText, summaryNumber } from "../../kernel/display/number-text.ts";
import { np } from "../../kernel/np.ts";
import { summarize } from "../../kernel/runtime/variables.ts";
import { compare } from "../../kernel/display/check.ts";
import { toMimeBundle } from "../../kernel/display/bundle.ts";
import { num, scalar } from "../../ui/app/format.ts";

// python3 -c "import numpy as np; print(str(np.float64(v)))" for each v
const NUMPY: [number, string][] = [
  [2.5, "2.5"], [0.1 + 0.2, "0.30000000000000004"], [1e-5, "1e-05"], [1.5e-5, "1.5e-05"], [0.0001, "0.0001"],
  [0.00012345, "0.00012345"], [123456.789, "123456.789"], [1e16, "1e+16"], [1.5e16, "1.5e+16"], [-2.75e-7, "-2.75e-07"],
  [0.6931471805599453, "0.6931471805599453"], [1e300, "1e+300"], [-0.5, "-0.5"], [NaN, "nan"], [Infinity, "inf"], [-Infinity, "-inf"],
];

describe("scalarText: a scalar as numpy's repr of a float64", () => {
  it.each(NUMPY)("%s reads %s", (v, text) => {
    expect(scalarText(v)).toBe(text);
  });

  it("a whole number reads without .0 (JavaScript has one number type; documented difference)", () => {
    expect(scalarText(3)).toBe("3");
    expect(scalarText(-40)).toBe("-40");
    expect(scalarText(0)).toBe("0");
  });
});

describe("summaryNumber: 4 significant digits, never padded with zeros", () => {
  it.each([
    [2.5, "2.5"], [2.5004, "2.5"], [-0.67094, "-0.6709"], [0.40431, "0.4043"], [1 / 3, "0.3333"], [12345.678, "12346"],
    [1234.5, "1235"], [0.00012345, "0.0001234"], [1.23456e-5, "1.235e-05"], [1e-6, "1e-06"], [2.5e9, "2.5e+09"], [3, "3"],
    [0, "0"], [NaN, "nan"], [-Infinity, "-inf"],
  ] as [number, string][])("%s reads %s", (v, text) => {
    expect(summaryNumber(v)).toBe(text);
  });
});

describe("the kernel and the UI say numbers alike", () => {
  it("the Variables summary of a one-number tensor is its scalar text, of a number too; a bigger tensor's stats are summary numbers", () => {
    expect(summarize("b", np.array([2.5]), null).summary).toBe("2.5");
    expect(summarize("lr", 1e-5, null)).toMatchObject({ type: "number", summary: "1e-05" });
    expect(summarize("W", np.array([[0.5, 1 / 3], [2, 4]]), null).summary).toBe("min 0.3333, max 4, mean 1.708");
  });

  it("a cell's number result reads as the scalar text", () => {
    expect(toMimeBundle(0.00001)["text/plain"]).toBe("1e-05");
    expect(toMimeBundle(0.1 + 0.2)["text/plain"]).toBe("0.30000000000000004");
  });

  it("check feedback and the UI's summaries use the summary numbers", () => {
    expect(compare("w", 0.67094, 0.40431, 1e-6).message).toBe("w is too high by 0.2666; tolerance 1e-06");
    expect(num(2.5)).toBe(summaryNumber(2.5));
    expect(num("Infinity")).toBe("inf");
    expect(num("NaN")).toBe("nan");
    expect(scalar(0.1 + 0.2)).toBe("0.30000000000000004");
    expect(num("a string")).toBe("a string");
  });
});

describe("shapes read one way: numpy's tuple, and a word for a scalar's ()", () => {
  it("check feedback, the app's badges and kernel errors say () scalar", async () => {
    expect(compare("L", 1, [1, 2], 1e-6).message).toBe("L has shape () scalar, expected (2,)");
    const { shapeText } = await import("../../ui/app/format.ts");
    expect([[], [4], [300, 4]].map(shapeText)).toEqual(["() scalar", "(4,)", "(300, 4)"]);
    expect(() => np.array(2).reshape([2])).toThrow(/\(shape \(\) scalar\) into shape \(2,\)/);
  });
});

describe("the exported trace writes a step's shapes as numpy's tuples", () => {
  it("(4,) for a vector, () inside the equation of shapes", async () => {
    const { stepHtml } = await import("../../ui/export/trace-html.ts");
    const html = stepHtml({
      step: 0, group: "iteration", iteration: 0, epoch: 0, batch: null, phase: "forward", op: "mul", latex: "", rule: "c = a b",
      shapes: { inputs: [[4], []], output: [4] }, inputs: [1, 2], output: 3, name: "c", inputNames: ["a", "s"], inputLabels: ["a", "s"],
      cell: "c", line: 1, preview: { values: [1], truncated: true, min: 0.5, max: 2.5, mean: 1 / 3 },
    } as Parameters<typeof stepHtml>[0]);
    expect(html).toContain('<span class="step-shapes">(4,) ⊙ () -&gt; (4,)</span>');
    expect(html).toContain("min 0.5 · max 2.5 · mean 0.3333");
  });
});
