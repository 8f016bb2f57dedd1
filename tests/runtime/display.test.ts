import { describe, expect, it } from "vitest";
import type { DisplayDataMessage, KernelMessage, UpdateDisplayDataMessage } from "../../kernel/protocol/messages.ts";
import { MIME } from "../../kernel/protocol/mime.ts";
import { newHost, run } from "./helpers.ts";

const displays = (messages: KernelMessage[]) => messages.filter((m): m is DisplayDataMessage => m.type === "display_data");
const updates = (messages: KernelMessage[]) => messages.filter((m): m is UpdateDisplayDataMessage => m.type === "update_display_data");

describe("rich output", () => {
  it("display(tensor) sends the tensor MIME with shape, values and stats, plus the numpy repr", async () => {
    const host = newHost();
    const r = await run(host, "a", "const A = np.array([[1, -2], [3, 4]])\ndisplay(A)");
    const [d] = displays(r.messages);
    expect(d.data[MIME.tensor]).toMatchObject({ name: "A", shape: [2, 2], data: [1, -2, 3, 4], min: -2, max: 4, mean: 1.5, truncated: false });
    expect(d.data[MIME.text]).toContain("array(");
  });

  it("a parameter is marked as one; a tensor computed from it only requires grad", async () => {
    const host = newHost();
    const r = await run(host, "a", "const W = np.ones([2]).requiresGrad()\nconst Z = W.mul(2)\ndisplay(W)\ndisplay(Z)");
    const [w, z] = displays(r.messages);
    expect(w.data[MIME.tensor]).toMatchObject({ requiresGrad: true, isParameter: true });
    expect(z.data[MIME.tensor]).toMatchObject({ requiresGrad: true, isParameter: false });
  });

  it("a result tensor with NaN and Infinity is JSON-safe", async () => {
    const host = newHost();
    const r = await run(host, "a", "np.array([NaN, Infinity, -Infinity, 1])");
    const result = r.messages.find((m) => m.type === "execute_result");
    expect(result?.type === "execute_result" && result.data[MIME.tensor]).toMatchObject({ data: ["NaN", "Infinity", "-Infinity", 1] });
  });

  it("md, tex and html give their own MIME types", async () => {
    const host = newHost();
    const r = await run(host, "a", "const n = 3\ndisplay(md`**${n}** layers`)\ndisplay(tex`\\frac{\\partial L}{\\partial W}`)\ndisplay(html`<b>bold</b>`)");
    const [m, t, h] = displays(r.messages);
    expect(m.data[MIME.markdown]).toBe("**3** layers");
    expect(t.data[MIME.latex]).toBe("\\frac{\\partial L}{\\partial W}");
    expect(h.data).toEqual({ [MIME.html]: "<b>bold</b>", [MIME.text]: "bold" });
  });

  it("an array of records shows as a table", async () => {
    const host = newHost();
    const r = await run(host, "a", "[{ epoch: 1, loss: 0.5 }, { epoch: 2, loss: 0.25, acc: 0.9 }]");
    const result = r.messages.find((m) => m.type === "execute_result");
    expect(result?.type === "execute_result" && result.data[MIME.table]).toEqual({ columns: ["epoch", "loss", "acc"], rows: [[1, 0.5, null], [2, 0.25, 0.9]], truncated: false, total: 2 });
    expect(r.result).toContain("epoch  loss  acc");
  });

  it("plot helpers produce a plain plot spec", async () => {
    const host = newHost();
    const r = await run(host, "a", 'display(plot.line([3, 2, 1], { label: "loss", title: "Loss" }))\ndisplay(plot.scatter(np.array([0, 1]), [1, 0], { color: [0, 1] }))');
    const [line, scatter] = displays(r.messages);
    expect(line.data[MIME.plot]).toEqual({ title: "Loss", marks: [{ type: "line", x: "x", y: "y", stroke: "series", data: [{ x: 0, y: 3, series: "loss" }, { x: 1, y: 2, series: "loss" }, { x: 2, y: 1, series: "loss" }] }] });
    expect(scatter.data[MIME.plot]).toMatchObject({ marks: [{ type: "dot", fill: "color", data: [{ x: 0, y: 1, color: 0 }, { x: 1, y: 0, color: 1 }] }] });
    expect(line.data[MIME.text]).toBe('[plot "Loss": line of 3 points, y from 1 to 3]');
  });

  it("progress(i, n) shows one display and updates it in place, ending at n of n", async () => {
    const host = newHost();
    const r = await run(host, "a", "for (let i = 0; i < 5000; i++) progress(i, 5000)");
    expect(displays(r.messages)).toHaveLength(1);
    const id = displays(r.messages)[0].displayId;
    const ups = updates(r.messages);
    expect(ups.length).toBeGreaterThan(0);
    expect(ups.length).toBeLessThan(100);
    for (const u of ups) expect(u.displayId).toBe(id);
    expect(ups.at(-1)!.data[MIME.progress]).toMatchObject({ value: 5000, total: 5000, done: true });
  });

  it("progress over an iterable yields every item and finishes the bar", async () => {
    const host = newHost();
    const r = await run(host, "a", 'let sum = 0\nfor (const x of progress([1, 2, 3], { label: "batches" })) sum += x\nsum');
    expect(r.result).toBe("6");
    expect(updates(r.messages).at(-1)!.data[MIME.progress]).toMatchObject({ label: "batches", value: 3, total: 3, done: true });
  });

  it("a throttled last progress update is still sent when the cell ends", async () => {
    const host = newHost();
    const r = await run(host, "a", "for (let i = 0; i < 1000; i += 100) progress(i, 1000)");
    expect(updates(r.messages).at(-1)!.data[MIME.progress]).toMatchObject({ value: 901 });
  });

  it("display(value, {id: true}) returns a handle that updates the output in place", async () => {
    const host = newHost();
    const r = await run(host, "a", 'const h = display("first", { id: true })\nh.update("second");');
    expect(updates(r.messages)[0]).toMatchObject({ displayId: displays(r.messages)[0].displayId, data: { [MIME.text]: "'second'" } });
  });
});

