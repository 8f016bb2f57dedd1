// Iterations, epochs and mini-batches: setup before the loop and work after it are their own groups,
// never an epoch; np.trace.epoch / np.trace.batch mark a mini-batch loop; the keep policy thins
// iterations but keeps the first and the last epoch whole.
import { describe, it, expect } from "vitest";
import { np } from "../../../kernel/np.ts";
import { traceOf } from "../../../kernel/trace/active.ts";
import { stepRecords } from "../../../kernel/trace/steps.ts";
import { groupLabeller } from "../../../kernel/trace/record.ts";
import type { Tensor } from "../../../kernel/tensor/tensor.ts";

function data(n = 6) {
  np.random.seed(2);
  return { X: np.random.randn(n, 2).named("X"), Y: np.random.randn(n, 1).named("Y") };
}
function train(X: Tensor, Y: Tensor, W: Tensor, lr = 0.1) {
  const L = X.matmul(W).sub(Y).square().mean().named("L");
  L.backward();
  np.noGrad(() => W.assignSub(W.grad!.mul(lr)));
  W.zeroGrad();
}
/** the groups of a trace, in order, with how many steps each */
const groups = (records: ReturnType<typeof stepRecords>) => {
  const label = groupLabeller(records);
  const out: string[] = [];
  for (const r of records) {
    const g = label(r);
    if (out.at(-1) !== g) out.push(g);
  }
  return out;
};

