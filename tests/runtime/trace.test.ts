import { describe, expect, it } from "vitest";
import type { TraceMessage } from "../../kernel/protocol/messages.ts";
import { newHost, run } from "./helpers.ts";

const traceOf = (messages: { type: string }[]) => (messages.find((m) => m.type === "trace") as TraceMessage | undefined)?.trace;

describe("names and source lines in the trace", () => {
  it("a top-level const names the step that produced its tensor, with the cell and line", async () => {
    const host = newHost();
    await run(host, "data", "const X = np.ones([4, 2])\nconst W1 = np.ones([2, 3])\nconst b1 = np.zeros([3])");
    const r = await run(host, "forward", "// the first layer\nconst Z1 = X.matmul(W1).add(b1)\nconst A1 = np.tanh(Z1)");
    const records = traceOf(r.messages)!.records;
    const z1 = records.find((s) => s.name === "Z1")!;
    expect(z1).toMatchObject({ op: "add", cell: "forward", line: 2, shapes: { output: [4, 3] } });
    expect(records.find((s) => s.op === "matmul")).toMatchObject({ cell: "forward", line: 2, inputNames: ["X", "W1"] });
    expect(records.find((s) => s.name === "A1")).toMatchObject({ op: "tanh", line: 3, inputNames: ["Z1"] });
  });

  it("names tensors assigned inside functions, with their own lines; the caller's variable renames what the function's own named", async () => {
    const host = newHost();
    await run(host, "defs", "function layer(x: any, w: any) {\n  const out = x.matmul(w)\n  return out\n}");
    const inside = await run(host, "inside", "function twice(x: any) {\n  const y = layer(x, np.ones([2, 2]))\n  return y\n}\ntwice(np.ones([1, 2]));");
    // a function's variable does not rename what another function's named (out, not y): neither is the cell's
    expect(traceOf(inside.messages)!.records.find((s) => s.op === "matmul")).toMatchObject({ name: "out", cell: "defs", line: 2 });
    const r = await run(host, "loop", "let h = np.ones([1, 2])\nfor (let i = 0; i < 2; i++) {\n  h = layer(h, np.ones([2, 2]))\n}");
    const records = traceOf(r.messages)!.records.filter((s) => s.op === "matmul");
    expect(records).toHaveLength(2);
    // h⁽¹⁾ = h⁽⁰⁾ W, h = h⁽¹⁾ W, as the loop's h_t = h_{t-1} W: the cell's h, not the function's out
    for (const s of records) expect(s).toMatchObject({ name: "h", cell: "defs", line: 2 });
    expect(records.map((s) => s.outputLabel)).toEqual(["h⁽¹⁾", "h"]);
    expect(records[0].latex).toMatch(/^\{h\}\^\{\(1\)\} = \{h\}\^\{\(0\)\}/);
  });

  it("a top-level const renames the result of a function that named it by its own variable; an explicit .named() stays", async () => {
    const host = newHost();
    await run(host, "defs", "function conv(x: any, w: any) {\n  let y = x.slice('0:3').mul(w.slice(0))\n  y = y.add(x.slice('1:4').mul(w.slice(1)))\n  return y\n}\nconst keep = (x: any) => x.mul(2).named('twice')");
    const r = await run(host, "use", "const x = np.array([1, 2, 3, 4])\nconst yOut = conv(x, np.array([1, -1]))\nconst dwByHand = conv(x, np.array([0.5, 2]))\nconst k = keep(x)");
    const adds = traceOf(r.messages)!.records.filter((s) => s.op === "add");
    expect(adds.map((s) => s.name)).toEqual(["yOut", "dwByHand"]);
    // the function's first y is overwritten by the value its caller renamed: a partial sum of yOut, yOut⁽⁰⁾
    expect(adds[0].latex.startsWith("y_{\\text{Out}} = {y_{\\text{Out}}}^{(0)} + ")).toBe(true);
    expect(adds[0].inputLabels[0]).toBe("yOut⁽⁰⁾");
    expect(adds[1].inputLabels[0]).toBe("dwByHand⁽⁰⁾");
    expect(traceOf(r.messages)!.records.find((s) => s.op === "mul" && s.name !== null && s.line === 6)).toMatchObject({ name: "twice" });
  });

  it("a one-line arrow function's steps carry its own line (where its numbers are named), and the caller's backward keeps the caller's", async () => {
    const host = newHost();
    await run(host, "defs", "const delta = 1\nconst r = np.array([-3, 0.5, 2]).requiresGrad()\nconst huberOf = (x: any) => np.where(x.abs().lessEqual(delta), x.square().div(2), x.abs().sub(delta / 2).mul(delta)).mean()");
    const r = await run(host, "use", "// the loss\nhuberOf(r).backward()");
    const records = traceOf(r.messages)!.records;
    const sub = records.find((s) => s.op === "sub" && s.phase !== "backward")!;
    expect(sub).toMatchObject({ cell: "defs", line: 3 });
    expect(sub.latex).toBe("\\lvert r \\rvert - \\frac{\\delta}{2},\\quad \\delta = 1");
    expect(records.filter((s) => s.phase === "backward").every((s) => s.cell === "use" && s.line === 2)).toBe(true);
  });

  it("a number written on the line beside arithmetic of the same value is shown as the number: the line cannot say which made it", async () => {
    const host = newHost();
    await run(host, "setup", "const delta = 1\nconst x = np.array([1, 2])");
    const r = await run(host, "both", "const q = x.mul(0.5).add(x.sub(delta / 2))");
    const records = traceOf(r.messages)!.records;
    expect(records.find((s) => s.op === "mul")!.latex).toBe("x \\odot 0.5");
    expect(records.find((s) => s.op === "sub")!.latex).toBe("x - 0.5");
    const alone = await run(host, "alone", "const q2 = x.sub(delta / 2)");
    expect(traceOf(alone.messages)!.records.find((s) => s.op === "sub")!.latex).toBe("q_{2} = x - \\frac{\\delta}{2},\\quad \\delta = 1");
  });

  it("a learning rate is written by the name the code gave it, with its value beside it", async () => {
    const host = newHost();
    await run(host, "setup", "const alpha = 0.05\nconst w = np.array(0).requiresGrad()\nconst x = np.array([1, 2])");
    const r = await run(host, "step", "x.mul(w).sum().backward()\nnp.noGrad(() => w.assignSub(w.grad!.mul(alpha)))");
    const update = traceOf(r.messages)!.records.find((s) => s.op === "assignSub")!;
    expect(update.latex).toBe("w \\leftarrow w - \\alpha\\, \\frac{\\partial L}{\\partial w},\\quad \\alpha = 0.05");
  });

  it("a number the code computed from named numbers is written as the code wrote it (Adam's 1 - beta1), its names' values beside it", async () => {
    const host = newHost();
    await run(host, "setup", "const beta1 = 0.9, lambda = 0.03, n = 4\nconst g1 = np.array([-9, 150])");
    const r = await run(host, "adam", "const m1 = g1.mul(1 - beta1)\nconst mhat1 = m1.div(1 - beta1 ** 1)\nconst p = g1.mul(2 * lambda).add(g1.div(-n / 2))");
    const records = traceOf(r.messages)!.records;
    expect(records.find((s) => s.name === "m1")!.latex).toBe("m_{1} = g_{1} \\odot \\left(1 - \\beta_{1}\\right),\\quad \\beta_{1} = 0.9");
    expect(records.find((s) => s.name === "mhat1")!.latex).toBe("\\hat{m}_{1} = \\frac{m_{1}}{1 - {\\beta_{1}}^{1}},\\quad \\beta_{1} = 0.9");
    expect(records.find((s) => s.name === "p")!.latex).toContain("\\frac{-n}{2}");
    // a local of a function is not the top-level name it shadows; 0.1 stays a number there
    const local = await run(host, "local", "const f = (beta1: number) => g1.mul(1 - beta1)\nconst q = f(0.5)");
    expect(traceOf(local.messages)!.records.find((s) => s.name === "q")!.latex).toBe("q = g_{1} \\odot 0.5");
  });

  it("a tensor's size, ndim or shape[k] in such a number is written as a function of the tensor (2 / out.size), its value beside it", async () => {
    const host = newHost();
    await run(host, "setup", "const out = np.ones([2, 3])\nconst X = np.ones([5, 2])");
    const r = await run(host, "scale", "const g = out.mul(2 / out.size)\nconst h = X.div(X.shape[0] * X.ndim)");
    const records = traceOf(r.messages)!.records;
    expect(records.find((s) => s.name === "g")!.latex).toBe("g = \\text{out} \\odot \\frac{2}{\\operatorname{size}(\\text{out})},\\quad \\operatorname{size}(\\text{out}) = 6");
    expect(records.find((s) => s.name === "h")!.latex).toBe("h = \\frac{X}{\\operatorname{shape}(X)_{0}\\, \\operatorname{ndim}(X)},\\quad \\operatorname{shape}(X)_{0} = 5,\\quad \\operatorname{ndim}(X) = 2");
    // a member of anything but a kernel tensor is not read (a getter would be the cell's own code)
    const other = await run(host, "obj", "const box = { size: 4 }\nconst k = out.mul(2 / box.size)");
    expect(traceOf(other.messages)!.records.find((s) => s.name === "k")!.latex).toBe("k = \\text{out} \\odot 0.5");
  });

  it("a number through Math.sqrt, exp, log or abs is written as a formula (Math.sqrt(1 / 2) as the square root of a half)", async () => {
    const host = newHost();
    await run(host, "setup", "const fanIn = 16\nconst X = np.ones([2, 3])");
    const r = await run(host, "init", "const W = X.mul(Math.sqrt(1 / 2))\nconst V = X.mul(Math.sqrt(1 / fanIn))\nconst E = X.mul(Math.exp(-1))");
    const records = traceOf(r.messages)!.records;
    expect(records.find((s) => s.name === "W")!.latex).toBe("W = X \\odot \\sqrt{\\frac{1}{2}}");
    expect(records.find((s) => s.name === "V")!.latex).toBe("V = X \\odot \\sqrt{\\frac{1}{\\text{fanIn}}},\\quad \\text{fanIn} = 16");
    expect(records.find((s) => s.name === "E")!.latex).toBe("E = X \\odot e^{-1}");
    // in a statement over several lines, the step is at the statement's first line: the number is found all the same
    await run(host, "make", "function make() {\n  return {\n    P: X.mul(Math.sqrt(1 / fanIn)),\n  };\n}");
    const q = await run(host, "call", "const q = make();\nq.P.sum()");
    expect(traceOf(q.messages)!.records.find((s) => s.op === "mul")).toMatchObject({ cell: "make", line: 2 });
    expect(traceOf(q.messages)!.records.find((s) => s.op === "mul")!.latex).toBe("P = X \\odot \\sqrt{\\frac{1}{\\text{fanIn}}},\\quad \\text{fanIn} = 16");
    // a cell's own Math is its code, not Math's: the number stays a number
    const own = await run(host, "own", "const Math = { sqrt: (x: number) => x * 10 }\nconst U = X.mul(Math.sqrt(1 / 2))");
    expect(traceOf(own.messages)!.records.find((s) => s.name === "U")!.latex).toBe("U = X \\odot 5");
  });

  it("an array destructuring names each tensor by its element (const [Xtrain, Xtest] = ...)", async () => {
    const host = newHost();
    await run(host, "split", "const [Xtrain, , ytrain] = [np.ones([4, 2]), np.ones([2, 2]), np.ones([4])].map((t) => t)");
    const r = await run(host, "use", "const Xb = Xtrain.slice(\"0:2\")\nconst s = ytrain.sum()");
    const records = traceOf(r.messages)!.records;
    expect(records.find((s) => s.name === "Xb")!.latex).toBe("X_{b} = X^{\\text{train}}[0:2]");
    expect(records.find((s) => s.name === "s")!.inputNames).toEqual(["ytrain"]);
  });

  it("an object literal names its tensors by their keys ({ columnMeans: xhat.mean(...) }), not options or shorthands", async () => {
    const host = newHost();
    await run(host, "data", "const xhat = np.array([[1, 2], [3, 4]])");
    const r = await run(host, "stats", "const opts = { axis: 0 };\n({ columnMeans: xhat.mean(opts), columnStds: xhat.std({ axis: 0 }), total: 1 + 1 })");
    const records = traceOf(r.messages)!.records;
    expect(records.find((s) => s.op === "div")!.latex).toBe("\\text{columnMeans} = \\frac{\\sum_{\\text{axis}=0} \\hat{x}}{2}");
    expect(records.at(-1)).toMatchObject({ op: "sqrt", name: "columnStds" });
    const other = await run(host, "kept", "const m = xhat.sum().named(\"s\");\n({ m, doubled: m.mul(2), again: m })");
    expect(traceOf(other.messages)!.records.map((s) => s.name)).toEqual(["s", "doubled"]);
  });

  it("a named constant keeps its name in the backward steps, whose line does not mention it", async () => {
    const host = newHost();
    await run(host, "setup", "const lambda = 0.03\nconst W = np.array([1, 2]).requiresGrad()");
    const r = await run(host, "penalty", "const J = W.square().sum().mul(lambda)\nJ.backward()");
    const back = traceOf(r.messages)!.records.find((s) => s.op === "mul.backward")!;
    expect(back.line).toBe(2);
    expect(back.latex).toContain("\\lambda");
    expect(back.latex).toContain("\\lambda = 0.03");
  });

  it("a layer's output takes the variable's name (const code = encoder.apply(x)); its weights keep the layer's", async () => {
    const host = newHost();
    await run(host, "model", "const dense = nn.Dense(2, { inputShape: [3], seed: 1 })\nconst x = np.ones([4, 3])");
    const r = await run(host, "step", "const code = dense.apply(x, { training: true })\nconst W = dense.kernel\ncode.sum().backward()");
    const records = traceOf(r.messages)!.records;
    expect(records.find((s) => s.op === "add")!.name).toBe("code");
    expect(records.find((s) => s.op === "matmul")!.inputNames).toEqual(["x", "Dense/W"]); // a layer outside a model is named after its class
  });

  it("an explicit .named() wins over the variable name", async () => {
    const host = newHost();
    const r = await run(host, "a", 'const t = np.ones([2]).mul(2).named("doubled")');
    expect(traceOf(r.messages)!.records.at(-1)!.name).toBe("doubled");
  });

  it("trace messages carry shapes and a small preview, not every value", async () => {
    const host = newHost();
    const r = await run(host, "a", "const big = np.ones([100, 100]).mul(3)");
    const step = traceOf(r.messages)!.records.at(-1)!;
    expect(step.preview.values).toHaveLength(8);
    expect(step.preview).toMatchObject({ truncated: true, min: 3, max: 3, mean: 3 });
  });

  it("inspect_request returns the full values of a step's output and of a variable", async () => {
    const host = newHost();
    const r = await run(host, "a", "const y = np.array([1, 2, 3]).mul(2)");
    const step = traceOf(r.messages)!.records.at(-1)!;
    const reply = await host.inspect({ kind: "step", cellId: "a", step: step.step, which: "output" });
    expect(reply).toMatchObject({ status: "ok", value: { type: "tensor", shape: [3], data: [2, 4, 6] } });
    expect((await host.inspect({ kind: "variable", name: "y" })).value).toMatchObject({ data: [2, 4, 6], name: "y" });
    expect(await host.inspect({ kind: "variable", name: "nope" })).toMatchObject({ status: "error", evalue: "nope is not defined" });
  });

  it("a cell that runs no tensor op sends no trace", async () => {
    const host = newHost();
    expect(traceOf((await run(host, "a", "1 + 1")).messages)).toBeUndefined();
  });
});
