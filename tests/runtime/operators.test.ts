// JavaScript's + and == on a tensor would silently turn it into text or compare which object it is,
// where numpy adds and compares elementwise: a cell refuses them with what to write, and leaves every
// other use of + and == as JavaScript has it (numbers, text, a tensor in a message, x == null).
import { describe, expect, it } from "vitest";
import { newHost, run } from "./helpers.ts";

describe("+ and == on tensors", () => {
  it("x + 1, 1 + x, x + y and (x) + 1 are refused at their line, with what to write", async () => {
    const host = newHost();
    await run(host, "data", "const x = np.array([1, 2]), y = np.array([3, 4])");
    for (const code of ["\nx + 1", "1 + x", "const s = x + y", "(x /* a comment */) + 1", "const f = (a: any) => a + 1\nf(x)"]) {
      const r = await run(host, "c", code);
      expect(r.error?.ename, code).toBe("TypeError");
      expect(r.error?.evalue, code).toContain("write x.add(y)");
    }
    expect((await run(host, "c", "\nx + 1")).error?.position).toMatchObject({ line: 2 });
  });

  it("total += L with a tensor is refused (total += L.item() is meant); with numbers it adds", async () => {
    const host = newHost();
    const r = await run(host, "loop", "const L = np.array(0.5)\nlet total = 0\nfor (let i = 0; i < 2; i++) total += L");
    expect(r.error?.evalue).toContain("total += L.item()");
    expect(r.error?.position).toMatchObject({ line: 3 });
    expect((await run(host, "ok", "let t = 0\nfor (let i = 0; i < 4; i++) t += i * 2\nt")).result).toBe("12");
    expect((await run(host, "item", "let u = 0\nu += L.item()\nu")).result).toBe("0.5");
  });

  it("x == 2 and x != y are refused (x.equal(2) is numpy's x == 2); x == null is not", async () => {
    const host = newHost();
    await run(host, "data", "const x = np.array([2, 3]), y = np.array([2, 3])");
    for (const [code, method] of [["x == 2", "x.equal(y)"], ["x != y", "x.notEqual(y)"]]) {
      const r = await run(host, "c", code);
      expect(r.error?.evalue, code).toContain(method);
    }
    expect((await run(host, "null", "x == null")).result).toBe("false");
    expect((await run(host, "eq", "np.arrayEqual(x, y)")).result).toBe("true");
  });

  it("numbers, text, and a tensor in a message keep JavaScript's meaning", async () => {
    const host = newHost();
    expect((await run(host, "n", "let k = 1\nk = k+1+2\nk == 4")).result).toBe("true");
    expect((await run(host, "s", "'a' + 1 + 2")).result).toBe("'a12'");
    expect((await run(host, "t", "'loss ' + np.array(3)")).result).toBe("'loss array(3.)'");
    expect((await run(host, "s2", "let msg = 'W: '\nmsg += np.array([1])\nmsg")).result).toBe("'W: array([1.])'");
  });
});

describe("=== and += into a property on tensors", () => {
  it("x === 2 and x.sum() !== 6 are refused (always false, always true); x === y between objects and numbers is JavaScript's", async () => {
    const host = newHost();
    await run(host, "data", "const x = np.array([2, 3])");
    const same = await run(host, "eq", "x === 2");
    expect(same.error?.evalue).toContain("always false; write x.equal(y)");
    expect((await run(host, "ne", "x.sum() !== 5")).error?.evalue).toContain("always true; write x.notEqual(y)");
    expect((await run(host, "id", "x === x && x !== null && x !== undefined")).result).toBe("true");
    expect((await run(host, "n", "let k = 3\nk === 3 && 'a' !== 'b' && x.sum().item() === 5")).result).toBe("true");
  });

  it("obj.loss += L, this.total += v and arr[i] += L with a tensor are refused; with numbers and text they add as JavaScript's", async () => {
    const host = newHost();
    await run(host, "data", "const L = np.array(0.5)\nclass Acc { total = 0; add(v: any) { this.total += v; return this } }");
    for (const code of ["const h = { loss: 0 }\nh.loss += L", "new Acc().add(L)", "const a = [0]\na[0] += L"]) {
      expect((await run(host, "c", code)).error?.evalue, code).toContain("total += L.item()");
    }
    expect((await run(host, "num", "new Acc().add(1).add(2).total")).result).toBe("3");
    const sums = "let i = 0\nconst o = { s: '', n: { v: [1, 2] } }\no.s += L\no . n /* c */ .v[(i)] += 5\no.n.v[i++] += L.item()\nconst p = o.n;\n(p).v[1] += 1;\n[o.s, p.v, i]";
    expect((await run(host, "ok", sums)).result).toBe("['array(0.5)', [6.5, 3], 1]");
  });
});

