// numpy reads an array by rows (X[0], len(X), for row in X); JavaScript read a tensor's X[0] and X.length as
// undefined, X[0] = v as a new property, and could not iterate it. A cell refuses the first three with what
// to write, iterates rows as numpy does, and leaves arrays, text, typed arrays and objects as JavaScript has them.
import { describe, expect, it } from "vitest";
import type { TraceMessage } from "../../kernel/protocol/messages.ts";
import { newHost, run } from "./helpers.ts";

const traceOf = (messages: { type: string }[]) => (messages.find((m) => m.type === "trace") as TraceMessage | undefined)?.trace;

async function withX() {
  const host = newHost();
  await run(host, "data", "const X = np.array([[1, 2], [3, 4], [5, 6]])\nconst i = 1");
  return host;
}

describe("X[0] on a tensor", () => {
  it("X[0], X[i] and X[-1] are refused at their line with X.slice(k) to write (JavaScript read undefined)", async () => {
    const host = await withX();
    const r = await run(host, "c", "const ok = 1\nconst row = X[0]");
    expect(r.error?.ename).toBe("TypeError");
    expect(r.error?.evalue).toBe(`X[0] on a tensor: JavaScript reads a property named "0" (undefined), not numpy's row 0; write X.slice(0) for numpy's X[0], or X.get(0, j) for one number of a matrix (X.get(0) of a vector)`);
    expect(r.error?.position).toMatchObject({ cellId: "c", line: 2 });
    expect((await run(host, "i", "X[i]")).error?.evalue).toContain("write X.slice(1) for numpy's X[1]");
    expect((await run(host, "neg", "X[-1]")).error?.evalue).toContain("write X.slice(-1) for numpy's X[-1]");
    const inFunction = await run(host, "f", "const first = (m: any) => m[0]\n\nfirst(X.T)");
    expect(inFunction.error?.evalue).toContain("m[0] on a tensor");
    expect(inFunction.error?.position).toMatchObject({ line: 1 });
    expect((await run(host, "obj", "const o = { W: X };\n[o.W.shape[0], o.W[0]]")).error?.evalue).toContain("write o.W.slice(0)");
    expect((await run(host, "ok", "X.slice(-1)")).result).toBe("array([5., 6.])");
  });

  it("X[0] = v, X[0] += v, X[0] -= v and X[0]++ are refused: the kernel has no assignment into part of a tensor, np.where makes a new one", async () => {
    const host = await withX();
    const r = await run(host, "w", "const v = np.array([0, 0])\nX[0] = v");
    expect(r.error?.evalue).toContain(`X[0] = v on a tensor: JavaScript would set a property named "0" and leave the values alone`);
    expect(r.error?.evalue).toContain("X = np.where(mask, v, X)");
    expect(r.error?.position).toMatchObject({ cellId: "w", line: 2 });
    expect((await run(host, "add", "X[i] += 1")).error?.evalue).toContain("X[1] = v on a tensor");
    expect((await run(host, "sub", "X[0] -= 1")).error?.evalue).toContain("X[0] = v on a tensor");
    expect((await run(host, "inc", "const W = X\nW[-1]++")).error?.evalue).toContain("W[-1] = v on a tensor");
    // the message's recipe works, and X was never changed by the refused writes
    const where = await run(host, "where", "np.where(np.arange(X.shape[0]).equal(0).reshape([-1, 1]), np.array([0, 0]), X)");
    expect(where.result).toBe("array([[0., 0.],\n       [3., 4.],\n       [5., 6.]])");
    expect((await run(host, "keys", "Object.hasOwn(X, '0')")).result).toBe("false");
  });

  it("a?.b[0], X?.[0], obj?.W[0] and f?.()[0] are refused as X[0] is, where the chain reaches a tensor; a null before the ?. still gives undefined", async () => {
    const host = await withX();
    await run(host, "objs", "const a: any = { b: X }, none: any = null, f = () => X");
    const r = await run(host, "opt", "const ok = 1\nconst v = a?.b[0]");
    expect(r.error?.evalue).toBe(`a.b[0] on a tensor: JavaScript reads a property named "0" (undefined), not numpy's row 0; write a.b.slice(0) for numpy's a.b[0], or a.b.get(0, j) for one number of a matrix (a.b.get(0) of a vector)`);
    expect(r.error?.position).toMatchObject({ cellId: "opt", line: 2, column: 15 });
    const self = await run(host, "self", "X?.[1]");
    expect(self.error?.evalue).toContain("write X.slice(1) for numpy's X[1]");
    expect(self.error?.position).toMatchObject({ line: 1, column: 4 });
    expect((await run(host, "two", "a?.b?.[i]")).error?.evalue).toContain("write a.b.slice(1) for numpy's a.b[1]");
    expect((await run(host, "call", "f?.()[-1]")).error?.evalue).toContain("write X.slice(-1) for numpy's X[-1]");
    expect((await run(host, "len", "\na?.b.length")).error?.position).toMatchObject({ line: 2 });
    expect((await run(host, "after", "X?.[0][1]")).error?.evalue).toContain("write X.slice(0)");
    // the short-circuit is JavaScript's: nothing is read past a null, and X itself is never evaluated twice
    const code = "let reads = 0\nconst g = () => (reads++, null as any);\n[none?.b[0], none?.b[0]?.c[1], g()?.W[0], none?.[0][1], reads]";
    expect((await run(host, "null", code)).result).toBe("[undefined, undefined, undefined, undefined, 1]");
  });

  it("optional chains on arrays and objects read as JavaScript's, a missing link's error included", async () => {
    const host = newHost();
    const code = "const o: any = { b: [[5, 6]], f: () => [7], s: 'xy' }, none: any = null;\n[o?.b[0], o?.b[0]?.[1], o?.b[0][1], o?.f?.()[0], o?.s.length, none?.f?.()[0], o?.b?.[0].length]";
    expect((await run(host, "js", code)).result).toBe("[[5, 6], 6, 6, 7, 2, undefined, 2]");
    const missing = await run(host, "missing", "const e: any = {}\ne?.b[0]");
    expect(missing.error?.evalue).toBe("Cannot read properties of undefined (reading '0')");
    expect(missing.error?.position).toMatchObject({ line: 2 });
  });

  it("delete X[0] is refused (JavaScript gave true and removed nothing) with a new array without the row to write; delete on arrays and objects is JavaScript's", async () => {
    const host = await withX();
    const r = await run(host, "del", "const ok = 1\ndelete X[0]");
    expect(r.error?.evalue).toBe(`delete X[0] on a tensor: JavaScript deletes a property named "0" (there is none: it gives true and leaves the values alone), not numpy's row 0. An array's rows cannot be removed in place (numpy's del X[0] is refused too): make a new array without it, X.slice(np.arange(X.shape[0]).notEqual(0)) (numpy's np.delete(X, 0, axis=0))`);
    expect(r.error?.position).toMatchObject({ cellId: "del", line: 2, column: 8 });
    expect((await run(host, "last", "delete X?.[-1]")).error?.evalue).toContain("X.slice(np.arange(X.shape[0]).notEqual(X.shape[0] - 1))");
    // the recipes give numpy's np.delete(X, 0, axis=0) and np.delete(X, -1, axis=0)
    expect((await run(host, "recipe", "X.slice(np.arange(X.shape[0]).notEqual(0))")).result).toBe("array([[3., 4.],\n       [5., 6.]])");
    expect((await run(host, "recipe2", "X.slice(np.arange(X.shape[0]).notEqual(X.shape[0] - 1))")).result).toBe("array([[1., 2.],\n       [3., 4.]])");
    const js = await run(host, "js", "const a = [1, 2, 3], o: any = { 0: 'z', k: 1 }\nconst gone = [delete a[0], delete o[0], delete o.k, delete X.name];\n[gone, a[0], a.length, Object.keys(o), X.name]");
    expect(js.result).toBe("[[true, true, true, true], undefined, 3, [], undefined]");
  });

  it("arrays, text, typed arrays, objects and a tensor's own properties by name read and write as JavaScript's", async () => {
    const host = await withX();
    const code = [
      "const a = [1, 2, 3], f = new Float64Array([5, 6]), o: any = { 0: 'zero', k: [7] }, key = 'shape'",
      "let s = 0",
      "for (let j = 0; j < a.length; j++) s += a[j]",
      "a[0] = 9; a[i]++; a[2] -= 1; f[1] *= 2; o[0] += '!'; o.k[0] = 8",
      "let [p, q] = [1, 2];",
      "[p, q] = [q, p];",
      "const m: any = null;",
      "JSON.stringify([s, a, f[1], 'abc'[1], o[0], o.k, X[key], X['size'], p, m?.[0], m?.k[0], a?.[0], delete o[0]])",
    ].join("\n");
    expect((await run(host, "js", code)).result).toBe(`'[6,[9,3,2],12,"b","zero!",[8],[3,2],6,2,null,null,9,true]'`);
  });
});

