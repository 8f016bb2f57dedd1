// np.bincount beyond the numpy fixtures (tests/fixtures/numpy/logic.json): labels stored as float64 must be
// integers, and a weight that needs a gradient is refused rather than silently losing it.
import { describe, it, expect } from "vitest";
import { np } from "../../../kernel/np.ts";

describe("np.bincount", () => {
  it("counts the examples of each class, as numpy's bincount of integer labels", () => {
    const y = np.array([2, 0, 2, 1, 2]);
    expect(Array.from(np.bincount(y).data)).toEqual([1, 1, 3]);
    expect(np.bincount(y, { minlength: 5 }).shape).toEqual([5]);
  });

  it("refuses labels that are not integers, saying which", () => {
    expect(() => np.bincount([0, 1.5])).toThrow("bincount: x must hold integers (class labels), got 1.5 at [1]");
    expect(() => np.bincount([0, NaN])).toThrow("got NaN at [1]");
  });

  it("refuses a bad minlength and weights that need a gradient", () => {
    expect(() => np.bincount([0], { minlength: -1 })).toThrow("minlength must be a non-negative integer");
    const w = np.array([0.5, 2]).requiresGrad();
    expect(() => np.bincount([0, 1], { weights: w })).toThrow("no gradient flows through bincount");
    expect(Array.from(np.bincount([1, 1], { weights: w.detach() }).data)).toEqual([0, 2.5]);
  });
});
