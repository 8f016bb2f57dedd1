import { describe, expect, it } from "vitest";
import { appendOutput, initialRuntime, transition, type RuntimeEvent, type RuntimeState } from "../../ui/app/state.ts";

const run = (events: RuntimeEvent[], from: RuntimeState = initialRuntime()) => events.reduce(transition, from);
const reply = (parent: string, cellId: string, defines: string[] = [], uses: string[] = [], status: "ok" | "error" = "ok"): RuntimeEvent =>
  ({ type: "execute_reply", parent, cellId, status, executionCount: 1, defines, uses });

describe("transition", () => {
  it("a queued cell runs when its request turns the kernel busy, and is idle after its reply", () => {
    let s = run([{ type: "ui/queued", cellId: "a", source: "1" }]);
    expect(s.cells.a!.status).toBe("queued");
    s = run([{ type: "ui/bound", requestId: "r1", cellId: "a" }, { type: "status", parent: "r1", state: "busy" }], s);
    expect(s.cells.a!.status).toBe("running");
    s = run([reply("r1", "a")], s);
    expect(s.cells.a!.status).toBe("idle");
    expect(s.requests).toEqual({});
  });

  it("streams of the same name join; a result carries its execution count", () => {
    const s = run([
      { type: "ui/queued", cellId: "a", source: "" },
      { type: "stream", parent: "r", cellId: "a", name: "stdout", text: "he" },
      { type: "stream", parent: "r", cellId: "a", name: "stdout", text: "llo\n" },
      { type: "execute_result", parent: "r", cellId: "a", executionCount: 3, data: { "text/plain": "42" }, metadata: {} },
    ]);
    expect(s.cells.a!.outputs).toEqual([{ kind: "stream", name: "stdout", text: "hello\n" }, { kind: "result", data: { "text/plain": "42" }, executionCount: 3 }]);
    expect(s.cells.a!.executionCount).toBe(3);
  });

  it("update_display_data replaces a progress bar in place", () => {
    const s = run([
      { type: "display_data", parent: "r", cellId: "a", data: { p: 1 }, metadata: {}, displayId: "d1" },
      { type: "update_display_data", parent: "r", cellId: "a", data: { p: 2 }, metadata: {}, displayId: "d1" },
    ]);
    expect(s.cells.a!.outputs).toEqual([{ kind: "display", data: { p: 2 }, displayId: "d1" }]);
  });

  it("an error marks the failing position", () => {
    const s = run([{ type: "error", parent: "r", cellId: "a", ename: "TypeError", evalue: "x", traceback: [], position: { cellId: "a", line: 2, column: 1 } }]);
    expect(s.cells.a!.error?.line).toBe(2);
  });

  it("editing a cell that ran marks it and the cells using its names stale", () => {
    let s = run([
      { type: "ui/queued", cellId: "a", source: "const X = 1" }, reply("r1", "a", ["X"]),
      { type: "ui/queued", cellId: "b", source: "X + 1" }, reply("r2", "b", [], ["X"]),
      { type: "ui/queued", cellId: "c", source: "2" }, reply("r3", "c"),
    ]);
    expect(Object.values(s.cells).some((c) => c.stale)).toBe(false);
    s = transition(s, { type: "ui/edited", cellId: "a", source: "const X = 2" });
    expect([s.cells.a!.stale, s.cells.b!.stale, s.cells.c!.stale]).toEqual([true, true, false]);
  });

  it("re-running a cell marks its dependants stale, but not ones queued to run after it", () => {
    let s = run([
      { type: "ui/queued", cellId: "a", source: "" }, reply("r1", "a", ["X"]),
      { type: "ui/queued", cellId: "b", source: "" }, reply("r2", "b", [], ["X"]),
    ]);
    s = run([{ type: "ui/queued", cellId: "a", source: "" }, reply("r3", "a", ["X"])], s);
    expect(s.cells.b!.stale).toBe(true);
    s = run([{ type: "ui/queued", cellId: "a", source: "" }, { type: "ui/queued", cellId: "b", source: "" }, reply("r4", "a", ["X"])], s);
    expect(s.cells.b!.stale).toBe(false);
  });

  it("the page applies its own rule, not the kernel's stale list; a restart leaves outputs and marks every ran cell stale", () => {
    let s = run([{ type: "ui/queued", cellId: "a", source: "" }, { type: "stream", parent: "r", cellId: "a", name: "stdout", text: "x" }, reply("r", "a")]);
    s = transition(s, { type: "stale", parent: null, cells: ["a"] });
    expect(s.cells.a!.stale).toBe(false);
    s = transition(s, { type: "ui/restarted" });
    expect(s.cells.a!.stale).toBe(true);
    expect(s.cells.a!.staleReason).toEqual({ why: "restarted" });
    expect(s.cells.a!.outputs).toHaveLength(1);
    expect(s.kernel).toBe("starting");
  });

  it("after a restart the prompt has no count until the cell runs again, and a made-up reply's 0 is no count", () => {
    let s = run([{ type: "ui/queued", cellId: "a", source: "" }, reply("r", "a")]);
    expect(s.cells.a!.executionCount).not.toBeNull();
    s = transition(s, { type: "ui/restarted" });
    expect(s.cells.a!.executionCount).toBeNull();
    // the client's reply for a cell interrupted by the restart (ui/kernel-client.ts) carries executionCount 0
    s = run([{ type: "ui/queued", cellId: "b", source: "" }, { type: "ui/bound", requestId: "rb", cellId: "b" },
      { type: "execute_reply", parent: "rb", cellId: "b", status: "error", executionCount: 0, defines: [], uses: [] }], s);
    expect(s.cells.b!.executionCount).toBeNull();
  });

  it("a redefinition below never makes a cell stale; the order is the notebook's, not the run order", () => {
    let s = run([{ type: "ui/order", cells: ["a", "b", "c"] },
      { type: "ui/queued", cellId: "a", source: "" }, reply("r1", "a", ["w5"]),
      { type: "ui/queued", cellId: "b", source: "" }, reply("r2", "b", [], ["w5"]),
      { type: "ui/queued", cellId: "c", source: "" }, reply("r3", "c", ["w5"], ["w5"])]);
    expect(Object.values(s.cells).some((c) => c.stale)).toBe(false);
    s = run([{ type: "ui/queued", cellId: "a", source: "" }, reply("r4", "a", ["w5"])], s);
    expect(s.cells.b!.staleReason).toEqual({ why: "re-ran", name: "w5", cell: "a" });
  });

  it("appendOutput keeps stdout and stderr apart", () => {
    const out = appendOutput([{ kind: "stream", name: "stdout", text: "a" }], { kind: "stream", name: "stderr", text: "b" });
    expect(out).toHaveLength(2);
  });
});
