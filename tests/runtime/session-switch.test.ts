// Opening another lesson while Run all is still going through the last one (the app's KernelSession with
// the in-process kernel host): the last lesson's Run all sends no further cell, and what its cells'
// replies say (aborted, by the kernel that went away) is not written onto the new lesson's cells, even
// those with the same id, nor does it disturb a Run all of the new lesson.
import { expect, it } from "vitest";
import { NodeKernelHost } from "../../kernel/host/node.ts";
import { KernelSession } from "../../ui/app/kernel-session.ts";
import type { CodeCell } from "../../ui/document/index.ts";

const cell = (id: string, source: string): CodeCell => ({ type: "code", id, source, metadata: {}, options: {}, outputs: [], executionCount: null });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it("a Run all of the last lesson ends with it; the new lesson's cells are only its own", async () => {
  const lessonA = [cell("slow", "await new Promise((r) => setTimeout(r, 300)); 1"), cell("data", "globalThis.ranA = true; 'from A'")];
  const lessonB = [cell("data", "await new Promise((r) => setTimeout(r, 500)); 'from B'"), cell("other", "typeof globalThis.ranA")];
  let cells = lessonA;
  const s = new KernelSession({ addController: () => undefined, requestUpdate: () => undefined, removeController: () => undefined, updateComplete: Promise.resolve(true) }, {
    createKernel: () => new NodeKernelHost(), doc: () => null, codeCells: () => cells, concealed: () => false, reference: () => undefined, ran: () => undefined, variablesChanged: () => undefined,
  });
  s.start();
  const runA = s.runAll();
  await sleep(100);
  expect(s.runtime.cells.slow!.status).toBe("running");
  cells = lessonB; // the app opens lesson B: its cells, a new kernel
  s.start();
  const runB = s.runAll();
  await sleep(50);
  expect(s.runtime.cells.data!.status).toBe("running");
  await runA;
  await sleep(400); // past the end of A's slow cell, had its kernel gone on
  expect(Object.keys(s.runtime.cells).sort()).toEqual(["data", "other"]); // nothing of A's "slow"
  expect(s.runtime.cells.data!.status).toBe("running"); // B's own, not A's "aborted"
  await runB;
  const result = (id: string) => s.runtime.cells[id]!.outputs.map((o) => (o.kind === "result" ? o.data["text/plain"] : o.kind)).join();
  expect([s.runtime.cells.data!.status, s.runtime.cells.data!.ranAt !== null, result("data")]).toEqual(["idle", true, "'from B'"]);
  expect(result("other")).toBe("'undefined'"); // A's data cell never ran in B's kernel
  s.hostDisconnected();
}, 30_000);
