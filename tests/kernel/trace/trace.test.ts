import { describe, it, expect, afterEach } from "vitest";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { np } from "../../../kernel/np.ts";
import { startTrace, stopTrace, traceOf } from "../../../kernel/trace/active.ts";
import { stepRecords } from "../../../kernel/trace/steps.ts";
import { traceToJSON, traceFromJSON } from "../../../kernel/trace/serialize.ts";
import type { Tensor } from "../../../kernel/tensor/tensor.ts";

afterEach(() => {
  stopTrace();
});

/** The lesson network: X (n x 2) -> tanh(16) -> linear -> MSE, trained with plain gradient descent. */
function setup(n = 8) {
  np.random.seed(1);
  const X = np.random.randn(n, 2).named("X");
  const Y = np.random.randn(n, 1).named("Y");
  const W1 = np.random.randn(2, 4).mul(0.5).requiresGrad().named("W1");
  const b1 = np.zeros([4]).requiresGrad().named("b1");
  const W2 = np.random.randn(4, 1).mul(0.5).requiresGrad().named("W2");
  return { X, Y, W1, b1, W2 };
}

function epoch({ X, Y, W1, b1, W2 }: ReturnType<typeof setup>, lr = 0.1): number {
  const Z1 = X.matmul(W1).add(b1).named("Z1");
  const A1 = Z1.tanh().named("A1");
  const Yhat = A1.matmul(W2).named("Yhat");
  const L = Yhat.sub(Y).pow(2).mean().named("L");
  L.backward();
  np.noGrad(() => {
    for (const p of [W1, b1, W2]) p.assignSub((p.grad as Tensor).mul(lr));
  });
  for (const p of [W1, b1, W2]) p.zeroGrad();
  return L.item();
}

