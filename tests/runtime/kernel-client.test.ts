// The page's kernel client, driven against the real worker host in a Node worker thread (the browser
// test of the same, in Chromium, belongs to the UI's test suite).
import { Worker } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import { KernelClient, type WorkerLike } from "../../ui/kernel-client.ts";
import type { ExecuteOutcome } from "../../kernel/protocol/connection.ts";
import type { KernelMessage } from "../../kernel/protocol/messages.ts";
import { errorOf, resultText } from "./helpers.ts";

function nodeWorker(): WorkerLike {
  const worker = new Worker(new URL("./node-worker.mjs", import.meta.url));
  const like: WorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage: (message) => worker.postMessage(message),
    terminate: () => void worker.terminate(),
  };
  worker.on("message", (data) => like.onmessage?.({ data }));
  worker.on("error", (error) => like.onerror?.(error));
  return like;
}

let client: KernelClient | null = null;
afterEach(() => client?.dispose());
const open = (sharedInterrupt: boolean, interruptGraceMs = 400) => (client = new KernelClient({ createWorker: nodeWorker, sharedInterrupt, interruptGraceMs }));
const result = (o: ExecuteOutcome) => resultText(o);

describe("the page's kernel client", () => {
  it("runs cells in the worker and keeps their variables", async () => {
    const c = open(true);
    await c.execute("const a = np.array([1, 2, 3])", { cellId: "one" });
    const o = await c.execute("a.sum().item()", { cellId: "two" });
    expect(o.reply.status).toBe("ok");
    expect(result(o)).toBe("6");
    expect((await c.variables()).map((v) => v.name)).toEqual(["a"]);
    expect((await c.inspect({ kind: "variable", name: "a" })).value).toMatchObject({ shape: [3], data: [1, 2, 3] });
  }, 30_000);

  it("with SharedArrayBuffer, stop ends while (true) {} inside the same worker and variables survive", async () => {
    // a long grace: on a loaded machine the 400 ms fallback (replace the worker) may win, and this test is about the flag
    const c = open(true, 10_000);
    expect(c.hasSharedInterrupt).toBe(true);
    await c.execute("const kept = 41", { cellId: "one" });
    const pending = c.execute("while (true) {}", { cellId: "loop" });
    await new Promise((r) => setTimeout(r, 300));
    await c.interrupt();
    const o = await pending;
    expect(errorOf(o)?.evalue).toMatch(/^Interrupted: the cell was stopped/);
    expect(result(await c.execute("kept + 1", { cellId: "two" }))).toBe("42");
  }, 30_000);

  it("without SharedArrayBuffer, stop replaces the worker and replays the cells that succeeded", async () => {
    const c = open(false);
    expect(c.hasSharedInterrupt).toBe(false);
    await c.execute("const r = np.random.rand(3)", { cellId: "one" });
    await c.execute("throw new Error('not replayed')", { cellId: "bad" });
    const before = result(await c.execute("r", { cellId: "show" }));
    const pending = c.execute("while (true) {}", { cellId: "loop" });
    await new Promise((r) => setTimeout(r, 300));
    await c.interrupt();
    const o = await pending;
    expect(o.reply.status).toBe("error");
    expect(errorOf(o)?.evalue).toMatch(/the kernel was restarted and the 2 cells that ran before were run again/);
    expect(errorOf(o)?.position).toMatchObject({ cellId: "loop", line: 1 });
    expect(result(await c.execute("r", { cellId: "show" }))).toBe(before);
  }, 30_000);

  it("without SharedArrayBuffer, the stopped loop's place is named though its worker is gone, and no '0 cells' were run again", async () => {
    // lesson 14 on the exported site, a student's runaway loop: the dev app said "line 3" with the line
    // quoted, the export said only "the 0 cells that ran before were run again", with no place
    const c = open(false);
    const pending = c.execute("const g1 = np.array([-9, 150]);\nlet i = 0;\nwhile (true) { i++; }", { cellId: "loop" });
    // the worker starts (tsx in Node: seconds on a loaded machine), then the cell loops and says where it is
    const started = Date.now();
    while ((c as unknown as { runningAt: unknown }).runningAt === null && Date.now() - started < 25_000) await new Promise((r) => setTimeout(r, 50));
    await c.interrupt();
    const error = errorOf(await pending);
    expect(error?.evalue).toMatch(/no cell had run before it/);
    expect(error?.evalue).not.toMatch(/\b0 cells/);
    expect(error?.evalue).toMatch(/the variables this run had set are lost/);
    expect(error?.position).toMatchObject({ cellId: "loop", line: 3 });
    expect(error?.traceback.join("\n")).toContain("3 | while (true) { i++; }");
  }, 40_000);

  it("without SharedArrayBuffer, the place is the stopped loop's though a replayed cell runs long enough to say where it is", async () => {
    // lesson 9 on the exported site after Run all: the training cell ran again in the new worker, said
    // where it was as it ran (every 100 ms), and that took the place of the stopped loop's: none was named
    const c = open(false);
    await c.execute("let t = 0;\nconst until = Date.now() + 400;\nwhile (Date.now() < until) { t++; }", { cellId: "train" });
    const pending = c.execute("let k = 0;\nwhile (true) {\n  k++;\n}", { cellId: "loop" });
    const started = Date.now();
    const runningAt = () => (c as unknown as { runningAt: { cellId: string } | null }).runningAt;
    while (runningAt()?.cellId !== "loop" && Date.now() - started < 25_000) await new Promise((r) => setTimeout(r, 50));
    await c.interrupt();
    const error = errorOf(await pending);
    expect(error?.evalue).toMatch(/the cell that ran before was run again/);
    expect(error?.position).toMatchObject({ cellId: "loop", line: 2 });
    expect(error?.traceback.join("\n")).toContain("2 | while (true) {");
  }, 40_000);

  it("stop aborts the cells queued behind the running one", async () => {
    const c = open(true);
    const running = c.execute("while (true) {}", { cellId: "loop" });
    const queued = c.execute("1 + 1", { cellId: "next" });
    await new Promise((r) => setTimeout(r, 300));
    await c.interrupt();
    expect((await running).reply.status).toBe("error");
    expect((await queued).reply.status).toBe("aborted");
  }, 30_000);

  it("an error thrown later by a cell's timer shows under that cell and the kernel lives on", async () => {
    const c = open(true);
    const seen: KernelMessage[] = [];
    c.onMessage((m) => seen.push(m));
    const o = await c.execute('setTimeout(() => { throw new Error("later") }, 10);\nPromise.reject(new Error("rejected"));', { cellId: "timer" });
    await new Promise((r) => setTimeout(r, 300));
    const errors = seen.filter((m) => m.type === "error" && m.parent === o.reply.parent).map((m) => (m.type === "error" ? m.evalue : ""));
    expect(errors.sort()).toEqual(["later (uncaught, after the cell finished)", "rejected (uncaught, after the cell finished)"]);
    expect(result(await c.execute("1 + 1", { cellId: "next" }))).toBe("2");
  }, 30_000);

  it("restart gives a fresh kernel", async () => {
    const c = open(true);
    await c.execute("const gone = 1", { cellId: "one" });
    await c.restart();
    expect(result(await c.execute("typeof gone", { cellId: "two" }))).toBe("'undefined'");
  }, 30_000);
});
