import { describe, expect, it } from "vitest";
import { newHost, run } from "./helpers.ts";

describe("cells share one scope", () => {
  it("later cells see top-level const, let, function and class of earlier cells", async () => {
    const host = newHost();
    await run(host, "a", "const a: number = 2\nlet b = 3\nfunction twice(x: number) { return 2 * x }\nclass Box { constructor(public v: number) {} }");
    const r = await run(host, "b", "twice(a) + b + new Box(1).v");
    expect(r.reply.status).toBe("ok");
    expect(r.result).toBe("8");
  });

  it("re-running a cell redefines its names without 'already declared' errors", async () => {
    const host = newHost();
    await run(host, "a", "const x = 1\nclass K {}");
    const again = await run(host, "a", "const x = 2\nclass K { y = 1 }");
    expect(again.reply.status).toBe("ok");
    expect((await run(host, "b", "x + new K().y")).result).toBe("3");
  });

  it("functions read the current value of a top-level name, also when a later cell changes it", async () => {
    const host = newHost();
    await run(host, "a", "let count = 0\nfunction bump() { count++ }");
    await run(host, "b", "bump(); bump();");
    await run(host, "c", "count = count + 10");
    expect((await run(host, "d", "count")).result).toBe("12");
  });

  it("a function may call a function that a later cell defines", async () => {
    const host = newHost();
    await run(host, "a", "function f() { return g() + 1 }");
    await run(host, "b", "function g() { return 41 }");
    expect((await run(host, "c", "f()")).result).toBe("42");
  });

  it("destructuring at the top level defines every name", async () => {
    const host = newHost();
    await run(host, "a", "const { p, q: [r, s = 5], ...rest } = { p: 1, q: [2], t: 3 }");
    expect((await run(host, "b", "[p, r, s, rest.t]")).result).toBe("[1, 2, 5, 3]");
  });

  it("typeof an undefined name is 'undefined', reading it is a ReferenceError", async () => {
    const host = newHost();
    expect((await run(host, "a", "typeof nothingHere")).result).toBe("'undefined'");
    const r = await run(host, "b", "nothingHere + 1");
    expect(r.error?.ename).toBe("ReferenceError");
    expect(r.error?.evalue).toBe("nothingHere is not defined");
  });

  it("np, display, md, tex, check, progress and plot are in scope without imports", async () => {
    const host = newHost();
    const r = await run(host, "a", "[np.array, display, md, tex, check, progress, plot.line].every((f) => typeof f === 'function')");
    expect(r.result).toBe("true");
  });

  it("restart forgets every variable and resets the random generator", async () => {
    const host = newHost();
    const first = await run(host, "a", "const v = np.random.rand(3)\nv");
    await host.restart();
    expect((await run(host, "b", "typeof v")).result).toBe("'undefined'");
    const second = await run(host, "a", "const v = np.random.rand(3)\nv");
    expect(second.result).toBe(first.result);
  });

  it("TypeScript-only syntax runs: types, interfaces, enums, generics, `as`, non-null", async () => {
    const host = newHost();
    const r = await run(host, "a", [
      "interface Point { x: number; y: number }",
      "enum Color { Red, Green }",
      "type Pair<T> = [T, T]",
      "function first<T>(p: Pair<T>): T { return p[0] }",
      "const pt: Point = { x: 1, y: 2 }",
      "const n = (pt as Point).x! + first<number>([Color.Green, 0])",
      "n",
    ].join("\n"));
    expect(r.reply.status).toBe("ok");
    expect(r.result).toBe("2");
  });

  it("a type error does not stop the cell from running", async () => {
    const host = newHost();
    expect((await run(host, "a", 'const s: number = "text"\ns')).result).toBe("'text'");
  });
});

describe("results and console output", () => {
  it("shows the value of the last expression, and nothing when a semicolon ends it", async () => {
    const host = newHost();
    expect((await run(host, "a", "const a = 20\na + 1")).result).toBe("21");
    expect((await run(host, "b", "a + 1;")).result).toBeUndefined();
    expect((await run(host, "c", "const z = 1")).result).toBeUndefined();
  });

  it("top-level await works and the awaited value is the result", async () => {
    const host = newHost();
    const r = await run(host, "a", "const v = await new Promise<number>((r) => setTimeout(() => r(7), 5))\nv * 6");
    expect(r.result).toBe("42");
  });

  it("console.log, info, warn and error stream in the order they were called", async () => {
    const host = newHost();
    const r = await run(host, "a", 'console.log("one", 1)\nconsole.warn("two")\nconsole.info({ three: [3] })\nconsole.error("four")\ndisplay("five")\nconsole.log("six")');
    const streams = r.messages.filter((m) => m.type === "stream" || m.type === "display_data")
      .map((m) => (m.type === "stream" ? `${m.name}:${m.text}` : `display:${m.data["text/plain"]}\n`));
    expect(streams.join("")).toBe("stdout:one 1\nstderr:two\nstdout:{ three: [3] }\nstderr:four\ndisplay:'five'\nstdout:six\n");
  });

  it("console.log formats %s and %d like the browser console", async () => {
    const host = newHost();
    expect((await run(host, "a", 'console.log("%s has %d items", "list", 3.0, "extra")')).text).toBe("list has 3 items extra\n");
  });

  it("every message of an execution names its request and cell", async () => {
    const host = newHost();
    const r = await run(host, "cell-7", 'console.log("x")\n1');
    for (const m of r.messages) expect("parent" in m && m.parent).toBe(r.reply.parent);
    const outputs = r.messages.filter((m) => m.type === "stream" || m.type === "execute_result");
    for (const m of outputs) expect("cellId" in m && m.cellId).toBe("cell-7");
    expect(r.messages[0]).toMatchObject({ type: "status", state: "busy" });
    expect(r.messages.at(-1)).toMatchObject({ type: "status", state: "idle" });
  });
});
