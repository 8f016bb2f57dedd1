import { describe, expect, it } from "vitest";
import { CellGraph, staleCells, staleRunPlan, type CellRun } from "../../kernel/runtime/stale.ts";
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

  const cell = (id: string, lastRun: number | null, defines: string[], uses: string[] = [], more: Partial<CellRun> = {}): CellRun => ({ id, lastRun, defines, uses, ...more });

  it("a redefinition further down never makes a cell stale (read top to bottom)", () => {
    // b checks x; c, below it, redefines x and ran last
    const cells = [cell("a", 1, ["x"]), cell("b", 2, ["ok"], ["x"]), cell("c", 3, ["x"], ["x"])];
    expect([...staleCells(cells)]).toEqual([]);
    expect(staleRunPlan(cells)).toEqual([]);
  });

  it("a cell above that changed or re-ran makes the cells reading its names stale, with the reason", () => {
    const reran = [cell("a", 4, ["W1"]), cell("b", 2, ["Z"], ["W1"]), cell("c", 3, ["L"], ["Z"]), cell("d", 3, [], ["other"])];
    expect([...staleCells(reran)]).toEqual([
      ["b", { why: "re-ran", name: "W1", cell: "a" }],
      ["c", { why: "stale", name: "Z", cell: "b" }],
    ]);
    const edited = [cell("a", 1, ["W1"], [], { edited: true }), cell("b", 2, ["Z"], ["W1"])];
    expect([...staleCells(edited)]).toEqual([["a", { why: "edited" }], ["b", { why: "changed", name: "W1", cell: "a" }]]);
    expect([...staleCells([cell("a", 1, ["x"], [], { lost: true }), cell("b", null, [], ["x"])])]).toEqual([["a", { why: "restarted" }]]);
  });

  it("the nearest definition above is the one a cell reads", () => {
    // b reads x from a2 (nearest above), so a re-run of a does not make it stale
    const cells = [cell("a", 5, ["x"]), cell("a2", 2, ["x"]), cell("b", 3, [], ["x"])];
    expect([...staleCells(cells).keys()]).toEqual([]);
  });

  it("Run stale first re-runs the cell above whose name a cell below overwrote, so no cell turns wrong", () => {
    // p defines k; b reads x and k; c (below b) redefined k last; then a was edited
    const cells = [cell("p", 1, ["k"]), cell("a", 2, ["x"], [], { edited: true }), cell("b", 3, ["ok"], ["x", "k"]), cell("c", 4, ["k"], ["k"])];
    expect([...staleCells(cells).keys()]).toEqual(["a", "b"]);
    // running a then b alone would hand b the k that c wrote: p runs first, and c (reading k) after
    expect(staleRunPlan(cells)).toEqual(["p", "a", "b", "c"]);
  });

  it("the kernel's runStale runs that plan: the check above stays right", async () => {
    const host = newHost();
    const cells = [
      { id: "p", code: "let w = 1;" }, { id: "a", code: "const x = 2;" },
      { id: "b", code: "const seen = w * x; seen" }, { id: "c", code: "w = 100;" },
    ];
    await host.kernel.runAll(cells, () => undefined);
    expect(host.kernel.stale()).toEqual([]);
    await host.kernel.execute({ type: "execute_request", id: "x", cellId: "a", code: "const x = 3;" }, () => undefined);
    expect(host.kernel.stale()).toEqual(["b"]);
    await host.kernel.runStale(() => undefined);
    expect(host.kernel.get("seen")).toBe(3);
    expect(host.kernel.stale()).toEqual([]);
  });
});