describe("live displays (a training loop redrawing a view)", () => {
  it("update is throttled: a frame's function runs only when drawn, and the last state is drawn at the end", async () => {
    const host = newHost();
    const r = await run(host, "a", `const live = display(plot.line([0]), { id: true });
let calls = 0;
const losses: number[] = [];
for (let epoch = 0; epoch < 20000; epoch++) {
  losses.push(1 / (epoch + 1));
  live.update(() => { calls++; return plot.line(losses, { label: "loss" }); });
}
console.log(calls);`);
    const sent = updates(r.messages);
    const calls = Number(r.text.trim().split("\n").find((l) => /^\d+$/.test(l)));
    // 20000 updates in a loop that takes far less than 20000 frames of 250 ms: a handful are drawn
    expect(sent.length).toBeGreaterThanOrEqual(1);
    expect(sent.length).toBeLessThan(100);
    // every frame drawn called the function once, and no other call happened (the end-of-cell frame
    // comes after console.log, so it may be one more)
    expect([calls, calls + 1]).toContain(sent.length);
    const last = sent.at(-1)!.data[MIME.plot] as { marks: { data: unknown[] }[] };
    expect(last.marks[0]!.data).toHaveLength(20000); // the final state, not the last throttled frame
  });

  it("a frame that throws at the end of the cell says so in the output", async () => {
    const r = await run(newHost(), "a", `const live = display("start", { id: true });
live.update(() => { throw new Error("boom"); });`);
    expect(updates(r.messages).at(-1)!.data[MIME.text]).toBe("display.update: the last frame failed: boom");
  });
});