describe("+= into a private field or super's property, and switch on a tensor", () => {
  it("this.#total += L and super.x += L with a tensor are refused at their line; with numbers they add", async () => {
    const host = newHost();
    await run(host, "data", "const L = np.array(0.5)\nclass Acc { #t = 0; add(v: any) { this.#t += v; return this.#t } }\nclass Base { _x = 1; get x() { return this._x } set x(v: any) { this._x = v } }\nclass Sub extends Base { add(v: any) {\n  super.x += v\n  return this.x } }");
    const priv = await run(host, "priv", "const a = new Acc()\na.add(L)");
    expect(priv.error?.evalue).toContain("total += L.item()");
    expect(priv.error?.position).toMatchObject({ cellId: "data", line: 2 });
    const sup = await run(host, "sup", "new Sub().add(L)");
    expect(sup.error?.evalue).toContain("total += L.item()");
    expect(sup.error?.position).toMatchObject({ cellId: "data", line: 5 });
    expect((await run(host, "num", "[new Acc().add(2), new Sub().add(2), new Acc().add('s')]")).result).toBe("[2, 3, '0s']");
  });

  it("switch (L) is refused (=== to each case, only default would run), with switch (L.item()) to write; switch on a number is JavaScript's", async () => {
    const host = newHost();
    await run(host, "data", "const L = np.array(1)");
    const r = await run(host, "sw", "let said = ''\nswitch (L) { case 1: said = 'one'; break; default: said = 'other' }");
    expect(r.error?.evalue).toBe("switch (L) on a tensor: switch compares with ===, which a tensor never is to a number or text, so only default would run; write switch (L.item()) for the number in a one-element array");
    expect(r.error?.position).toMatchObject({ cellId: "sw", line: 2 });
    expect((await run(host, "ok", "let s = ''\nswitch (L.item()) { case 1: s = 'one' }\nswitch (true) { case L.item() > 0: s += '+' }\ns")).result).toBe("'one+'");
  });
});

describe("== and === between tensors in a condition", () => {
  it("if (X == Y) and while (x != 0) are refused where the comparison is, with x.equal(y) and np.arrayEqual to write; X === Y of two tensors stays JavaScript's identity (numpy's X is Y)", async () => {
    const host = newHost();
    await run(host, "data", "const X = np.array([1, 2]), Y = np.array([1, 2]), same = X");
    const r = await run(host, "if", "let said = 'no'\nif (X == Y) said = 'yes'");
    expect(r.error?.evalue).toBe("x == y on a tensor: JavaScript's == asks whether they are the same object, not numpy's elementwise comparison; write x.equal(y) for an array of true/false, np.arrayEqual(x, y) for one answer, x.item() == y for the number in a one-element array, or === to ask whether they are one object");
    expect(r.error?.position).toEqual({ cellId: "if", line: 2, column: "if (".length + 1 });
    const loop = await run(host, "while", "let n = 0\nwhile (X.sum() != 0 && n < 5) n++");
    expect(loop.error?.evalue).toContain("x != y on a tensor");
    expect(loop.error?.position).toEqual({ cellId: "while", line: 2, column: "while (".length + 1 });
    expect((await run(host, "three", "if (X.sum() === 3) 'three'")).error?.evalue).toContain("x === 2 on a tensor: a tensor is never JavaScript's === to a number or text, so it is always false");
    // identity of two tensors is a question JavaScript code asks (is this the same parameter?): not refused
    expect((await run(host, "id", "[X === Y, X === same, X !== Y, np.arrayEqual(X, Y)]")).result).toBe("[false, true, true, true]");
    // numbers, text and arrays in conditions are JavaScript's
    expect((await run(host, "js", "const a = [1], b = a, k = 2;\n[k == 2 ? 'two' : 'not', a === b, a == (b as any), 'x' != 'y', null == undefined]")).result).toBe("['two', true, true, true, true]");
  });
});