describe("trace records", () => {
  it("records forward, loss, backward and update steps in order, with names and shapes", () => {
    const net = setup();
    const trace = traceOf(() => epoch(net));
    const steps = stepRecords(trace);
    const phases = [...new Set(steps.map((s) => s.phase))];
    expect(phases).toEqual(["forward", "loss", "backward", "update"]);
    const z1 = steps.find((s) => s.name === "Z1")!;
    expect(z1.op).toBe("add");
    expect(z1.latex).toBe("Z_{1} = X W_{1} + b_{1}");
    expect(z1.shapes).toEqual({ inputs: [[8, 4], [4]], output: [8, 4] });
    expect(steps.find((s) => s.name === "L")!.phase).toBe("loss");
    // the scaled gradient lr ∂L/∂W_1 is folded into its update: one step, whose inputs are W1, dW1 and lr
    expect(steps.some((s) => s.op === "mul" && s.phase === "update")).toBe(false);
    const update = steps.find((s) => s.op === "assignSub" && s.name === "W1")!;
    expect(update.inputLabels).toEqual(["W1", "dW1", "0.1"]);
    expect(update.shapes.inputs).toEqual([[2, 4], [2, 4], []]);
    expect(update.latex).toBe("W_{1} \\leftarrow W_{1} - 0.1\\, \\frac{\\partial L}{\\partial W_{1}}");
    expect(steps.find((s) => s.name === "A1")!.phase).toBe("forward");
  });

  it("a chain rule reads '=': a tensor that fed one op gets its gradient, one that fed several a part per path (summed by a total)", () => {
    const z = np.array([0.5, -1]).requiresGrad().named("z");
    const steps = stepRecords(traceOf(() => {
      const p = z.sigmoid().named("p");
      p.log().add(p.mul(-1).add(1).log()).sum().named("L").backward();
    }));
    const chains = steps.flatMap((s) => s.grads ?? []).map((g) => g.chain);
    expect(chains.some((c) => c.includes("\\mathrel{+}="))).toBe(false);
    expect(chains.filter((c) => c.startsWith("\\left.\\frac{\\partial L}{\\partial p}\\right|_{\\text{via "))).toHaveLength(2);
    expect(steps.find((s) => s.op === "sigmoid.backward")!.grads![0].chain).toMatch(/^\\frac\{\\partial L\}\{\\partial z\} = /);
    // on screen, the total is dp and each part is dp via the op it came through
    expect(steps.find((s) => s.op === "total")!.outputLabel).toBe("dp");
    expect(steps.filter((s) => s.via !== undefined).map((s) => s.outputLabel).sort()).toEqual(["dp via log(p)", "dp via p * -1"]);
  });

  it("backward steps say which gradient flowed into which input, with the chain-rule factor", () => {
    const net = setup();
    const steps = stepRecords(traceOf(() => epoch(net)));
    const dW1 = steps.find((s) => s.phase === "backward" && s.name === "dW1")!;
    expect(dW1.op).toBe("matmul.backward");
    expect(dW1.grads![0].intoName).toBe("W1");
    expect(dW1.grads![0].into).toBe(net.W1.id);
    expect(dW1.grads![0].factor).toBe("X^{\\top}");
    expect(dW1.latex).toContain("\\frac{\\partial L}{\\partial W_{1}} = X^{\\top}");
    // the gradient reached W1 from the (unnamed) product X W1, which Z1 = X W1 + b1 passed through
    expect(dW1.grads![0].fromName).toBe(null);
    // in the order of the formula dW1 = Xᵀ dZ: the factor multiplies from the left (dZ · Xᵀ has no shape)
    expect(dW1.grads![0].chain).toBe("\\frac{\\partial L}{\\partial W_{1}} = \\underbrace{X^{\\top}}_{\\partial \\left(X W_{1}\\right) / \\partial W_{1}}\\, \\frac{\\partial L}{\\partial \\left(X W_{1}\\right)}");
    const dX = steps.find((s) => s.phase === "backward" && s.op === "matmul.backward" && s.grads![0].factor.startsWith("W_{2}"));
    expect(dX!.grads![0].chain).toMatch(/\\cdot \\underbrace\{W_\{2\}\^\{\\top\}\}/); // dA1 = dZ2 W2ᵀ: upstream first
    // on screen: the upstream gradient, then the op's inputs, by the names the student knows
    expect(dW1.inputLabels).toEqual(["dL/d(X @ W1)", "X", "W1"]);
    const db1 = steps.find((s) => s.name === "db1")!;
    expect(db1.shapes.output).toEqual([4]);
    const dZ1 = steps.find((s) => s.name === "dZ1")!;
    expect(dZ1.grads![0].fromName).toBe("A1");
    expect(dZ1.inputLabels).toEqual(["dA1", "Z1"]);
    expect(dZ1.latex).toBe("\\frac{\\partial L}{\\partial Z_{1}} = \\frac{\\partial L}{\\partial A_{1}} \\odot \\left(1 - {A_{1}}^{2}\\right)");
  });

  it("the recorded gradient values are the ones autograd stored in .grad", () => {
    const net = setup();
    const trace = startTrace();
    const Z1 = net.X.matmul(net.W1).add(net.b1).named("Z1");
    const L = Z1.tanh().sum().named("L");
    L.backward();
    stopTrace();
    const db1 = trace.rawSteps().find((s) => s.phase === "backward" && s.grad?.into === net.b1)!;
    expect(Array.from(db1.output.data)).toEqual(Array.from(net.b1.grad!.data));
  });

  it("keeps op outputs by reference and copies parameters that change in place", () => {
    const net = setup();
    const trace = startTrace();
    const before = Array.from(net.W1.data);
    epoch(net);
    epoch(net);
    stopTrace();
    const raw = trace.rawSteps();
    const firstMatmul = raw.find((s) => s.op === "matmul")!;
    // the first epoch's matmul read W1 before any update: it shows those values, not today's
    expect(Array.from(firstMatmul.inputs[1].data)).toEqual(before);
    expect(firstMatmul.inputs[1]).not.toBe(net.W1);
    expect(Array.from(net.W1.data)).not.toEqual(before);
    // the update step shows W1 after the change
    const update = raw.find((s) => s.op === "assignSub" && s.inputs[0].name === "W1")!;
    expect(update.phase).toBe("update");
    expect(Array.from(update.inputs[0].data)).toEqual(before);
    const z1 = raw.find((s) => s.output.name === "Z1")!;
    expect(z1.output.name).toBe("Z1"); // the same object the cell bound, not a copy
  });

  it("a parameter made and updated in one traced run shows its first values where it was made, and so does a (1, 1) bias", () => {
    // lesson 19's traced cell: Win = randn(3, 4) ⊙ 0.5 is a step; the update later changes Win in place
    np.random.seed(0);
    const X = np.random.randn(5, 3);
    let made: number[] = [];
    const trace = traceOf(() => {
      const Win = np.random.randn(3, 4).mul(0.5).requiresGrad().named("Win");
      const bOut = np.zeros([1, 1]).requiresGrad().named("bOut");
      made = Array.from(Win.data);
      const cost = X.matmul(Win).tanh().sum({ axis: 1, keepdims: true }).add(bOut).square().mean().named("cost");
      cost.backward();
      np.noGrad(() => {
        for (const w of [Win, bOut]) w.assignSub(w.grad!.mul(0.5));
      });
      expect(Array.from(Win.data)).not.toEqual(made);
      expect(bOut.item()).not.toBe(0);
    });
    const raw = trace.rawSteps();
    const making = raw.find((s) => s.op === "mul" && s.output.name === "Win")!;
    expect(Array.from(making.output.data)).toEqual(made);
    const readsWin = raw.find((s) => s.op === "matmul" && s.phase !== "backward")!;
    expect(readsWin.inputs[1]).toBe(making.output); // the same tensor: the graph's edge from maker to reader stays
    const readsBias = raw.find((s) => s.op === "add" && s.inputs[1].name === "bOut")!;
    expect(Array.from(readsBias.inputs[1].data)).toEqual([0]);
    const update = raw.find((s) => s.op === "assignSub" && s.output.name === "bOut")!;
    expect(Array.from(update.inputs[0].data)).toEqual([0]);
    // and the serialised trace (the app, the exported page) carries those values under the maker's output id
    const json = traceToJSON(trace);
    const makingRecord = json.steps.find((s) => s.step === making.step)!;
    expect(json.values![makingRecord.output].data).toEqual(made);
  });

  it("counts epochs: a forward op after a backward pass starts a new one", () => {
    const net = setup();
    const trace = traceOf(() => {
      for (let i = 0; i < 5; i++) epoch(net);
    });
    expect(trace.epochCount).toBe(5);
    const epochs = stepRecords(trace).map((s) => s.epoch);
    expect(epochs[0]).toBe(0);
    expect(epochs[epochs.length - 1]).toBe(4);
  });

  it("stamps each step with the cell and line set by at()", () => {
    const trace = startTrace();
    trace.at("forward", 3);
    np.ones([2]).add(1);
    trace.at("forward", 4);
    np.ones([2]).mul(2).named("Q");
    stopTrace();
    const steps = stepRecords(trace);
    expect(steps.map((s) => [s.cell, s.line])).toEqual([["forward", 3], ["forward", 4]]);
    expect(steps[1].name).toBe("Q");
  });

  it("a hand-written loss can be labelled with np.phase", () => {
    const trace = traceOf(() => {
      const p = np.array([0.8, 0.1, 0.1]);
      np.phase("loss", () => p.log().mul([1, 0, 0]).sum().neg());
    });
    expect(stepRecords(trace).every((s) => s.phase === "loss")).toBe(true);
  });

  it("records nothing when no trace is on", () => {
    const net = setup();
    const trace = startTrace();
    stopTrace();
    epoch(net);
    expect(trace.rawSteps()).toHaveLength(0);
  });
});