describe("check() for exercises", () => {
  it("passes when the student's tensor matches within the tolerance", async () => {
    const host = newHost();
    const r = await run(host, "a", "const dW = np.array([[1, 2], [3, 4]]).add(1e-9)\ncheck('dW', [[1, 2], [3, 4]], { tol: 1e-6 })");
    expect(displays(r.messages)[0].data[MIME.check]).toMatchObject({ name: "dW", pass: true });
  });

  it("reports a shape mismatch with both shapes", async () => {
    const host = newHost();
    const r = await run(host, "a", "const dW = np.ones([2, 16])\ncheck('dW', np.ones([16, 2]))");
    expect(displays(r.messages)[0].data[MIME.check]).toMatchObject({ pass: false, message: "dW has shape (2, 16), expected (16, 2)" });
  });

  it("reports the first differing index and the largest error", async () => {
    const host = newHost();
    const r = await run(host, "a", "const db = np.array([[0, 1], [2, 3.5]])\ncheck('db', [[0, 1], [2.1, 3]])");
    expect(displays(r.messages)[0].data[MIME.check]).toMatchObject({ pass: false, index: [1, 0], maxError: 0.5 });
    // where and by how much, in short numbers; the expected value only on request (the payload's `expected`)
    expect(displays(r.messages)[0].data[MIME.text]).toBe("✗ db[1, 0] is too low by 0.1 (2 of 4 values are off; the largest difference is 0.5); tolerance 1e-06");
    expect((displays(r.messages)[0].data[MIME.check] as { expected: string }).expected).toContain("2.1");
  });

  it("a scalar says by how much, with no index and no 16-digit numbers", async () => {
    const host = newHost();
    const r = await run(host, "a", "const N1 = 0\ncheck('N1', -0.0996679946, { tol: 1e-4 })");
    expect(displays(r.messages)[0].data[MIME.check]).toMatchObject({ pass: false, index: [], message: "N1 is too high by 0.09967; tolerance 0.0001" });
  });

  it("check(name) compares with the value the exercise's hidden solution computes, and keeps none of it", async () => {
    const host = newHost();
    await run(host, "setup", "const x = np.array([1, 2, 3]);");
    const solution = "const total = x.sum().item() * 2;\nconst helper = 5;\ncheck('total', { tol: 1e-9 });";
    const wrong = await host.execute("const total = 6;\ncheck('total', { tol: 1e-9 })", { cellId: "ex", reference: solution });
    expect(displays(wrong.messages)).toHaveLength(1);
    expect(displays(wrong.messages)[0]!.data[MIME.check]).toMatchObject({ name: "total", pass: false, message: "total is too low by 6; tolerance 1e-09", expected: "12" });
    // the solution ran in a scratch scope: its helper is not the student's
    expect((await run(host, "probe", "typeof helper")).result).toBe("'undefined'");
    const right = await host.execute("const total = 12;\ncheck('total')", { cellId: "ex", reference: solution });
    expect(displays(right.messages)[0]!.data[MIME.check]).toMatchObject({ pass: true });
    const none = await host.execute("check('total')", { cellId: "ex2" });
    expect(displays(none.messages)[0]!.data[MIME.check]).toMatchObject({ pass: false, message: expect.stringContaining("solution") });
  });

  it("says when the variable does not exist yet", async () => {
    const host = newHost();
    const r = await run(host, "a", "check('answer', 42)");
    expect(displays(r.messages)[0].data[MIME.check]).toMatchObject({ pass: false, message: "answer is not defined yet: run the cell that defines it" });
    // a near name the student defined is suggested, a builtin never is
    await run(host, "b", "const dwHand = 1");
    const typo = await run(host, "c", "check('dwhand', 1)");
    expect(displays(typo.messages)[0].data[MIME.check]).toMatchObject({ message: "dwhand is not defined yet: run the cell that defines it (did you mean dwHand?)" });
  });

  it("refuses a tolerance it would not use ({atol}, {tolerance}, a string), where it compared at 1e-6 without a word", async () => {
    const host = newHost();
    await run(host, "a", "const k = 2.5");
    for (const [args, message] of [
      ["2, { atol: 1 }", 'check: unsupported option "atol" (supported: tol)'],
      ["{ tolerance: 1 }", 'check: unsupported option "tolerance" (supported: tol)'],
      ['2, { tol: "1e-3" }', 'check: tol must be a number >= 0, got "1e-3"'],
      ["2, 0.5", "check: expected an options object like {tol}, got"],
    ]) {
      const r = await run(host, "b", `check("k", ${args})`);
      expect(r.messages.find((m) => m.type === "error")).toMatchObject({ evalue: expect.stringContaining(message) });
    }
    const ok = await run(host, "c", 'check("k", 2, { tol: 0.5 })');
    expect(displays(ok.messages)[0].data[MIME.check]).toMatchObject({ pass: true });
  });
});

describe("check() as the last expression", () => {
  it("shows its verdict once, not again as the cell's result", async () => {
    const host = newHost();
    const r = await run(host, "a", "const x = 1\ncheck('x', 1)");
    expect(displays(r.messages)).toHaveLength(1);
    expect(r.messages.some((m) => m.type === "execute_result")).toBe(false);
  });
});