describe("iterations and epochs", () => {
  it("a plain loop: one iteration per forward-backward-update, nothing else", () => {
    const { X, Y } = data();
    const W = np.zeros([2, 1]).requiresGrad().named("W");
    const records = stepRecords(traceOf(() => { for (let i = 0; i < 3; i++) train(X, Y, W); }));
    expect(groups(records)).toEqual(["iteration 1", "iteration 2", "iteration 3"]);
    expect(records.every((r) => r.group === "iteration")).toBe(true);
    expect(records.filter((r) => r.op === "assignSub").map((r) => r.iteration)).toEqual([0, 1, 2]);
  });

  it("initialisation before the loop is setup and hand checks after it are after, never an epoch", () => {
    const { X, Y } = data();
    const records = stepRecords(traceOf(() => {
      const W = np.random.randn(2, 1).mul(0.5).requiresGrad().named("W"); // setup
      for (let i = 0; i < 2; i++) train(X, Y, W);
      const check = X.matmul(W).sub(Y).named("residual");                  // after: a forward pass with no backward
      np.noGrad(() => check.abs().max());
    }));
    expect(groups(records)).toEqual(["setup", "iteration 1", "iteration 2", "after the loop"]);
    expect(records[0]).toMatchObject({ group: "setup", iteration: null, op: "mul" });
    const after = records.filter((r) => r.group === "after");
    expect(after.map((r) => r.op)).toEqual(["matmul", "sub", "abs", "max"]);
    expect(after.every((r) => r.phase === "forward" && r.iteration === null)).toBe(true);
    expect(Math.max(...records.map((r) => r.iteration ?? -1))).toBe(1);
  });

  it("hand computation right after a backward pass (no update) is after-work, not a second epoch", () => {
    const { X, Y } = data();
    const W = np.ones([2, 1]).requiresGrad().named("W");
    const records = stepRecords(traceOf(() => {
      const Z = X.matmul(W).named("Z");
      Z.sub(Y).square().mean().named("L").backward();
      np.noGrad(() => X.T.matmul(Z.sub(Y)).named("dW"));
    }));
    expect(groups(records)).toEqual(["forward and backward pass", "after the backward pass"]);
    const after = records.filter((r) => r.group === "after");
    expect(after.map((r) => r.op)).toEqual(["transpose", "sub", "matmul"]);
    // dW is a gradient by hand, as the derivation's dW = Xᵀ (Z - Y): its steps are badged backward
    expect(after.map((r) => r.phase)).toEqual(["backward", "backward", "backward"]);
  });

  it("work after a backward pass that reads its gradients is backward, even where a gradient by hand began a new bucket (lesson 10's dW2 - dW2penalty)", () => {
    const { X, Y } = data();
    const W = np.ones([2, 1]).requiresGrad().named("W");
    const records = stepRecords(traceOf(() => {
      X.matmul(W).sub(Y).square().mean().add(W.square().sum().mul(0.03)).named("J").backward();
      const dWpenalty = W.mul(2 * 0.03).named("dWpenalty");
      W.grad!.sub(dWpenalty);
    }));
    const after = records.filter((r) => r.group === "after");
    expect(after.map((r) => `${r.op}:${r.phase}`)).toEqual(["mul:backward", "sub:backward"]);
  });

  it("a gradient by hand from values that need one (dZ = Z ⊙ 2/n, db = Σ dZ) is badged backward and is after-work, not the next iteration", () => {
    const { X } = data();
    const W = np.ones([2, 3]).requiresGrad().named("W");
    const records = stepRecords(traceOf(() => {
      const Z = X.matmul(W).named("Z");
      Z.square().mean().named("Lz").backward();
      const dZ = Z.mul(2 / Z.size).named("dZ");
      X.T.matmul(dZ).named("dW");
      np.sum(dZ, { axis: 0 }).named("db");
      Z.abs().max().named("biggest"); // not a gradient: forward
    }));
    expect(groups(records)).toEqual(["forward and backward pass", "after the backward pass"]);
    const after = records.filter((r) => r.group === "after");
    expect(after.map((r) => `${r.op}:${r.phase}`)).toEqual(["mul:backward", "transpose:backward", "matmul:backward", "sum:backward", "abs:forward", "max:forward"]);
    // written out as the code is, not as autograd's gradients: db = Σ_{axis=0} dZ
    expect(after.find((r) => r.op === "sum")!.latex).toBe("db = \\sum_{\\text{axis}=0} dZ");
    expect(after.find((r) => r.op === "transpose")!.outputLabel).toBe("X.T");
  });

  it("a gradient by hand in the middle of a loop stays with its iteration: the update after it is an update, and the next forward pass begins the next iteration", () => {
    const { X, Y } = data();
    const W = np.ones([2, 1]).requiresGrad().named("W");
    const records = stepRecords(traceOf(() => {
      for (let epoch = 0; epoch < 3; epoch++) {
        const Z = X.matmul(W).named("Z");
        Z.sub(Y).square().mean().named("L").backward();
        const dZ = Z.sub(Y).mul(2 / Z.size).named("dZ"); // reads Z, which needs a gradient
        X.T.matmul(dZ).named("dW");
        np.noGrad(() => W.assignSub(W.grad!.mul(0.1)));
        W.zeroGrad();
      }
    }));
    expect(groups(records)).toEqual(["iteration 1", "iteration 2", "iteration 3"]);
    for (let i = 0; i < 3; i++) {
      const it = records.filter((r) => r.iteration === i);
      // forward, loss, backward, the gradient by hand (backward), the update: in the order the loop runs
      expect(it.map((r) => `${r.op}:${r.phase}`)).toEqual([
        "matmul:forward", "sub:loss", "pow:loss", "sum:loss", "div:loss",
        "div.backward:backward", "sum.backward:backward", "pow.backward:backward", "sub.backward:backward", "matmul.backward:backward",
        "sub:backward", "mul:backward", "transpose:backward", "matmul:backward",
        "assignSub:update",
      ]);
    }
  });

  it("an iteration that fills its bucket before its backward pass still begins at its forward pass (no steps lost to the one before)", () => {
    const { X, Y } = data();
    const W = np.ones([2, 1]).requiresGrad().named("W");
    const run = (maxStepsPerEpoch?: number) => stepRecords(traceOf(() => {
      for (let epoch = 0; epoch < 2; epoch++) {
        let Z = X.matmul(W);
        for (let k = 0; k < 6; k++) Z = Z.mul(1);
        Z.sub(Y).square().mean().backward(); // no update: the next forward pass is only known as such here
      }
    }, maxStepsPerEpoch === undefined ? undefined : { maxStepsPerEpoch }));
    const whole = run();
    expect(whole.filter((r) => r.iteration === 1 && r.op === "mul")).toHaveLength(6);
    // 16 steps an iteration fit; 12 do not: the second iteration keeps its first 12, the forward pass
    const cut = run(12);
    expect(cut.filter((r) => r.iteration === 1).map((r) => r.op)).toEqual(whole.filter((r) => r.iteration === 1).map((r) => r.op).slice(0, 12));
  });

  it("an update by a gradient by hand (W -= lr dW) is an update; the hand gradient stays backward", () => {
    const { X, Y } = data();
    const W = np.ones([2, 1]).requiresGrad().named("W");
    const records = stepRecords(traceOf(() => {
      for (let epoch = 0; epoch < 2; epoch++) {
        const Z = X.matmul(W).named("Z");
        Z.sub(Y).square().mean().named("L").backward();
        const dW = X.T.matmul(Z.sub(Y).mul(2 / Z.size)).named("dW");
        np.noGrad(() => W.assignSub(dW.mul(0.1)));
        W.zeroGrad();
      }
    }));
    expect(groups(records)).toEqual(["iteration 1", "iteration 2"]);
    const first = records.filter((r) => r.iteration === 0 && r.step > records.find((s) => s.op === "matmul.backward")!.step);
    expect(first.map((r) => `${r.op}:${r.phase}`)).toEqual(["transpose:backward", "sub:backward", "mul:backward", "matmul:backward", "mul:update", "assignSub:update"]);
  });

  it("a run with one pass names it by what it does, not 'iteration 1' (no loop to count); a thinned loop keeps its numbers", () => {
    const { X, Y } = data();
    const step = stepRecords(traceOf(() => {
      const W = np.random.randn(2, 1).mul(0.5).requiresGrad().named("W"); // setup
      train(X, Y, W);
      X.matmul(W).named("check");
    }));
    expect(groups(step)).toEqual(["setup", "training step", "after the training step"]);
    const forward = stepRecords(traceOf(() => { X.mul(2).named("X2").sum(); }));
    expect(groups(forward)).toEqual(["forward pass"]);
    // the trace dropped iterations: one is left in the list, but the run was a loop
    const one = forward.map((r) => ({ ...r, iteration: 5, epoch: 5 }));
    expect(groupLabeller(one, 5)(one[0]!)).toBe("iteration 6");
  });

  it("mini-batches marked with np.trace.epoch and np.trace.batch read 'epoch e, batch k'", () => {
    const { X, Y } = data(6);
    const W = np.zeros([2, 1]).requiresGrad().named("W");
    const trace = traceOf(() => {
      for (let e = 1; e <= 2; e++) {
        np.trace.epoch(e);
        for (let k = 1; k <= 3; k++) {
          np.trace.batch(k);
          const rows = np.arange(2 * (k - 1), 2 * k);
          train(X.slice(rows), Y.slice(rows), W);
        }
      }
    });
    const records = stepRecords(trace);
    expect(groups(records)).toEqual([
      "epoch 1, batch 1", "epoch 1, batch 2", "epoch 1, batch 3",
      "epoch 2, batch 1", "epoch 2, batch 2", "epoch 2, batch 3",
    ]);
    expect(trace.epochCount).toBe(6); // iterations
    expect(new Set(records.map((r) => r.iteration))).toEqual(new Set([0, 1, 2, 3, 4, 5]));
  });

  it("keeps every batch of the first and the last epoch, and thins the epochs between", () => {
    const { X, Y } = data(6);
    const W = np.zeros([2, 1]).requiresGrad().named("W");
    const trace = traceOf(() => {
      for (let e = 0; e < 40; e++) {
        np.trace.epoch(e);
        for (let k = 0; k < 3; k++) {
          np.trace.batch(k);
          const rows = np.arange(2 * k, 2 * k + 2);
          train(X.slice(rows), Y.slice(rows), W);
        }
      }
    }, { sampledEpochs: 4 });
    const records = stepRecords(trace);
    const batchesOf = (e: number) => [...new Set(records.filter((r) => r.epoch === e).map((r) => r.batch))];
    expect(batchesOf(0)).toEqual([0, 1, 2]);
    expect(batchesOf(39)).toEqual([0, 1, 2]);
    const iterations = new Set(records.map((r) => r.iteration));
    expect(iterations.size).toBeLessThanOrEqual(3 + 4 + 3);
    expect(trace.droppedEpochs).toBeGreaterThan(100);
  });

  it("a cell with no loop (one forward pass) is one iteration, not setup", () => {
    const records = stepRecords(traceOf(() => { np.ones([2, 2]).named("A").matmul(np.ones([2, 1])).named("B"); }));
    expect(records.every((r) => r.group === "iteration" && r.iteration === 0)).toBe(true);
  });

  it("marks are no-ops without a trace and refuse nonsense", () => {
    expect(() => np.trace.epoch(1)).not.toThrow();
    expect(() => np.trace.epoch(-1)).toThrow("trace.epoch: expected a non-negative integer, got -1");
    expect(() => np.trace.batch(0.5)).toThrow(/trace.batch/);
  });
});

