// check() of a yes/no answer: lesson 15's exercise checks `deeperAtLeast95` against true, and a wrong
// answer read "deeperAtLeast95 is too low by 1; tolerance 1e-06" (a boolean compared as the number 1).
import { describe, expect, it } from "vitest";
import { compare } from "../../kernel/display/check.ts";

describe("check of a boolean", () => {
  it("says false, expected true; and a right one passes without a 'largest difference'", () => {
    expect(compare("deeperAtLeast95", false, true, 1e-6)).toMatchObject({ pass: false, message: "deeperAtLeast95 is false, expected true", expected: "true" });
    expect(compare("atLeast95", true, true, 1e-6)).toEqual({ name: "atLeast95", pass: true, message: "atLeast95 is true, as expected" });
    expect(compare("flag", true, false, 1e-6).message).toBe("flag is true, expected false");
  });

  it("a number against a boolean is still compared as numbers (numpy's True == 1)", () => {
    expect(compare("n", 1, true, 1e-6).pass).toBe(true);
    expect(compare("n", 0.5, true, 1e-6).message).toBe("n is too low by 0.5; tolerance 1e-06");
  });
});
