import { describe, expect, it } from "vitest";
import { MIME, type ProgressPayload } from "../../kernel/protocol/mime.ts";
import { newHost, run } from "./helpers.ts";

const MODEL = `np.random.seed(0)
const X = np.random.randn(64, 2)
const y = X.slice(null, 0).mul(X.slice(null, 1)).greater(0).astype("float64")
const model = nn.Sequential([nn.Dense(8, { activation: "tanh", inputShape: [2] }), nn.Dense(2, { activation: "softmax" })])
model.compile({ optimizer: nn.optimizers.Adam({ learningRate: 0.01 }), loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"] })`;

describe("nn in a cell", () => {
  it("is in scope; summary() shows its table in the cell even after a trailing semicolon", async () => {
    const host = newHost();
    await run(host, "a", MODEL);
    const r = await run(host, "b", "model.summary();");
    expect(r.text).toContain('Model: "sequential"');
    expect(r.text).toMatch(/dense_1 \(Dense\)\s+\(None, 8\)/);
  });

  it("await model.fit shows one progress bar updated in place, ending done with the loss and metrics", async () => {
    const host = newHost();
    await run(host, "a", MODEL);
    const r = await run(host, "b", "const h = await model.fit(X, y, { epochs: 3, batchSize: 16 })\nh.history.loss.length");
    expect(r.error).toBeUndefined();
    expect(r.result).toBe("3");
    const displays = r.messages.filter((m) => m.type === "display_data");
    const updates = r.messages.filter((m) => m.type === "update_display_data");
    expect(displays.length).toBe(1);
    expect(updates.length).toBeGreaterThan(0);
    const last = updates[updates.length - 1];
    const payload = (last as { data: Record<string, unknown> }).data[MIME.progress] as ProgressPayload;
    expect(payload).toMatchObject({ value: 12, total: 12, done: true });
    expect(payload.label).toMatch(/^Epoch 3\/3 - loss: \d\.\d{4} - accuracy: \d\.\d{4}$/);
  });

  it("Stop ends fit between batches: the weights trained so far and model.history are kept", async () => {
    const host = newHost();
    await run(host, "a", MODEL + "\nconst before = model.getWeights()[0].copy()");
    const pending = run(host, "b", "await model.fit(X, y, { epochs: 100000, batchSize: 8, verbose: 0 })");
    await new Promise((r) => setTimeout(r, 300));
    await host.interrupt();
    const r = await pending;
    expect(r.error?.ename).toBe("InterruptError");
    const after = await run(host, "c", "[model.history.epoch.length > 0, model.history.epoch.length < 100000, np.allclose(before, model.getWeights()[0])]");
    expect(after.result).toBe("[true, true, false]");
    // and the kernel is free again
    expect((await run(host, "d", "model.evaluate(X, y).loss > 0")).result).toBe("true");
  });

  it("a time limit stops fit too, and the error points at the cell", async () => {
    const host = newHost();
    await run(host, "a", MODEL);
    const r = await run(host, "b", "await model.fit(X, y, { epochs: 100000, verbose: 0 })", 300);
    expect(r.error?.ename).toBe("InterruptError");
    expect(r.error?.evalue).toMatch(/time limit/);
  });

  it("model.trace(X, y) puts one named training step into the cell's trace and lists it by layer", async () => {
    const host = newHost();
    await run(host, "a", MODEL);
    const r = await run(host, "b", "model.trace(X.slice(\"0:8\"), y.slice(\"0:8\"))");
    expect(r.error).toBeUndefined();
    expect(r.result).toMatch(/^One training step: \d+ steps, loss \d\.\d{4}\n  dense_1: \d+ steps \(Z, A, /);
    expect(r.result).toContain("optimizer:");
    expect(r.messages.some((m) => m.type === "trace")).toBe(true);
  });

  it("a traced fit marks its epochs and mini-batches for the step-through", async () => {
    const host = newHost();
    await run(host, "a", MODEL);
    const r = await run(host, "b", "await model.fit(X.slice(\"0:16\"), y.slice(\"0:16\"), { epochs: 2, batchSize: 8, verbose: 0 });");
    const trace = r.messages.find((m) => m.type === "trace") as { trace: { records: { epoch: number | null; batch: number | null }[] } } | undefined;
    expect(trace).toBeDefined();
    const marks = new Set(trace!.trace.records.map((s) => `${s.epoch}:${s.batch}`));
    for (const m of ["0:0", "0:1", "1:0", "1:1"]) expect(marks).toContain(m);
  });
});