describe("the loss phase is bounded by named tensors of the same iteration", () => {
  it("parameters made in the setup do not turn an unnamed model's forward pass into the loss; its final mean is the loss", async () => {
    const { np } = await import("../../../kernel/np.ts");
    const { traceOf } = await import("../../../kernel/trace/active.ts");
    const { stepRecords } = await import("../../../kernel/trace/steps.ts");
    np.random.seed(0);
    const X = np.array([[1, 2], [3, 4]]).named("X"), Y = np.array([[1], [0]]).named("Y");
    const trace = traceOf(() => {
      const W = np.random.randn(2, 1).mul(0.5).requiresGrad().named("W"); // setup: made before the loop
      for (let i = 0; i < 2; i++) {
        const L = X.matmul(W).tanh().sub(Y).square().mean().named("L"); // the model and the loss in one line
        L.backward();
        np.noGrad(() => W.assignSub(W.grad!.mul(0.1)));
        W.zeroGrad();
      }
    });
    const first = stepRecords(trace).filter((s) => s.group === "iteration" && s.iteration === 0 && s.phase !== "backward" && s.phase !== "update");
    // no named tensor of the iteration separates model and loss: the loss begins where the model's
    // output meets the targets (the residual), and the model (matmul, tanh) stays forward
    expect(first.map((s) => `${s.op} ${s.phase}`)).toEqual(["matmul forward", "tanh forward", "sub loss", "pow loss", "sum loss", "div loss"]);
  });
});

