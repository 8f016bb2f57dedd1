// Hostile case #15.4: a kernel that always comes back (the page's session and client against the real
// worker host in a Node worker thread, and the kernel itself). Expected behaviour beside each case.
import { Worker } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import { NodeKernelHost } from "../../kernel/host/node.ts";
import type { KernelMessage } from "../../kernel/protocol/messages.ts";
import { KernelSession } from "../../ui/app/kernel-session.ts";
import type { CodeCell } from "../../ui/document/index.ts";
import { KernelClient, type KernelClientOptions, type WorkerLike } from "../../ui/kernel-client.ts";
import { refuseClose } from "../../kernel/host/worker-host.ts";

function nodeWorker(): WorkerLike {
  const worker = new Worker(new URL("../runtime/node-worker.mjs", import.meta.url));
  const like: WorkerLike = { onmessage: null, onerror: null, postMessage: (m) => worker.postMessage(m), terminate: () => void worker.terminate() };
  worker.on("message", (data) => like.onmessage?.({ data }));
  worker.on("error", (error) => like.onerror?.(error));
  return like;
}

const cell = (id: string, source: string): CodeCell => ({ type: "code", id, source, metadata: {}, options: {}, outputs: [], executionCount: null });

function session(cells: CodeCell[], options: KernelClientOptions = {}) {
  const s = new KernelSession({ addController: () => undefined, requestUpdate: () => undefined, removeController: () => undefined, updateComplete: Promise.resolve(true) }, {
    createKernel: () => new KernelClient({ createWorker: nodeWorker, sharedInterrupt: true, interruptGraceMs: 10_000, ...options }),
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

describe("a dead or silent worker is detected (heartbeat)", () => {
  const fast = { heartbeatMs: 50, unresponsiveMs: 400, stalledMs: 2000 };

  // Expected: a leftover timer that spins for ever wedges the worker with no cell running: the heartbeat
  // finds it dead within about a second, the kernel shows "dead" (the page's banner offers Restart), no
  // cell stays at [*], and Restart gives a working kernel.
  it("a wedged worker (a timer's endless loop) is found dead, and Restart brings the kernel back", async () => {
    const s = (open = session([cell("wedge", "setTimeout(() => { while (true) {} }, 20);"), cell("after", "const y = 2; y")], fast));
    expect(await s.run("wedge")).toBe(true);
    await until(() => s.runtime.kernel === "dead", "kernel dead");
    expect(Object.values(s.runtime.cells).every((c) => c.status === "idle")).toBe(true);
    // running a cell on the dead kernel does not hang either: it ends at once, the kernel still "dead"
    expect(await s.run("after")).toBe(false);
    expect(s.runtime.cells.after!.status).toBe("idle");
    await s.restart();
    expect(await s.run("after")).toBe(true);
    expect(s.runtime.kernel).toBe("idle");
  }, 60_000);

  // Expected: a worker that ended in the middle of a cell (here process.exit in the Node stand-in, as
  // self.close() or running out of memory would in a browser) leaves the "busy" slot set but its checks
  // stop counting: found dead after `stalledMs`, the cell is no longer at [*].
  it("a worker that ended during a cell is found dead", async () => {
    const s = (open = session([cell("exit", "process.exit(0)")], fast));
    void s.run("exit");
    await until(() => s.runtime.kernel === "dead", "kernel dead");
    expect(s.runtime.cells.exit!.status).toBe("idle");
  }, 60_000);

  // Expected: a cell in a long synchronous loop cannot answer pings, but it is busy, not dead: with the
  // shared buffer (its checks keep counting) and without it (a request is in flight), it runs to its end.
  it.each([true, false])("a long synchronous cell is busy, not dead (shared buffer: %s)", async (sharedInterrupt) => {
    const s = (open = session([cell("long", "const t0 = Date.now(); let i = 0; while (Date.now() - t0 < 3000) i++; 'done'")], { ...fast, sharedInterrupt }));
    expect(await s.run("long")).toBe(true);
    expect(s.runtime.kernel).toBe("idle");
  }, 60_000);
});

describe("what a cell can break in its own worker", () => {
  // Expected: self.close() in a cell throws in the cell (the kernel would go silent otherwise), also
  // through the prototype, and the refusal cannot be undone.
  it("refuses self.close()", () => {
    let closed = false;
    class Scope { close() { closed = true; } }
    const scope = new Scope();
    refuseClose(scope);
    expect(() => scope.close()).toThrow(/self\.close\(\) would stop the kernel/);
    expect(() => Scope.prototype.close.call(scope)).toThrow(/not allowed in a cell/);
    expect(() => Object.defineProperty(Scope.prototype, "close", { value: () => { closed = true; } })).toThrow(TypeError);
    expect(closed).toBe(false);
  });

  const clobber = [
    "Array.prototype.push = () => { throw new Error('no push'); };",
    "JSON.stringify = () => '{}';",
    "Function.prototype.call = null;",
    "Array.prototype[Symbol.iterator] = function* () {};",
    "Object.prototype.then = (resolve) => resolve(0);",
    "Map.prototype.get = () => undefined;",
  ].join("\n");

  // Expected: builtins a cell replaces are put back when the cell ends (its output says which), so the
  // next cell compiles and runs and its outputs reach the page.
  it("a clobbered Array.prototype.push, JSON.stringify, Function.prototype.call ... are put back", async () => {
    const host = new NodeKernelHost();
    const first = await host.execute(clobber, { cellId: "clobber" });
    expect(first.reply.status).toBe("ok");
    const note = first.messages.filter((m) => m.type === "stream").map((m) => (m as { text: string }).text).join("");
    expect(note).toMatch(/changed .* and 2 more builtins, which the kernel needs: put back/);
    for (const name of ["Array.prototype.push", "JSON.stringify", "Function.prototype.call", "Array.prototype[Symbol.iterator]"]) expect(note).toContain(name);
    const next = await host.execute("const a: number[] = []; a.push(1, 2); console.log(JSON.stringify([...a])); a.length", { cellId: "next" });
    expect(next.reply.status).toBe("ok");
    expect(next.messages.some((m) => m.type === "stream" && m.text === "[1,2]\n")).toBe(true);
    expect(({} as { then?: unknown }).then).toBeUndefined();
    host.dispose();
  });

  // Expected: the same through the page's client and the worker, also while the clobbering cell still
  // awaits: the kernel answers a variables request meanwhile, and the next cell runs.
  it("the worker's protocol keeps working while a cell that clobbered builtins awaits", async () => {
    const client = new KernelClient({ createWorker: nodeWorker, sharedInterrupt: true });
    try {
      const running = client.execute(`${clobber}\n(globalThis as any).postMessage = null;\nawait new Promise((r) => setTimeout(r, 500));`, { cellId: "clobber" });
      await new Promise((r) => setTimeout(r, 200));
      expect(Array.isArray(await client.variables())).toBe(true);
      const ran = await running;
      expect(ran.messages.filter((m) => m.type === "error")).toEqual([]);
      expect(ran.reply.status).toBe("ok");
      const next = await client.execute("const b = [3]; b.push(4); JSON.stringify(b)", { cellId: "next" });
      expect(next.reply.status).toBe("ok");
      expect(next.messages.find((m) => m.type === "execute_result")).toMatchObject({ data: { "text/plain": "'[3,4]'" } });
    } finally {
      client.dispose();
    }
  }, 60_000);

  // Expected: Stop with no cell running reaches a timer a cell left spinning (with the shared buffer):
  // the timer's loop ends with an InterruptError, the timers are cleared, the variables are kept, and the
  // kernel runs the next cell; no restart, nothing found dead.
  it("Stop ends a leftover timer that spins, keeping the variables", async () => {
    const client = new KernelClient({ createWorker: nodeWorker, sharedInterrupt: true, heartbeatMs: 0 });
    try {
      expect((await client.execute("const kept = 7; setInterval(() => { while (true) {} }, 50);", { cellId: "spin" })).reply.status).toBe("ok");
      await new Promise((r) => setTimeout(r, 300));
      await client.interrupt();
      const next = await client.execute("kept * 6", { cellId: "next" });
      expect(next.messages.find((m) => m.type === "execute_result")).toMatchObject({ data: { "text/plain": "42" } });
      // and the interval stays off: the worker still answers a moment later
      await new Promise((r) => setTimeout(r, 300));
      expect((await client.variables()).map((v) => v.name)).toEqual(["kept"]);
    } finally {
      client.dispose();
    }
  }, 30_000);

  // Expected: Stop on a cell that does not obey (no shared buffer here) replaces the worker and replays
  // the cells that ran before, but a setInterval loop one of them started stays stopped.
  it("Stop does not bring back a stopped setInterval loop when it replays", async () => {
    const client = new KernelClient({ createWorker: nodeWorker, sharedInterrupt: false, interruptGraceMs: 300 });
    try {
      const ticks: string[] = [];
      client.onMessage((m) => { if (m.type === "stream" && m.text.includes("tick")) ticks.push(m.text); });
      expect((await client.execute("const every = 10; setInterval(() => console.log('tick'), every);", { cellId: "loop" })).reply.status).toBe("ok");
      const stuck = client.execute("while (true) {}", { cellId: "stuck" });
      await new Promise((r) => setTimeout(r, 200));
      await client.interrupt();
      expect((await stuck).reply.status).toBe("error");
      // the replay ran: the variable is back
      expect((await client.variables()).map((v) => v.name)).toContain("every");
      const after = ticks.length;
      await new Promise((r) => setTimeout(r, 400));
      expect(ticks.length).toBe(after);
    } finally {
      client.dispose();
    }
  }, 60_000);
});
