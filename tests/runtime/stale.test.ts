import { describe, expect, it } from "vitest";
import { CellGraph } from "../../kernel/runtime/stale.ts";
import { runStale } from "../../kernel/protocol/connection.ts";
import { newHost, run } from "./helpers.ts";

describe("stale cells", () => {
  it("re-running a cell marks the cells that use its names stale, transitively", async () => {
    const host = newHost();
    await run(host, "a", "const x = 1");
    await run(host, "b", "const y = x + 1");
    await run(host, "c", "const z = y * 10");
    await run(host, "d", "const other = 5");
    const rerun = await run(host, "a", "const x = 2");
    expect(rerun.messages.find((m) => m.type === "stale")).toMatchObject({ cells: ["b", "c"] });
    expect(host.stale).toEqual(["b", "c"]);
  });

  it("a stale cell is fresh again once it re-runs, and runStale re-runs them in notebook order", async () => {
    const host = newHost();
    const cells = [{ id: "a", code: "const x = 1" }, { id: "b", code: "const y = x + 1" }, { id: "c", code: "const z = y * 10" }];
    for (const c of cells) await run(host, c.id, c.code);
    cells[0].code = "const x = 5";
    await run(host, "a", cells[0].code);
    const outcomes = await runStale(host, cells);
    expect(outcomes.map((o) => o.reply.cellId)).toEqual(["b", "c"]);
    expect(host.stale).toEqual([]);
    expect((await run(host, "e", "z")).result).toBe("60");
  });

  it("the kernel's own runAll and runStale use the stored sources", async () => {
    const host = newHost();
    const emit = () => undefined;
    await host.kernel.runAll([{ id: "a", code: "const n = 1" }, { id: "b", code: "const m = n + 1" }], emit);
    await host.kernel.execute({ type: "execute_request", id: "x", cellId: "a", code: "const n = 10" }, emit);
    expect(host.kernel.stale()).toEqual(["b"]);
    const replies = await host.kernel.runStale(emit);
    expect(replies.map((r) => r.cellId)).toEqual(["b"]);
    expect(host.kernel.get("m")).toBe(11);
  });

  it("runAll stops at the first error", async () => {
    const host = newHost();
    const replies = await host.kernel.runAll([{ id: "a", code: "throw new Error('x')" }, { id: "b", code: "1" }], () => undefined);
    expect(replies.map((r) => [r.cellId, r.status])).toEqual([["a", "error"]]);
  });

  it("dependants() says what an edit of a cell would make stale", () => {
    const g = new CellGraph();
    g.record({ id: "a", defines: ["x"], uses: [], lastRun: 1 });
    g.record({ id: "b", defines: ["y"], uses: ["x"], lastRun: 2 });
    g.record({ id: "c", defines: [], uses: ["y"], lastRun: 3 });
    g.record({ id: "d", defines: [], uses: ["w"], lastRun: 4 });
    expect(g.dependants("a")).toEqual(["b", "c"]);
    expect(g.stale()).toEqual([]);
  });
});
