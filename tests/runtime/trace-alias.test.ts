// A variable that holds a tensor named elsewhere (a layer's weight: dense_2/W) names it on the lines that
// write it: after `const W2 = dense2.kernel`, lesson 15's `dZ2.matmul(W2.T)` is the derivation's
// dA_1 = dZ_2 W_2^T, not dZ_2 {W^{[dense_2]}}^T. A line that does not write the variable (model.apply(X),
// L.backward()) keeps the layer's name, and so does a line where two variables hold the same tensor.
import { describe, expect, it } from "vitest";
import type { TraceMessage } from "../../kernel/protocol/messages.ts";
import { newHost, run } from "./helpers.ts";

const traceOf = (messages: { type: string }[]) => (messages.find((m) => m.type === "trace") as TraceMessage | undefined)!.trace;

const MODEL = `const model = nn.Sequential([nn.Dense(3, { activation: "relu", inputShape: [2], seed: 1 }), nn.Dense(2, { seed: 2 })]);
const [dense1, dense2] = model.layers as any[];
const W2 = dense2.kernel, b2 = dense2.bias;
const X = np.random.randn(4, 2);`;

async function traced(code: string) {
  const host = newHost();
  expect((await run(host, "model", MODEL)).error).toBeUndefined();
  const r = await run(host, "traced", code);
  expect(r.error).toBeUndefined();
  return traceOf(r.messages).records;
}

describe("a variable names the tensor it holds on the lines that write it", () => {
  it("W2 = dense2.kernel: the line H.matmul(W2.T) reads W_2, the model's own forward pass dense_2/W", async () => {
    const steps = await traced("const H = model.apply(X);\nconst G = H.matmul(W2.T);");
    const line2 = steps.filter((s) => s.line === 2);
    expect(line2.map((s) => s.latex)).toEqual(["W_{2}^{\\top}", "G = H W_{2}^{\\top}"]);
    expect(line2.map((s) => s.inputLabels)).toEqual([["W2"], ["H", "W2.T"]]);
    // the layer's own matmul, on a line that writes model.apply(X), keeps the layer's name
    const forward = steps.find((s) => s.line === 1 && s.op === "matmul" && s.inputNames.includes("dense_2/W"))!;
    expect(forward.latex).toContain("W^{[\\text{dense\\_2}]}");
    // the name the graph and the layer groups go by is still the tensor's own
    expect(line2[0]!.inputNames).toEqual(["dense_2/W"]);
  });

  it("a gradient and an update on lines that write W2: ∂L/∂W_2 and W_2 ← W_2 - α ∂L/∂W_2", async () => {
    const steps = await traced(`const L = model.apply(X).square().mean();
L.backward();
const step = W2.grad!.mul(0.1);
W2.assignSub(step);`);
    const update = steps.find((s) => s.op === "assignSub")!;
    expect(update.latex).toBe("W_{2} \\leftarrow W_{2} - 0.1\\, \\frac{\\partial L}{\\partial W_{2}}");
    // L.backward() writes neither: its steps keep the layer's name
    const dW = steps.find((s) => s.line === 2 && s.name === "dense_2/dW")!;
    expect(dW.latex).toContain("W^{[\\text{dense\\_2}]}");
  });

  it("a statement over several lines: the lines that continue its chain of calls count (W1 on the second)", async () => {
    const steps = await traced("const W1 = dense1.kernel;\nconst G = W2.T\n  .matmul(W1.T);");
    expect(steps.find((s) => s.op === "matmul")!.latex).toBe("G = W_{2}^{\\top} W_{1}^{\\top}");
  });

  it("two variables holding one tensor on a line: neither is chosen, the tensor keeps its name", async () => {
    const steps = await traced("const A = W2, B = W2;\nconst C = A.T.matmul(B);");
    const t = steps.find((s) => s.op === "transpose")!;
    expect(t.latex).toBe("{W^{[\\text{dense\\_2}]}}^{\\top}");
  });

  it("a line that writes the tensor's own name keeps it (Z1 held also as A)", async () => {
    const steps = await traced("const Z1 = X.mul(2);\nconst A = Z1;\nconst Y = Z1.add(A);");
    expect(steps.find((s) => s.line === 3)!.latex).toBe("Y = Z_{1} + Z_{1}");
  });
});