describe("trace memory bound", () => {
  it("a 1000-epoch run keeps the first epoch, the last and a few samples, within the byte cap", () => {
    const net = setup(300);
    const losses: number[] = [];
    const trace = startTrace();
    let heldMidRun = 0;
    for (let i = 0; i < 1000; i++) {
      losses.push(epoch(net, 0.05));
      if (i === 500) heldMidRun = trace.losses.size;
    }
    stopTrace();
    // during the run too, only the kept epochs' loss tensors (each holds its epoch's graph) stay reachable
    expect(heldMidRun).toBeLessThanOrEqual(1 + 8 + 2);
    const epochs = [...new Set(stepRecords(trace).map((s) => s.epoch))];
    expect(epochs[0]).toBe(0);
    expect(epochs[epochs.length - 1]).toBe(999);
    expect(epochs.length).toBeLessThanOrEqual(1 + 8 + 1 + 1);
    expect(epochs.length).toBeGreaterThanOrEqual(4);
    expect(trace.bytes()).toBeLessThan(trace.policy.maxBytes);
    expect(trace.droppedEpochs).toBeGreaterThan(900);
    // nothing of a dropped epoch stays reachable: each loss tensor would hold its epoch's whole graph
    const buckets = new Set(trace.rawSteps().map((s) => s.bucket));
    expect([...trace.losses.keys()].every((b) => buckets.has(b))).toBe(true);
    expect(losses[999]).toBeLessThan(losses[0]);
  }, 60_000); // 1000 epochs: about a second alone, several on a loaded machine

  it("a dropped epoch's tensors are collected, logsumexp's detached max included (it holds its epoch's graph)", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const net = setup(300);
    const Y = np.eye(3).slice(np.random.randint(0, 3, [300]));
    const W3 = np.random.randn(1, 3).requiresGrad();
    const firstLayer: WeakRef<Tensor>[] = [];
    const trace = traceOf(() => {
      for (let i = 0; i < 200; i++) {
        const A1 = net.X.matmul(net.W1).add(net.b1).tanh();
        firstLayer.push(new WeakRef(A1));
        const L = Y.mul(A1.matmul(net.W2).matmul(W3).logSoftmax()).sum({ axis: 1 }).mean().neg();
        L.backward();
        np.noGrad(() => { for (const p of [net.W1, net.b1, net.W2, W3]) p.assignSub(p.grad!.mul(0.05)); });
        for (const p of [net.W1, net.b1, net.W2, W3]) p.zeroGrad();
      }
    });
    // a WeakRef keeps its target alive until the job that made it ends
    for (let k = 0; k < 3; k++) {
      await new Promise((r) => setTimeout(r, 0));
      gc();
    }
    const kept = new Set(trace.rawSteps().map((s) => s.epoch));
    const alive = firstLayer.flatMap((ref, epoch) => (ref.deref() === undefined ? [] : [epoch]));
    expect(alive.filter((e) => !kept.has(e))).toEqual([]);
    expect(alive.length).toBeGreaterThan(0);
  }, 60_000);

  it("sampled epochs are evenly spaced by a power-of-two stride", () => {
    const net = setup();
    const trace = traceOf(() => {
      for (let i = 0; i < 200; i++) epoch(net);
    });
    const epochs = [...new Set(stepRecords(trace).map((s) => s.epoch))];
    const middle = epochs.slice(1, -1);
    const gaps = middle.slice(1).map((e, i) => e - middle[i]);
    expect(new Set(gaps).size).toBeLessThanOrEqual(1);
  });

  it("a hard byte cap stops recording and says so, instead of growing", () => {
    const trace = traceOf(() => {
      for (let i = 0; i < 100; i++) np.ones([100, 100]).add(i);
    }, { maxBytes: 1_000_000 });
    expect(trace.bytes()).toBeLessThanOrEqual(1_000_000);
    expect(trace.truncated).toBe(true);
    expect(trace.droppedSteps).toBeGreaterThan(0);
    expect(trace.stepCount).toBe(100); // one add per iteration (creation helpers are not ops)
  });
});

