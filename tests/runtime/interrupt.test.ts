import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { newHost, run } from "./helpers.ts";

describe("interrupting a runaway cell in Node", () => {
  it("while (true) {} stops at the time limit with a clear message and earlier variables survive", async () => {
    const host = newHost();
    await run(host, "a", "const W = np.ones([2, 2])\nlet steps = 0");
    const r = await run(host, "b", "while (true) { steps++ }", 200);
    expect(r.error?.ename).toBe("InterruptError");
    expect(r.error?.evalue).toMatch(/time limit of 200 ms/);
    expect(r.error?.position).toMatchObject({ cellId: "b", line: 1 });
    const after = await run(host, "c", "[W.shape, steps > 0]");
    expect(after.result).toBe("[[2, 2], true]");
  });

  it("a catch in the cell cannot swallow the interrupt", async () => {
    const host = newHost();
    const r = await run(host, "a", "for (;;) { try { while (true) {} } catch (e) { /* keep going */ } }", 150);
    expect(r.error?.ename).toBe("InterruptError");
  });

  it("vm's watchdog stops code with no loop guard in it (a long call into the kernel)", async () => {
    const host = newHost({ builtins: { spin: () => { for (;;) { /* not rewritten, so no guard */ } } } });
    const r = await run(host, "a", "spin()", 100);
    expect(r.error?.ename).toBe("InterruptError");
    expect(r.error?.evalue).toMatch(/time limit of 100 ms/);
    expect((await run(host, "b", "1 + 1")).result).toBe("2");
  });

  it("interrupt() stops a cell that is waiting between awaits", async () => {
    const host = newHost();
    const pending = run(host, "a", "let ticks = 0\nwhile (true) { ticks++; await new Promise((r) => setTimeout(r, 5)) }");
    await new Promise((r) => setTimeout(r, 50));
    await host.interrupt();
    const r = await pending;
    expect(r.error?.ename).toBe("InterruptError");
    expect(r.error?.evalue).toMatch(/the cell was stopped/);
    expect((await run(host, "b", "ticks > 0")).result).toBe("true");
  });

  it("interrupt() stops a cell awaiting a promise that never settles", async () => {
    const host = newHost();
    const pending = run(host, "a", "await new Promise(() => {})");
    await new Promise((r) => setTimeout(r, 20));
    await host.interrupt();
    expect((await pending).error?.ename).toBe("InterruptError");
  });

  it("a time limit also ends a cell stuck on an await", async () => {
    const host = newHost();
    const r = await run(host, "a", "await new Promise(() => {})", 100);
    expect(r.error?.evalue).toMatch(/time limit of 100 ms/);
  });

  it("a SharedArrayBuffer flag set from another thread stops a busy loop that has no time limit", async () => {
    const host = newHost();
    const flag = new Int32Array(new SharedArrayBuffer(4));
    host.kernel.guard.useSharedFlag(flag);
    const setter = new Worker("const { workerData } = require('node:worker_threads'); setTimeout(() => Atomics.store(new Int32Array(workerData), 0, 1), 100)", { eval: true, workerData: flag.buffer });
    const r = await run(host, "a", "let i = 0\nwhile (true) { i++ }");
    await setter.terminate();
    expect(r.error?.ename).toBe("InterruptError");
    expect(r.error?.evalue).toMatch(/the cell was stopped/);
    await host.interrupt(); // what the page does next: clears the flag
    expect(Atomics.load(flag, 0)).toBe(0);
    expect((await run(host, "b", "i > 0")).result).toBe("true");
  });
});
