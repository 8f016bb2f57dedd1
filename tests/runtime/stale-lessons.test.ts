// The stale rule (kernel/runtime/stale.ts, README "Stale cells") on the real lessons 06 and 07: a lesson
// read top to bottom. After Run all no cell is stale, nor after a second Run all; after a cell near the top
// runs again, Run stale leaves no cell stale and turns no passing check into a failing one (lesson 06's
// cell 3 checks dw5 before a later cell redefines w5).
import { describe, expect, it } from "vitest";
import type { KernelMessage } from "../../kernel/protocol/messages.ts";
import { MIME, type CheckPayload } from "../../kernel/protocol/mime.ts";
import { loadLesson } from "../notebooks/lessons.ts";
import { initialRuntime, runStalePlan, transition, type RuntimeState } from "../../ui/app/state.ts";
import { newHost } from "./helpers.ts";

/** check() results by cell, from a run's messages. */
function checks(messages: KernelMessage[], into = new Map<string, boolean[]>()): Map<string, boolean[]> {
  for (const m of messages) {
    if (m.type !== "display_data" || !(MIME.check in m.data)) continue;
    const payload = m.data[MIME.check] as CheckPayload;
    into.set(`${m.cellId}:${payload.name}`, [...(into.get(`${m.cellId}:${payload.name}`) ?? []), payload.pass]);
  }
  return into;
}

describe.each(["06-backpropagation.md", "07-training-an-ann.md"])("stale cells in %s", (file) => {
  // the page runs every code cell but the hidden solutions (until the student reveals one)
  const cells = loadLesson(file).code.filter(({ cell }) => !(cell.options.solution && cell.options.hidden)).map(({ cell }) => ({ id: cell.id, code: cell.source }));

  it("Run all leaves no cell stale; a second Run all neither; a re-run at the top and Run stale keep every passing check", async () => {
    const host = newHost();
    const first: KernelMessage[] = [];
    const replies = await host.kernel.runAll(cells, (m) => void first.push(m), { timeoutMs: 120_000 });
    expect(replies.map((r) => r.status)).toEqual(cells.map(() => "ok"));
    expect(host.kernel.stale()).toEqual([]);
    await host.kernel.runAll(cells, () => undefined, { timeoutMs: 120_000 });
    expect(host.kernel.stale()).toEqual([]);

    const passing = [...checks(first)].filter(([, passes]) => passes.every(Boolean)).map(([k]) => k);
    expect(passing.length).toBeGreaterThan(0);
    // the first cell runs again: every cell below that reads its names is stale, none above
    await host.kernel.execute({ type: "execute_request", id: "again", cellId: cells[0]!.id, code: cells[0]!.code }, () => undefined);
    expect(host.kernel.stale().length).toBeGreaterThan(0);
    const after: KernelMessage[] = [];
    await host.kernel.runStale((m) => void after.push(m), { timeoutMs: 120_000 });
    expect(host.kernel.stale()).toEqual([]);
    const rechecked = checks(after);
    for (const key of passing) if (rechecked.has(key)) expect([key, rechecked.get(key)!.every(Boolean)]).toEqual([key, true]);
  }, 300_000);

  it("the page's state (ui/app/state.ts) agrees: Run all twice leaves no cell stale; an edit at the top explains why", async () => {
    const host = newHost();
    let state: RuntimeState = transition(initialRuntime(), { type: "ui/order", cells: cells.map((c) => c.id) });
    const runAll = async () => {
      // as KernelSession.runAll: every cell is queued first, then the kernel's messages arrive in order
      for (const c of cells) state = transition(state, { type: "ui/queued", cellId: c.id, source: c.code });
      for (const [i, c] of cells.entries()) {
        const id = `r${state.clock}-${i}`;
        state = transition(state, { type: "ui/bound", requestId: id, cellId: c.id });
        await host.kernel.execute({ type: "execute_request", id, cellId: c.id, code: c.code, timeoutMs: 120_000 }, (m) => void (state = transition(state, m)));
      }
    };
    await runAll();
    expect(Object.entries(state.cells).filter(([, c]) => c.stale).map(([id]) => id)).toEqual([]);
    await runAll();
    expect(Object.entries(state.cells).filter(([, c]) => c.stale).map(([id]) => id)).toEqual([]);
    expect(runStalePlan(state).size).toBe(0);
    // an edit of the first cell: it and the cells reading its names are stale, each saying why
    state = transition(state, { type: "ui/edited", cellId: cells[0]!.id, source: `${cells[0]!.code}\n// edited` });
    const stale = Object.entries(state.cells).filter(([, c]) => c.stale);
    expect(stale[0]![1].staleReason).toEqual({ why: "edited" });
    expect(stale.length).toBeGreaterThan(1);
    for (const [, c] of stale.slice(1)) expect(c.staleReason).toMatchObject({ why: expect.stringMatching(/changed|stale/), name: expect.any(String) });
  }, 300_000);
});
