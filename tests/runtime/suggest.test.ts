// A misspelt method or name gets "did you mean ...?" (kernel/runtime/suggest.ts): the student helper
// typed Z1.tahn() and read only "Z1.tahn is not a function".
import { describe, expect, it } from "vitest";
import { newHost, run } from "./helpers.ts";
import { editDistance, nearest, suggestFor } from "../../kernel/runtime/suggest.ts";
import { describeError } from "../../kernel/runtime/errors.ts";

describe("did you mean", () => {
  it("a tensor's method, np's function, a chain's method and a variable, each at its nearest name", async () => {
    const host = newHost();
    await run(host, "a", "const Z1 = np.array([[0.5, -1]])\nconst Xtrain = np.ones([2, 2])");
    expect((await run(host, "b", "Z1.tahn()")).error?.evalue).toBe("Z1.tahn is not a function (did you mean Z1.tanh?)");
    expect((await run(host, "c", "np.lnspace(0, 1, 5)")).error?.evalue).toBe("np.lnspace is not a function (did you mean np.linspace?)");
    expect((await run(host, "d", "Xtrain.matmul(Xtrain).transpos()")).error?.evalue)
      .toBe("Xtrain.matmul(...).transpos is not a function (did you mean Xtrain.matmul(...).transpose?)");
    expect((await run(host, "e", "Xtrian.sum()")).error?.evalue).toBe("Xtrian is not defined (did you mean Xtrain?)");
  });

  it("says nothing when no name is near, or two are equally near", async () => {
    const host = newHost();
    await run(host, "a", "const Z1 = np.array([1])");
    expect((await run(host, "b", "Z1.frobnicate()")).error?.evalue).toBe("Z1.frobnicate is not a function");
    expect((await run(host, "c", "const f = 1;\n(f as any).call()")).error?.evalue).toMatch(/is not a function$/);
    expect(nearest("ab", ["ac", "ad"])).toBeNull();
  });

  it("a hint that throws (it reads the cell's values, a Proxy's traps may throw) is left out, the error kept", () => {
    const error = new TypeError("p.tahn is not a function");
    const report = describeError(error, () => undefined, { cellId: "b", source: "p.tahn()", suggest: () => { throw new Error("trap"); } });
    expect(report).toMatchObject({ ename: "TypeError", evalue: "p.tahn is not a function" });
    // (suggestFor itself lets a trap's exception through, as from a proxy whose ownKeys throws: the caller catches it)
    const p = new Proxy({}, { ownKeys() { throw new Error("trap"); } });
    expect(() => suggestFor("p.tahn is not a function", { p }, null)).toThrow("trap");
  });

  it("counts a swap of two neighbours as one edit", () => {
    expect(editDistance("tahn", "tanh")).toBe(1);
    expect(editDistance("lnspace", "linspace")).toBe(1);
    expect(editDistance("sum", "mean")).toBe(4);
  });
});
