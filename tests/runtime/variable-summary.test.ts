// The variable inspector's and the equation popover's one-line summaries: a one-number tensor (a loss)
// reads as its value; a bigger tensor as min, max and mean.
import { describe, expect, it } from "vitest";
import { np } from "../../kernel/np.ts";
import { summarize } from "../../kernel/runtime/variables.ts";

describe("summarize", () => {
  it("a scalar tensor shows its value, not min/max/mean", () => {
    expect(summarize("L", np.array(0.8125), null).summary).toBe("0.8125");
    expect(summarize("b", np.array([2.5]), null).summary).toBe("2.500");
  });

  it("a tensor of several numbers shows min, max and mean", () => {
    expect(summarize("W", np.array([[1, 2], [3, 6]]), null).summary).toBe("min 1, max 6, mean 3");
  });
});
