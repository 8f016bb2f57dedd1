// A tensor is a JavaScript object whose own fields are id, data, shape, grad, ...: {...X}, Object.keys(X),
// Object.values(X), Object.entries(X), Object.assign(o, X) and structuredClone(X) read those fields, where a numpy user means the
// array's values or indices. A cell refuses them with what to write; JSON.stringify(X) writes numpy's X.tolist().
// Arrays, objects and text keep JavaScript's meaning.
import { describe, expect, it } from "vitest";
import { newHost, run } from "./helpers.ts";

async function withX() {
  const host = newHost();
  await run(host, "data", "const X = np.array([[1, 2], [3, 4]])\nconst o: any = { W: X }");
  return host;
}

describe("a tensor's fields", () => {
  it("{...X} is refused at the tensor, with X.tolist(), X.copy() and {X} to write", async () => {
    const host = await withX();
    const r = await run(host, "spread", "const ok = 1\nconst copy = { a: 1, ...X }");
    expect(r.error?.ename).toBe("TypeError");
    expect(r.error?.evalue).toBe("{...X} on a tensor: JavaScript copies its fields (id, data, shape, grad, ...), not numpy's values; write X.tolist() for its values as nested lists (X.flatten().tolist() for one flat list), X.copy() for a copy of the array, or {X} for an object that holds it");
    expect(r.error?.position).toMatchObject({ cellId: "spread", line: 2, column: 25 });
    expect((await run(host, "member", "({ ...o.W })")).error?.evalue).toContain("write o.W.tolist() for its values as nested lists (o.W.flatten().tolist() for one flat list), o.W.copy() for a copy of the array, or { value: o.W } for an object");
    expect((await run(host, "assign", "Object.assign({}, {b: 2}, X)")).error?.evalue).toContain("Object.assign(o, X) on a tensor: JavaScript copies its fields");
  });

  it("Object.keys(X), Object.values(X) and Object.entries(X) are refused with numpy's indices, values and enumerate to write", async () => {
    const host = await withX();
    const keys = await run(host, "keys", "\nObject.keys(X)");
    expect(keys.error?.evalue).toBe("Object.keys(X) on a tensor: JavaScript lists the names of its fields (id, data, shape, ...), not numpy's indices; write np.arange(X.shape[0]) for its row numbers, X.shape for its shape");
    expect(keys.error?.position).toMatchObject({ cellId: "keys", line: 2, column: 13 });
    expect((await run(host, "values", "Object.values(o.W)")).error?.evalue).toBe("Object.values(o.W) on a tensor: JavaScript lists its fields (an id, the data, the shape, ...), not numpy's values; write o.W.tolist() for its values as nested lists (o.W.flatten().tolist() for one flat list)");
    const entries = await run(host, "entries", "for (const [k, v] of Object.entries(X)) {}");
    expect(entries.error?.evalue).toBe("Object.entries(X) on a tensor: JavaScript lists its fields as [name, value] pairs, not numpy's rows; write for (const [i, row] of [...X].entries()) for numpy's enumerate(X), X.tolist() for its values");
    expect(entries.error?.position).toMatchObject({ line: 1, column: 37 });
    // the recipes work
    const recipes = await run(host, "ok", "const sums: number[] = []\nfor (const [i, row] of [...X].entries()) sums.push(i * 10 + row.sum().item());\n[sums, X.tolist(), X.flatten().tolist()]");
    expect(recipes.result).toBe("[[3, 17], [[1, 2], [3, 4]], [1, 2, 3, 4]]");
  });

  it("structuredClone(X) is refused (a plain object of its fields, no longer an array) with X.copy() to write; of arrays and objects it is JavaScript's", async () => {
    const host = await withX();
    const r = await run(host, "clone", "const ok = 1\nconst W2 = structuredClone(o.W)");
    expect(r.error?.evalue).toBe("structuredClone(o.W) on a tensor: JavaScript copies its fields into a plain object, which is no longer an array (no methods, no shape checks); write o.W.copy() for numpy's o.W.copy() (copy.deepcopy)");
    expect(r.error?.position).toMatchObject({ cellId: "clone", line: 2, column: "const W2 = structuredClone(".length + 1 });
    const ok = await run(host, "ok", "const c = X.copy(), a = { k: [1, 2] }, b = structuredClone(a);\nb.k.push(3);\n[c.add(1).tolist(), c === X, a.k, b.k]");
    expect(ok.result).toBe("[[[2, 3], [4, 5]], false, [1, 2], [1, 2, 3]]");
  });

  it("JSON.stringify(X) writes numpy's X.tolist(): nested lists, true/false for a mask, null for NaN (JSON has none), also inside an object", async () => {
    const host = await withX();
    expect((await run(host, "json", "JSON.stringify(X)")).result).toBe("'[[1,2],[3,4]]'");
    const nested = await run(host, "nested", "JSON.stringify({ W: o.W, mask: X.greater(2), bad: np.array([NaN, 1]), s: np.array(5) })");
    expect(nested.result).toBe(`'{"W":[[1,2],[3,4]],"mask":[[false,false],[true,true]],"bad":[null,1],"s":5}'`);
  });

  it("on arrays, objects and text they are JavaScript's", async () => {
    const host = newHost();
    const code = "const a = [1, 2], p: any = { k: [3], f: 1 }\nconst out = [{ ...a }, { ...p, f: 2 }, { ...'ab' }, Object.keys(p), Object.values(p), Object.entries(a), Object.assign({}, p, null, a)];\nJSON.stringify([out, a, p])";
    expect((await run(host, "js", code)).result).toBe(`'[[{"0":1,"1":2},{"k":[3],"f":2},{"0":"a","1":"b"},["k","f"],[[3],1],[["0",1],["1",2]],{"0":1,"1":2,"k":[3],"f":1}],[1,2],{"k":[3],"f":1}]'`);
  });
});
