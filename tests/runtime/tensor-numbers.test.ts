// Where JavaScript wants a yes/no or numbers and a cell gives it a tensor (kernel/runtime/tensor-numbers.ts).
// if (loss.less(0.01)) was always true: JavaScript counts any object as true, where numpy's bool(x) is the one
// value of a one-element array and refuses more. A cell's call used as a condition (if, while, do, for, ?:, !,
// through && and ||) counts a tensor as numpy does, and so does a name or a property holding a mask
// (const done = err.less(tol); if (done)); if (W.grad), JavaScript's "is there one" of a float tensor, and every
// condition on numbers, arrays and objects are JavaScript's. Math.max(...v) read a vector's items as
// 0-d tensors, not numbers: a 1-D tensor now gives its numbers, as numpy's max(v); a matrix's rows are refused.
import { describe, expect, it } from "vitest";
import { newHost, run } from "./helpers.ts";

async function withData() {
  const host = newHost();
  await run(host, "data", "const X = np.array([[1, -2], [3, 4]])\nconst L = np.array(0.005)");
  return host;
}

describe("a tensor as a condition", () => {
  it("a one-element tensor counts as its value, as numpy's bool(x): if, while, ?:, ! and && agree with numpy", async () => {
    const host = await withData();
    const code = [
      "const said: string[] = []",
      "if (L.less(0.01)) said.push('small')",
      "if (L.greater(0.01)) said.push('large')",
      "let n = 0",
      "while (L.greater(0.001) && n < 3) n++",
      "do { n++ } while (L.greater(1))",
      "for (let i = 0; L.less(1) && i < 2; i++) n++",
      "said.push(L.equal(0) ? 'zero' : 'not zero', String(!np.isnan(L)), String(!np.isnan(np.array(NaN))));",
      "[said, n, np.array(NaN).equal(np.array(NaN)) ? 'nan == nan' : 'nan != nan', np.array([0]).sum() ? 't' : 'f']",
    ].join("\n");
    expect((await run(host, "one", code)).result).toBe("[['small', 'not zero', 'true', 'false'], 6, 'nan != nan', 'f']");
  });

  it("a larger tensor as a condition is refused where it stands, with .any() and .all() to write (numpy: the truth value is ambiguous)", async () => {
    const host = await withData();
    const r = await run(host, "if", "let said = ''\nif (X.greater(0)) said = 'all positive'");
    expect(r.error?.ename).toBe("TypeError");
    expect(r.error?.evalue).toBe("X.greater(0) as a condition, on a tensor of shape (2, 2): JavaScript counts any object as true, so it was true whatever the values; numpy's truth value of an array with more than one element is ambiguous: write X.greater(0).any() or X.greater(0).all() for one true or false, or X.greater(0) !== undefined to ask whether there is one");
    expect(r.error?.position).toEqual({ cellId: "if", line: 2, column: "if (".length + 1 });
    const loop = await run(host, "while", "let k = 0\nwhile (k < 3 && X.abs().less(5)) k++");
    expect(loop.error?.evalue).toContain("X.abs().less(5) as a condition, on a tensor of shape (2, 2)");
    expect(loop.error?.position).toEqual({ cellId: "while", line: 2, column: "while (k < 3 && ".length + 1 });
    expect((await run(host, "not", "!X.less(0)")).error?.evalue).toContain("write X.less(0).any() or X.less(0).all()");
    expect((await run(host, "ternary", "\nconst v = X.equal(1) ? 1 : 0")).error?.position).toEqual({ cellId: "ternary", line: 2, column: "const v = ".length + 1 });
    expect((await run(host, "empty", "np.array([]).equal(1) ? 1 : 0")).error?.evalue).toContain("with no elements is ambiguous");
    // the recipes give one answer
    expect((await run(host, "ok", "[X.greater(0).any() ? 'some' : 'none', X.greater(0).all() ? 'all' : 'not all']")).result).toBe("['some', 'not all']");
  });

  it("a mask held by a name or a property counts as numpy's bool(x) too: const done = err.less(tol); if (done) follows the value, a larger mask is refused", async () => {
    const host = await withData();
    const code = "const said: string[] = []\nconst done = L.less(0.01), far = L.greater(1), o = { done, far };\nif (done) said.push('done')\nif (far) said.push('far')\nsaid.push(o.far ? 'o.far' : 'not o.far', !o?.done ? 'o.done false' : 'o.done true');\nsaid";
    expect((await run(host, "names", code)).result).toBe("['done', 'not o.far', 'o.done true']");
    const r = await run(host, "mask", "const m = X.greater(0)\nlet k = 0\nwhile (m && k < 3) k++");
    expect(r.error?.evalue).toBe("m as a condition, on a tensor of shape (2, 2): JavaScript counts any object as true, so it was true whatever the values; numpy's truth value of an array with more than one element is ambiguous: write m.any() or m.all() for one true or false, or m !== undefined to ask whether there is one");
    expect(r.error?.position).toEqual({ cellId: "mask", line: 3, column: "while (".length + 1 });
  });

  it("the left of && and || as a value decides as numpy's `and`: L.less(0.01) && acc.greater(0.9) is false when L is not; f() || fallback keeps a float tensor", async () => {
    const host = await withData();
    await run(host, "acc", "const acc = np.array(0.95), W = () => X");
    const code = "const a = L.less(0.001) && acc.greater(0.9), b = L.less(0.01) && acc.greater(0.9), c = L.greater(1) || 'no';\n[a, b, c, (W() || np.zeros([2])).shape, null && 1, 0 || 'zero']";
    expect((await run(host, "values", code)).result).toBe("[false, array(True), 'no', [2, 2], null, 'zero']");
    const r = await run(host, "mask", "const both = X.greater(0) && X.less(4)");
    expect(r.error?.evalue).toContain("X.greater(0) as a condition, on a tensor of shape (2, 2)");
    expect(r.error?.position).toEqual({ cellId: "mask", line: 1, column: "const both = ".length + 1 });
    expect((await run(host, "and", "np.logicalAnd(X.greater(0), X.less(4))")).result).toBe("array([[ True, False],\n       [ True, False]])");
  });

  it("a float tensor held by a name or a property is JavaScript's 'is there one' (if (W.grad), a gradient of 0 included); conditions on numbers, arrays, objects and functions are JavaScript's", async () => {
    const host = await withData();
    await run(host, "w", "const W = np.array([1, 2]).requiresGrad()\nW.mul(2).sum().backward()");
    const code = [
      "const seen: unknown[] = []",
      "if (W.grad) seen.push('has grad')",
      "const zero = np.array(0)",
      "if (zero) seen.push('zero there')",
      "const f = (v: any) => v, m = new Map([[1, 0]])",
      "if (f(0)) seen.push('zero'); if (f([])) seen.push('[]'); if (f('')) seen.push('empty text'); if (f({})) seen.push('{}')",
      "seen.push(m.get(1) ? 'm1' : 'no m1', !f(null), [1, 2].includes(2) && 'includes');",
      "seen",
    ].join("\n");
    expect((await run(host, "js", code)).result).toBe("['has grad', 'zero there', '[]', '{}', 'no m1', true, 'includes']");
  });
});