describe("X.length on a tensor", () => {
  it("is refused with numpy's len(X), X.shape[0], to write; an array's, a text's and a function's length are JavaScript's", async () => {
    const host = await withX();
    const r = await run(host, "len", "let n = 0\nfor (let j = 0; j < X.length; j++) n++");
    expect(r.error?.evalue).toBe("X.length on a tensor: JavaScript reads undefined; numpy's len(X) is X.shape[0] (X.size counts every element)");
    expect(r.error?.position).toMatchObject({ cellId: "len", line: 2 });
    const js = await run(host, "js", "const a = [1, 2, 3]\nconst lens = [a.length, 'abcd'.length, ((x: number, y: number) => x).length, X.shape.length]\na.length = 1;\n[lens, a]");
    expect(js.result).toBe("[[3, 4, 2, 2], [1]]");
  });

  it("library code that reads .length still gets a tensor as it always did: display, plots and check", async () => {
    const host = await withX();
    const r = await run(host, "lib", "display(X)\ndisplay(plot.histogram(X.flatten(), {bins: 3}))\nX.flatten()");
    expect(r.error).toBeUndefined();
    expect(r.text).toContain("array([[1., 2.],");
    expect(r.result).toBe("array([1., 2., 3., 4., 5., 6.])");
  });
});

