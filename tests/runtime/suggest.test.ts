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

describe("an Array method on a tensor", () => {
  it("X.map, X.includes, X.push and the rest say a tensor is not a JavaScript array and what numpy's way is, not a near tensor method (X.max for map)", async () => {
    const host = newHost();
    await run(host, "a", "const X = np.array([[1, 2], [3, 4]])");
    const map = await run(host, "map", "const ok = 1\nX.map((r: any) => r.sum())");
    expect(map.error?.evalue).toBe("X.map is not a function (a tensor is not a JavaScript array: [...X].map(...) walks its rows (numpy's for row in X), X.tolist().map(...) its numbers; an np op on the whole array (X.mul(2), np.exp(X), X.sum({axis: 1})) is numpy's way)");
    expect(map.error?.position).toMatchObject({ cellId: "map", line: 2, column: 3 });
    expect((await run(host, "inc", "X.includes(2)")).error?.evalue).toBe("X.includes is not a function (a tensor is not a JavaScript array: write X.equal(v).any() for numpy's v in X)");
    expect((await run(host, "push", "X.push(np.array([5, 6]))")).error?.evalue).toContain("write X = np.concatenate([X, v]) for a new one (numpy's np.append)");
    expect((await run(host, "chain", "X.flatten().indexOf(3)")).error?.evalue).toContain("(a tensor is not a JavaScript array: write np.nonzero(X.flatten(...).equal(v))");
    expect((await run(host, "np", "np.ones([2]).forEach(() => 0)")).error?.evalue).toContain("[...np.ones(...)].forEach(...) walks its rows");
    // the recipes work
    expect((await run(host, "ok", "[[...X].map((r) => r.sum().item()), X.tolist(), X.equal(2).any()]")).result).toBe("[[3, 7], [[1, 2], [3, 4]], true]");
  });

  it("on anything but a tensor, not a function keeps its own hint or none", async () => {
    const host = newHost();
    await run(host, "a", "const o: any = { mapp: () => 1 }, s: any = 'text'");
    expect((await run(host, "o", "o.map()")).error?.evalue).toBe("o.map is not a function (did you mean o.mapp?)");
    expect((await run(host, "s", "s.push(1)")).error?.evalue).toBe("s.push is not a function");
  });
});

describe("Python's builtins in a cell", () => {
  it("len(X), range(n), print(x) and True say what to write here (X.shape[0], np.arange, console.log, true), at their place", async () => {
    const host = newHost();
    await run(host, "a", "const X = np.ones([3, 2]), lens = [1]");
    const len = await run(host, "len", "const ok = 1\nconst n = len(X)");
    expect(len.error?.evalue).toBe("len is not defined (Python's len: numpy's len(X) is X.shape[0] here; a list's or a text's length is a.length)");
    expect(len.error?.position).toMatchObject({ cellId: "len", line: 2, column: "const n = ".length + 1 });
    expect((await run(host, "range", "for (const i of range(3)) {}")).error?.evalue).toBe("range is not defined (Python's range: write np.arange(n) for numpy's array, for (let i = 0; i < n; i++) for a loop over range(n))");
    expect((await run(host, "print", "print(X)")).error?.evalue).toContain("(Python's print: write console.log(x), or display(x)");
    expect((await run(host, "true", "const flag = True")).error?.evalue).toBe("True is not defined (Python's True: write true)");
    expect((await run(host, "any", "any(X.greater(0))")).error?.evalue).toBe("any is not defined (Python's any: write x.any() or np.any(x) (x.greater(0).any() for numpy's any(x > 0)))");
    expect((await run(host, "recipe", "[X.greater(0).any(), np.any(X.greater(1)), np.unique(np.array([2, 1, 2]))]")).result).toBe("[true, false, array([1., 2.])]");
    // a name of the cell's own that is near keeps its hint; a name defined is JavaScript's
    expect((await run(host, "near", "lenz")).error?.evalue).toBe("lenz is not defined (did you mean lens?)");
    expect((await run(host, "own", "const print = (x: unknown) => String(x)\nprint(1)")).result).toBe("'1'");
  });
});