describe("a tensor spread into Math's functions", () => {
  it("Math.max(...v) and Math.hypot(...v) of a vector read its numbers, as numpy's max(v) and math.hypot(*v)", async () => {
    const host = await withData();
    await run(host, "v", "const v = np.array([3, 9, -1]), mask = v.greater(0)");
    expect((await run(host, "max", "[Math.max(...v), Math.min(0.5, ...v), Math.hypot(...np.array([3, 4])), Math.max(...X.slice(1)), Math.max(...mask)]")).result).toBe("[9, -1, 5, 4, 1]");
  });

  it("Math.max(...X) of a matrix is refused where X is (its items are rows), with X.max() to write; Math.max(...L) of a 0-d array as numpy's iteration", async () => {
    const host = await withData();
    const r = await run(host, "m", "const ok = 1\nconst top = Math.max(...X)");
    expect(r.error?.evalue).toBe("Math.max(...X) on a tensor of shape (2, 2): its items are rows, not numbers (numpy's max(X) refuses them too); write X.max().item() for its largest number (np.max(X)), X.max({axis: 0}) for each column's");
    expect(r.error?.position).toEqual({ cellId: "m", line: 2, column: "const top = Math.max(...".length + 1 });
    expect((await run(host, "hypot", "Math.hypot(1, ...X)")).error?.evalue).toContain("Math.hypot(..., ...X) on a tensor of shape (2, 2): its items are rows, not numbers (numpy's math.hypot(*X) refuses them too); write Math.hypot(...X.flatten().tolist()) for its numbers");
    expect((await run(host, "zero", "Math.max(...L)")).error?.evalue).toBe("iteration over a 0-d array (L), as in numpy: it has no items; write L.item() for its number");
    expect((await run(host, "ok", "[X.max().item(), X.max({axis: 0}), Math.hypot(...X.flatten().tolist())]")).result).toBe("[4, array([3., 4.]), 5.477225575051661]");
  });

  it("Math.exp(X) and Math.max(X, 1) say Math's words (np.exp, x.max()); Math on numbers, arrays, Sets and strings is JavaScript's", async () => {
    const host = await withData();
    const r = await run(host, "exp", "\nconst e = Math.exp(X)");
    expect(r.error?.evalue).toBe("Math.exp(x) on a tensor: Math's functions take numbers, and a tensor is not one; write np.exp(x) for numpy's elementwise exp, x.item() for the number in a one-element array");
    expect(r.error?.position).toMatchObject({ cellId: "exp", line: 2 });
    expect((await run(host, "max", "Math.max(L, 1)")).error?.evalue).toContain("write x.max() for its largest value, np.maximum(x, y) elementwise");
    const js = "let s = 0\nfor (let i = 0; i < 4; i++) s += Math.sqrt(i * i);\n[s, Math.max(...[1, 5], 2), Math.max(...new Set([7, 8])), Math.max(...'19'), Math.min(), Math.exp(L.item())]";
    expect((await run(host, "js", js)).result).toBe(`[6, 5, 8, 9, Infinity, ${Math.exp(0.005)}]`);
  });
});