describe("k in X on a tensor", () => {
  it("2 in X is refused with X.equal(2).any() to write (numpy's membership; JavaScript's property test said false); in on names, arrays and objects is JavaScript's", async () => {
    const host = await withX();
    const r = await run(host, "in", "const k = 2\nconst found = k in X");
    expect(r.error?.evalue).toBe("2 in X on a tensor: JavaScript asks whether X has a property named \"2\" (false), not numpy's `2 in X`, whether some value equals 2; write X.equal(2).any() for numpy's 2 in X");
    expect(r.error?.position).toMatchObject({ cellId: "in", line: 2, column: 17 });
    expect((await run(host, "recipe", "[X.equal(2).any(), X.equal(7).any()]")).result).toBe("[true, false]");
    const js = await run(host, "js", "class C { #p = 1; static has(o: any) { return #p in o } }\n['shape' in X, 'grad' in X, 1 in [5, 6], 2 in [5, 6], 'a' in { a: 1 }, C.has(new C()), C.has(X)]");
    expect(js.result).toBe("[true, true, true, false, true, true, false]");
  });
});

describe("iterating a tensor", () => {
  it("for (const row of X) walks the rows as numpy's `for row in X`; each row is X.slice(i), traced on the loop's line, with gradients", async () => {
    const host = await withX();
    await run(host, "w", "const w = np.array([1, -1]).requiresGrad()");
    const r = await run(host, "loop", "let total = np.array(0)\nfor (const row of X) {\n  total = total.add(row.mul(w).sum())\n}\ntotal.backward();\n[total.item(), w.grad]");
    expect(r.result).toBe("[-3, array([ 9., 12.])]");
    const gathers = traceOf(r.messages)!.records.filter((s) => s.op === "gather");
    expect(gathers.map((s) => [s.outputLabel, s.line, s.shapes.output])).toEqual([["X[0]", 2, [2]], ["X[1]", 2, [2]], ["X[2]", 2, [2]]]);
    expect(traceOf(r.messages)!.records.filter((s) => s.op === "mul").map((s) => s.line)).toEqual([3, 3, 3]);
  });

  it("[...X], Array.from(X), const [a, b] = X and for (const [x, y] of X) give rows and their items, as numpy's unpacking", async () => {
    const host = await withX();
    expect((await run(host, "spread", "[...X].map((r) => r.sum().item())")).result).toBe("[3, 7, 11]");
    expect((await run(host, "from", "Array.from(X).length")).result).toBe("3");
    expect((await run(host, "unpack", "const [r0, r1] = X\nr1")).result).toBe("array([3., 4.])");
    expect((await run(host, "pairs", "const xy: number[] = []\nfor (const [x, y] of X) xy.push(x.item() * y.item())\nxy")).result).toBe("[2, 12, 30]");
    // a row's number used as a number is refused with what to write, as any tensor's
    expect((await run(host, "num", "let t = 0\nfor (const v of X.slice(0)) t += v")).error?.evalue).toContain("total += L.item()");
    expect((await run(host, "max", "Math.max(...[...X.slice(0)])")).error?.evalue).toContain("Math.max(x) on a tensor: Math's functions take numbers");
  });

  it("for (const row in X), Python's `for row in X` with JavaScript's `in`, is refused (property names); for-in over an object or array is JavaScript's", async () => {
    const host = await withX();
    const r = await run(host, "in", "const rows: unknown[] = []\nfor (const row in X) rows.push(row)");
    expect(r.error?.evalue).toBe("for (... in X) on a tensor: JavaScript's for-in walks an object's property names (id, data, shape, ...), not numpy's rows; write for (const row of X) for numpy's `for row in X`");
    expect(r.error?.position).toMatchObject({ cellId: "in", line: 2 });
    expect((await run(host, "js", "const ks: string[] = []\nfor (const k in { a: 1, b: 2 }) ks.push(k)\nfor (const k in [7]) ks.push(k)\nks")).result).toBe("['a', 'b', '0']");
  });

  it("a 0-d array is refused as in numpy; arrays, text, Maps, Sets and generators iterate as JavaScript's", async () => {
    const host = await withX();
    const r = await run(host, "zero", "const L = np.array(3)\nfor (const v of L) {}");
    expect(r.error?.evalue).toBe("iteration over a 0-d array (L), as in numpy: it has no rows; write L.item() for its number");
    expect(r.error?.position).toMatchObject({ line: 2 });
    const code = "function* g() { yield 1; yield 2 }\nconst out: unknown[] = []\nfor (const c of 'ab') out.push(c)\nfor (const [k, v] of new Map([[1, 2]])) out.push(k + v)\nfor (const x of new Set([4])) out.push(x);\n[...out, ...g(), ...[5], Array.from({ length: 2 }, (_, k) => k)]";
    expect((await run(host, "js", code)).result).toBe("['a', 'b', 3, 4, 1, 2, 5, [0, 1]]");
  });
});
