// Lesson 13's regression gradients: autograd's answer is read as r.grad!.copy() after each backward pass.
// The copy's formula reads ∂L/∂r, but its label on the step card (and the graph's box) read
// "array of shape (5,)", as if it were data. A copy is called as what it copies: dr.
import { describe, expect, it } from "vitest";
import { np } from "../../../kernel/np.ts";
import { traceOf } from "../../../kernel/trace/active.ts";
import { stepRecords } from "../../../kernel/trace/steps.ts";

describe("a copy of a gradient", () => {
  it("is labelled as the gradient it copies (dr), as its formula ∂L/∂r says", () => {
    const r = np.array([-3, -0.5, 0.2, 1, 2.5]).requiresGrad().named("r");
    const records = stepRecords(traceOf(() => {
      r.square().mean().backward();
      r.grad!.copy();
    }));
    const copy = records.find((s) => s.op === "copy")!;
    expect(copy.latex).toBe("\\frac{\\partial L}{\\partial r}");
    expect(copy.inputLabels).toEqual(["dr"]);
    expect(copy.outputLabel).toBe("dr");
  });

  it("a named copy keeps its own name (dW2data = W2.grad.copy())", () => {
    const W = np.array([1, 2]).requiresGrad().named("W");
    const records = stepRecords(traceOf(() => {
      W.square().sum().named("L").backward();
      W.grad!.copy().named("dWdata");
    }));
    expect(records.find((s) => s.op === "copy")!.outputLabel).toBe("dWdata");
  });
});
