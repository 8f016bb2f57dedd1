// Hostile case #15.4: a kernel that always comes back (the page's session and client against the real
// worker host in a Node worker thread, and the kernel itself). Expected behaviour beside each case.
import { Worker } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import { NodeKernelHost } from "../../kernel/host/node.ts";
import type { KernelMessage } from "../../kernel/protocol/messages.ts";
import { KernelSession } from "../../ui/app/kernel-session.ts";
import type { CodeCell } from "../../ui/document/index.ts";
import { KernelClient, type WorkerLike } from "../../ui/kernel-client.ts";

function nodeWorker(): WorkerLike {
  const worker = new Worker(new URL("../runtime/node-worker.mjs", import.meta.url));
  const like: WorkerLike = { onmessage: null, onerror: null, postMessage: (m) => worker.postMessage(m), terminate: () => void worker.terminate() };
  worker.on("message", (data) => like.onmessage?.({ data }));
  worker.on("error", (error) => like.onerror?.(error));
  return like;
}

const cell = (id: string, source: string): CodeCell => ({ type: "code", id, source, metadata: {}, options: {}, outputs: [], executionCount: null });

function session(cells: CodeCell[]) {
  const s = new KernelSession({ addController: () => undefined, requestUpdate: () => undefined, removeController: () => undefined, updateComplete: Promise.resolve(true) }, {
    createKernel: () => new KernelClient({ createWorker: nodeWorker, sharedInterrupt: true, interruptGraceMs: 10_000 }),
    doc: () => null, codeCells: () => cells, concealed: () => false, reference: () => undefined, ran: () => undefined, variablesChanged: () => undefined, widgets: () => ({}),
  });
  s.start();
  return s;
}

let open: KernelSession | null = null;
afterEach(() => { open?.hostDisconnected(); open = null; });
const errorOf = (s: KernelSession, id: string) => s.runtime.cells[id]!.outputs.find((o) => o.kind === "error") as { ename: string; evalue: string } | undefined;
const statuses = (s: KernelSession) => Object.fromEntries(Object.entries(s.runtime.cells).map(([id, c]) => [id, c.status]));
const until = async (ok: () => boolean, what: string) => {
  for (let i = 0; i < 600 && !ok(); i++) await new Promise((r) => setTimeout(r, 50));
  if (!ok()) throw new Error(`never: ${what}`);
};

describe("the page's session never leaves a cell at [*]", () => {
  // Expected: Stop while Run all is in the first cell: that cell is interrupted, the queued ones go back
  // to idle (no [*]), and the kernel is idle, not "busy".
  it("Stop during Run all", async () => {
    const s = (open = session([cell("a", "while (true) {}"), cell("b", "1"), cell("c", "2")]));
    const all = s.runAll();
    await until(() => s.runtime.cells.a?.status === "running", "cell a running");
    await s.stop();
    await all;
    await until(() => Object.values(s.runtime.cells).every((c) => c.status === "idle") && s.runtime.kernel === "idle", "all idle");
    expect(statuses(s)).toEqual({ a: "idle", b: "idle", c: "idle" });
    expect(errorOf(s, "a")?.ename).toBe("InterruptError");
    expect(s.runtime.cells.c!.executionCount).toBe(null);
  }, 60_000);

  // Expected: Run all stops at the failing cell (as Jupyter): the cells after it never run, and none is stuck.
  it("an error mid-run stops Run all there", async () => {
    const s = (open = session([cell("a", "const x = 1;"), cell("b", 'throw new Error("bad")'), cell("c", "const ran = true;")]));
    await s.runAll();
    await until(() => Object.values(s.runtime.cells).every((c) => c.status === "idle"), "all idle");
    expect(statuses(s)).toEqual({ a: "idle", b: "idle", c: "idle" });
    expect(errorOf(s, "b")?.evalue).toBe("bad");
    expect(s.runtime.cells.c!.executionCount).toBe(null);
    expect((await s.kernel!.variables()).map((v) => v.name)).toEqual(["x"]);
  }, 60_000);
});

describe("the kernel", () => {
  // Expected: Stop clears the timers cells started: a setInterval loop writes nothing afterwards.
  it("clears a cell's timers on Stop and on Restart", async () => {
    for (const action of ["interrupt", "restart"] as const) {
      const host = new NodeKernelHost();
      const ticks: KernelMessage[] = [];
      host.onMessage((m) => { if (m.type === "stream") ticks.push(m); });
      await host.execute("setInterval(() => console.log('tick'), 1); setTimeout(() => console.log('late'), 300); await new Promise((r) => setTimeout(r, 20));", { cellId: "timer" });
      expect(ticks.length).toBeGreaterThan(0);
      host.kernel[action]();
      const after = ticks.length;
      await new Promise((r) => setTimeout(r, 400));
      expect(ticks.length, action).toBe(after);
      host.dispose();
    }
  });

  // Expected: a hostile thrown value is still reported as the cell's error, and the kernel goes on.
  it.each([
    ["a Proxy whose traps throw", "throw new Proxy({}, { get() { throw 1 }, getPrototypeOf() { throw 1 }, has() { throw 1 }, ownKeys() { throw 1 } })"],
    ["an Error whose getters throw", 'const e = new Error("x"); Object.defineProperty(e, "message", { get() { throw 1 } }); Object.defineProperty(e, "stack", { get() { throw 1 } }); throw e'],
  ])("reports %s", async (_, code) => {
    const host = new NodeKernelHost();
    const { reply, messages } = await host.execute(code, { cellId: "hostile" });
    expect(reply.status).toBe("error");
    expect(messages.some((m) => m.type === "error")).toBe(true);
    const next = await host.execute("1 + 1", { cellId: "next" });
    expect(next.reply.status).toBe("ok");
    host.dispose();
  });

  // Expected: a 50 MB result or display is cut in the kernel before it is posted, saying how long it was.
  it.each(['"x".repeat(5e7)', 'display("y".repeat(5e7))', 'md`${"w".repeat(5e7)}`'])("%s is truncated before it is posted", async (code) => {
    const host = new NodeKernelHost();
    const { messages } = await host.execute(code, { cellId: "big" });
    const out = messages.find((m) => m.type === "execute_result" || m.type === "display_data");
    const size = JSON.stringify(out).length;
    expect(size).toBeLessThan(2_100_000);
    expect(JSON.stringify(out)).toContain("[output truncated: 50 MB in all, the first 1 MB shown]");
    host.dispose();
  });
});
