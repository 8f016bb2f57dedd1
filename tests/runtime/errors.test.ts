import { describe, expect, it } from "vitest";
import { newHost, run } from "./helpers.ts";

describe("errors point at the TypeScript the student wrote", () => {
  it("gives the cell, line and column of a runtime error, past stripped type annotations", async () => {
    const host = newHost();
    const r = await run(host, "forward", "const a: number[] = [1]\nconst b: { f?: () => number } = {}\nconst c: number = b.f!()");
    expect(r.error?.ename).toBe("TypeError");
    expect(r.error?.evalue).toBe("b.f is not a function");
    expect(r.error?.position).toEqual({ cellId: "forward", line: 3, column: "const c: number = ".length + 3 });
    expect(r.error?.traceback.join("\n")).toContain('at cell "forward", line 3');
    expect(r.error?.traceback.join("\n")).toContain("    3 | const c: number = b.f!()");
  });

  it("gives the right column on a line below a template literal (sucrase's map carried the column over)", async () => {
    const host = newHost();
    const r = await run(host, "tpl", "const x = np.arange(3);\nconsole.log(`x is ${x}`);\nprint(x)");
    expect(r.error?.evalue).toBe("print is not defined (Python's print: write console.log(x), or display(x) for an array's table)");
    expect(r.error?.position).toEqual({ cellId: "tpl", line: 3, column: 1 });
  });

  it("passes np's shape errors through with both shapes", async () => {
    const host = newHost();
    const r = await run(host, "c1", "const X = np.ones([300, 3])\nconst W = np.ones([2, 16])\nconst Z = X.matmul(W)");
    expect(r.error?.evalue).toContain("matmul: shapes (300, 3) and (2, 16) are not aligned");
    expect(r.error?.position?.line).toBe(3);
  });

  it("an error inside a function from an earlier cell points at that cell, and the call site follows", async () => {
    const host = newHost();
    await run(host, "defs", "function fail(n: number): number {\n  throw new Error(`bad ${n}`)\n}");
    const r = await run(host, "use", "const k = 1\nfail(k)");
    expect(r.error?.evalue).toBe("bad 1");
    expect(r.error?.position).toMatchObject({ cellId: "defs", line: 2 });
    expect(r.error?.traceback.join("\n")).toContain('called from cell "use", line 2');
  });

  it("keeps the output printed before the error", async () => {
    const host = newHost();
    const r = await run(host, "a", 'console.log("before")\nthrow new Error("boom")');
    expect(r.text).toBe("before\n");
    expect(r.error?.evalue).toBe("boom");
    expect(r.messages.findIndex((m) => m.type === "stream")).toBeLessThan(r.messages.findIndex((m) => m.type === "error"));
  });

  it("a syntax error names the line of the TypeScript and the cell does not run", async () => {
    const host = newHost();
    const r = await run(host, "s", 'console.log("never")\nconst x: number = (1 +;\n');
    expect(r.error?.ename).toBe("SyntaxError");
    expect(r.error?.position).toMatchObject({ cellId: "s", line: 2 });
    expect(r.text).toBe("");
  });

  it("deep recursion ends with a clear message and the kernel keeps working", async () => {
    const host = newHost();
    await run(host, "a", "const kept = 5");
    const r = await run(host, "b", "function down(n: number): number { return down(n + 1) + 1 }\ndown(0)");
    expect(r.error?.ename).toBe("RangeError");
    expect(r.error?.evalue).toMatch(/call stack.*called itself too many times/);
    expect((await run(host, "c", "kept")).result).toBe("5");
  });

  it("a huge allocation ends with a clear message", async () => {
    const host = newHost();
    const r = await run(host, "a", "const big = new Float64Array(2 ** 40)");
    expect(r.error?.ename).toBe("RangeError");
    expect(r.error?.evalue).toMatch(/more memory than the kernel can allocate/);
    const arr = await run(host, "b", "const a = new Array(-1)");
    expect(arr.error?.evalue).toMatch(/Invalid array length.*more memory/);
  });

  it("throwing a non-Error value is reported as it is", async () => {
    const host = newHost();
    const r = await run(host, "a", 'throw "just a string"');
    expect(r.error?.evalue).toBe("Uncaught 'just a string'");
  });
});