describe("trace JSON", () => {
  it("round-trips steps and values, with non-finite numbers encoded explicitly", () => {
    const trace = traceOf(() => {
      np.array([0, 1, -1]).log().named("logs");
    });
    const json = traceToJSON(trace);
    const text = JSON.stringify(json);
    expect(text).toContain('"-Infinity"');
    expect(text).toContain('"NaN"');
    const back = traceFromJSON(text);
    expect(back.steps).toEqual(json.steps);
    const out = back.arrays.get(back.steps[0].output)!;
    expect(out[0]).toBe(-Infinity);
    expect(out[1]).toBe(0);
    expect(Number.isNaN(out[2])).toBe(true);
  });

  it("rejects a trace of another version", () => {
    const json = traceToJSON(traceOf(() => np.ones([1]).add(1)));
    expect(() => traceFromJSON({ ...json, version: 99 })).toThrow(/version 99/);
  });
});

describe("trace formulas", () => {
  it("every step of a softmax + cross-entropy backward pass is valid KaTeX, with no placeholder names", async () => {
    const katex = (await import("katex")).default;
    const trace = traceOf(() => {
      const Z = np.array([[1, 2, 0.5], [0.1, 0.2, 3]]).requiresGrad().named("Z");
      const Y = np.oneHot([1, 2], 3).named("Y");
      const P = Z.softmax({ axis: 1 }).named("P");
      const L = P.log().mul(Y).sum().neg().div(2).named("L");
      L.backward();
    });
    for (const s of stepRecords(trace)) {
      for (const tex of [s.latex, s.rule, ...(s.grads ?? []).flatMap((g) => [g.factor, g.chain])]) {
        expect(() => katex.renderToString(tex, { throwOnError: true }), `${s.op}: ${tex}`).not.toThrow();
      }
      expect(s.latex, s.op).not.toMatch(/t_\{\d+\}/);
    }
  });
});

describe("a mask made numbers", () => {
  it("astype('float64') of a comparison is a step, so the mask is connected to what made it, and reads as that comparison", () => {
    const A1 = np.array([[0.5, -1], [2, 0.1]]).requiresGrad().named("A1");
    const u = np.array([[0.1, 0.9], [0.5, 0.7]]).named("u");
    const records = stepRecords(traceOf(() => A1.mul(u.less(0.8).astype("float64")).sum().named("L").backward()));
    const cast = records.find((s) => s.op === "astype")!;
    expect(cast).toMatchObject({ phase: "forward", inputLabels: ["u < 0.8"], outputLabel: "u < 0.8" });
    expect(records.find((s) => s.op === "mul" && s.phase === "forward")).toMatchObject({ inputLabels: ["A1", "u < 0.8"], latex: "A_{1} \\odot [u < 0.8]" });
    expect(np.array([1, 0]).less(1).astype("float64").dtype).toBe("float64");
  });
});