describe("a numpy tuple in parentheses", () => {
  it("np.zeros((3, 2)) is refused where the tuple is (JavaScript's comma gave np.zeros(2)); (0, f)() and a loop's i++, j++ are JavaScript's", async () => {
    const host = newHost();
    const r = await run(host, "z", "const n = 3\nconst Z = np.zeros((n, 2))");
    expect(r.error?.evalue).toBe("(n, 2) is JavaScript's comma operator, which gives its last value (2), not numpy's tuple: write [n, 2] for a shape or a list");
    expect(r.error?.position).toEqual({ cellId: "z", line: 2, column: "const Z = np.zeros((".length + 1 });
    expect((await run(host, "r", "np.ones([2, 3]).reshape((-1, 1))")).error?.evalue).toContain("write [-1, 1]");
    expect((await run(host, "f", "function f() { return 1 }\n(0, f)()")).result).toBe("1");
    expect((await run(host, "loop", "let j = 0\nfor (let i = 0; i < 3; i++, j++);\nj")).result).toBe("3");
  });
});

describe("a shape compared with a list", () => {
  it("X.shape == [2, 3] and [2, 3] !== X.shape are refused with np.arrayEqual to write (a new array is no other)", async () => {
    const host = newHost();
    await run(host, "data", "const X = np.zeros([2, 3])");
    const r = await run(host, "eq", "const ok = true\nconst same = X.shape == [2, 3]");
    expect(r.error?.evalue).toBe("x == [2, 3]: JavaScript's == asks whether x is that new array, which no array is (false for X.shape, whatever its items), not numpy's comparison of items; write np.arrayEqual(x, [2, 3]) (for a shape, np.arrayEqual(X.shape, [2, 3]))");
    expect(r.error?.position).toEqual({ cellId: "eq", line: 2, column: "const same = ".length + 1 });
    expect((await run(host, "ne", "[2, 3] !== X.shape")).error?.evalue).toContain("(true for X.shape");
    expect((await run(host, "ok", "np.arrayEqual(X.shape, [2, 3]) && X.shape[1] === 3")).result).toBe("true");
  });
});

describe("where a refused operator is", () => {
  it("the column is where the expression begins, not the character before it", async () => {
    const host = newHost();
    await run(host, "data", "const x = np.array([1, 2])");
    const cases: [string, number, number][] = [
      ["const s = x.sum(); s + 1", 1, "const s = x.sum(); ".length + 1],
      ["const f = (t: any) => t + 1\nf(x)", 1, "const f = (t: any) => ".length + 1],
      ["`bad ${x + 1}`", 1, "`bad ${".length + 1],
      ["const h = { loss: 0 }\n  h.loss += x.sum()", 2, 3],
      ["const k = 3\nconst r = k +\n  x", 2, "const r = ".length + 1],
    ];
    for (const [code, line, column] of cases) {
      expect((await run(host, "c", code)).error?.position, code).toEqual({ cellId: "c", line, column });
    }
  });
});

describe("numpy's X[0, 1]", () => {
  it("is refused with X.slice(0, 1) to write (JavaScript read it as X[1])", async () => {
    const host = newHost();
    await run(host, "data", "const X = np.array([[1, 2], [3, 4]])\nconst i = 0");
    const r = await run(host, "ix", "const v = X[i, 1]");
    expect(r.error?.evalue).toBe("X[i, 1] is X[1] in JavaScript (its comma operator gives the last value): write X.slice(i, 1) for numpy's X[i, 1]");
    expect(r.error?.position).toEqual({ cellId: "ix", line: 1, column: "const v = X[".length + 1 });
    expect((await run(host, "ok", "X.slice(i, 1)")).result).toBe("array(2.)");
  });
});
