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