describe("a leaf's .grad is written as its gradient", () => {
  it("b.grad.copy() and W.grad.copy() read ∂L/∂b and ∂J/∂W, never an array, also when a later backward totals W's gradient", async () => {
    const { np } = await import("../../../kernel/np.ts");
    const { traceOf } = await import("../../../kernel/trace/active.ts");
    const { stepRecords } = await import("../../../kernel/trace/steps.ts");
    const X = np.array([[1, 2], [3, 4], [5, 6]]).named("X");
    const trace = traceOf(() => {
      // made inside the trace, as a lesson's makeParams() does: W = randn(...) * 0.5, a setup step
      const W = np.random.randn(2, 1).mul(0.5).requiresGrad().named("W");
      const b = np.zeros([1, 1]).requiresGrad().named("b");
      X.matmul(W).add(b).tanh().square().mean().named("L").backward();
      b.grad!.copy().named("dbcopy");
      W.grad!.copy().named("dWfirst");
      W.zeroGrad();
      // J reaches W by two paths (the model and a penalty): W's gradient is a total this time
      X.matmul(W).add(b).tanh().sum().add(W.square().sum()).named("J").backward();
      W.grad!.copy().named("dWcopy");
    });
    const steps = stepRecords(trace);
    const db = steps.find((s) => s.name === "dbcopy")!, dW = steps.find((s) => s.name === "dWcopy")!;
    const first = steps.find((s) => s.name === "dWfirst")!;
    for (const s of [db, dW, first]) expect(s.latex).not.toContain("\\text{array}");
    expect(first.latex).toContain("\\frac{\\partial L}{\\partial W}");
    expect(db.latex).toContain("\\frac{\\partial L}{\\partial b}");
    expect(dW.latex).toContain("\\frac{\\partial J}{\\partial W}");
  });
});
