// Phases from the graph: the loss's scalar tail or the whole loss of a function of parameters alone,
// a gradient read after backward (W.grad.copy()) is part of the backward pass and never an update, the
// steps that compute an in-place update are update steps, a scaled gradient folds into its update, and
// hand computations before the first forward pass are setup.
import { describe, it, expect } from "vitest";
import { np } from "../../../kernel/np.ts";
import { traceOf } from "../../../kernel/trace/active.ts";
import { stepRecords } from "../../../kernel/trace/steps.ts";
import { isGradientName } from "../../../kernel/trace/phases.ts";

const phases = (records: ReturnType<typeof stepRecords>) => records.map((r) => `${r.group} ${r.op} ${r.phase}`);

describe("the loss phase", () => {
  it("a loss of a differentiable leaf alone, unnamed (f(r) = mean(r²)), is all loss", () => {
    const r = np.array([-3, -0.5, 0.2, 1, 2.5]).requiresGrad().named("r");
    const records = stepRecords(traceOf(() => r.square().mean().backward()));
    expect(records.filter((s) => s.phase !== "backward").map((s) => `${s.op} ${s.phase}`)).toEqual(["pow loss", "sum loss", "div loss"]); // square, mean
  });

  it("a model output named before the trace (Z of an earlier cell) bounds the loss", () => {
    const X = np.array([[1, 2], [3, 4]]).named("X");
    const W = np.array([[0.5], [-0.5]]).requiresGrad().named("W");
    const Z = X.matmul(W).named("Z"); // an earlier cell
    const records = stepRecords(traceOf(() => Z.square().mean().named("Lz").backward()));
    expect(records.filter((s) => s.phase !== "backward").map((s) => `${s.op} ${s.phase}`)).toEqual(["pow loss", "sum loss", "div loss"]); // square, mean
  });

  it("a named function of the model's output alone (logP = log σ(z) of a leaf z) is the loss's, as L = -[y log σ(z) + ...] has it; a named output of weights and data bounds it", () => {
    const z = np.array([-4, 0, 2]).requiresGrad().named("z"), y = np.array([1, 0, 1]).named("y");
    const bce = stepRecords(traceOf(() => {
      const logP = z.neg().exp().log1p().neg().named("logP");
      const log1mP = z.exp().log1p().neg().named("log1mP");
      y.mul(logP).add(np.sub(1, y).mul(log1mP)).neg().mean().named("bce").backward();
    }));
    expect(bce.filter((s) => s.phase !== "backward").every((s) => s.phase === "loss")).toBe(true);
    const X = np.array([[1, 2], [3, 4]]).named("X"), W = np.array([[0.5], [-0.5]]).requiresGrad().named("W");
    const model = stepRecords(traceOf(() => {
      const yhat = X.matmul(W).named("yhat");
      yhat.neg().exp().log1p().mean().named("L").backward();
    }));
    expect(model.filter((s) => s.phase !== "backward").map((s) => `${s.op} ${s.phase}`)).toEqual(["matmul forward", "negative loss", "exp loss", "log1p loss", "sum loss", "div loss"]);
  });

  it("without a named boundary: from the residual (the model output minus the targets) on, and a penalty of parameters alone, is the loss; the unnamed model is not", () => {
    const X = np.array([[1, 2], [3, 4], [5, 6]]).named("X"), Y = np.array([[1], [0], [1]]).named("Y");
    const W = np.array([[0.5], [-0.5]]).requiresGrad().named("W");
    const records = stepRecords(traceOf(() => {
      X.matmul(W).tanh().sub(Y).square().mean().add(W.square().sum().mul(0.1)).named("J").backward();
    }));
    expect(records.filter((s) => s.phase !== "backward").map((s) => `${s.op} ${s.phase}`)).toEqual([
      "matmul forward", "tanh forward", "sub loss", "pow loss", "sum loss", "div loss", // the model; the loss from its residual on
      "pow loss", "sum loss", "mul loss", "add loss", // λ Σ W², and the total
    ]);
  });

  it("a loss made of named terms (cost = mse + penalty) is all loss: each term's steps, back to the model's named output", () => {
    const X = np.array([[1, 2], [3, 4], [5, 6]]).named("X"), Y = np.array([[1], [0], [1]]).named("Y");
    const W = np.array([[0.5], [-0.5]]).requiresGrad().named("W");
    const records = stepRecords(traceOf(() => {
      const pred = X.matmul(W).tanh().named("pred");
      const mse = pred.sub(Y).square().mean().named("mse");
      const penalty = W.square().sum().mul(0.05).named("penalty");
      mse.add(penalty).named("cost").backward();
    }));
    expect(records.filter((s) => s.phase !== "backward").map((s) => `${s.op} ${s.name ?? ""} ${s.phase}`.replace("  ", " "))).toEqual([
      "matmul forward", "tanh pred forward",
      "sub loss", "pow loss", "sum loss", "div mse loss",
      "pow loss", "sum loss", "mul penalty loss", "add cost loss",
    ]);
  });

  it("a model's named one-example output (yhat, shape (1, 1)) bounds the loss: Σ ŷ is the loss, the last layer stays forward (lesson 17)", () => {
    const x = np.array([[0.5, -1]]).requiresGrad().named("x");
    const W1 = np.array([[0.5, 1], [-0.5, 2]]).requiresGrad().named("W1"), W2 = np.array([[1], [-1]]).requiresGrad().named("W2");
    const records = stepRecords(traceOf(() => {
      const A1 = x.matmul(W1).tanh().named("A1");
      const yhat = A1.matmul(W2).named("yhat");
      yhat.sum().backward();
    }));
    expect(records.filter((s) => s.phase !== "backward").map((s) => `${s.op} ${s.name ?? ""} ${s.phase}`.replace("  ", " "))).toEqual([
      "matmul forward", "tanh A1 forward", "matmul yhat forward", "sum loss",
    ]);
  });

  it("lesson 5's L(w) = 1/n Σ (y_i - w x_i)²: the model is w x, the loss begins at the residual; data centred before the model stays forward", () => {
    const x = np.array([1, 2, 3, 4]).named("x"), y = np.array([2.1, 3.9, 6.2, 7.8]).named("y"), m = np.array([2, 2, 2, 2]).named("m");
    const w = np.array(0).requiresGrad().named("w");
    const records = stepRecords(traceOf(() => y.sub(x.mul(w)).square().mean().backward()));
    expect(records.filter((s) => s.phase !== "backward" && s.phase !== "update").map((s) => `${s.op} ${s.phase}`)).toEqual([
      "mul forward", "sub loss", "pow loss", "sum loss", "div loss",
    ]);
    const centred = stepRecords(traceOf(() => y.sub(x.sub(m).mul(w)).square().mean().backward()));
    expect(centred.filter((s) => s.phase === "forward").map((s) => s.op)).toEqual(["sub", "mul"]); // x - m: data minus data
  });
});

describe("after a backward pass", () => {
  it("W.grad.copy() is part of the backward pass, not an update, and stays in its iteration", () => {
    const r = np.array([1, -2, 3]).requiresGrad().named("r");
    const records = stepRecords(traceOf(() => {
      for (const f of [(t: typeof r) => t.square().mean(), (t: typeof r) => t.abs().mean()]) {
        r.zeroGrad();
        f(r).backward();
        r.grad!.copy();
      }
    }));
    const copies = records.filter((s) => s.op === "copy");
    expect(copies.map((s) => `${s.group} ${s.iteration} ${s.phase}`)).toEqual(["iteration 0 backward", "iteration 1 backward"]);
    expect(copies[0]!.latex).toBe("\\frac{\\partial L}{\\partial r}");
    expect(records.some((s) => s.phase === "update")).toBe(false);
  });

  it("the steps that compute an in-place update are update steps (momentum: v ← μ v + ∂L/∂w)", () => {
    const w = np.array([1, 2]).requiresGrad().named("w");
    const v = np.zeros([2]).named("v");
    const records = stepRecords(traceOf(() => {
      w.square().sum().named("L").backward();
      np.noGrad(() => {
        v.assign(v.mul(0.9).add(w.grad!));
        w.assignSub(v.mul(0.1));
      });
    }));
    const after = records.slice(records.findIndex((s) => s.op === "mul" && s.phase !== "backward" && s.phase !== "loss"));
    expect(after.map((s) => `${s.op} ${s.phase}`)).toEqual(["mul update", "add update", "assign update", "mul update", "assignSub update"]);
  });

  it("a scaled gradient folds into its update; one that is read again stays a step of its own", () => {
    const w = np.array([1, 2]).requiresGrad().named("w");
    const alpha = 0.05;
    const records = stepRecords(traceOf(() => {
      w.square().sum().named("L").backward();
      np.noGrad(() => w.assignSub(w.grad!.mul(alpha)));
    }));
    const tail = records.filter((s) => s.phase === "update");
    expect(tail.map((s) => s.op)).toEqual(["assignSub"]);
    expect(tail[0]!.inputLabels).toEqual(["w", "dw", "0.05"]);
    expect(tail[0]!.latex).toBe("w \\leftarrow w - 0.05\\, \\frac{\\partial L}{\\partial w}");

    const u = np.array([1, 2]).requiresGrad().named("u");
    const again = stepRecords(traceOf(() => {
      u.square().sum().named("L").backward();
      np.noGrad(() => {
        const step = u.grad!.mul(alpha);
        u.assignSub(step);
        step.abs().max();
      });
    }));
    expect(again.filter((s) => s.group === "iteration" && s.phase === "update").map((s) => s.op)).toEqual(["mul", "assignSub"]);
  });
});

describe("setup", () => {
  it("hand-computed gradients before the first forward pass are setup, not the first iteration", () => {
    const r = np.array([-3, 0.5, 2]).requiresGrad().named("r");
    const records = stepRecords(traceOf(() => {
      r.mul(2 / 3).named("gMSE");
      np.sign(r).div(3).named("gMAE");
      for (const f of [(t: typeof r) => t.square().mean(), (t: typeof r) => t.abs().mean()]) {
        r.zeroGrad();
        f(r).backward();
        r.grad!.copy();
      }
    }));
    expect(phases(records.filter((s) => s.phase !== "backward"))).toEqual([
      "setup mul forward", "setup sign forward", "setup div forward",
      "iteration pow loss", "iteration sum loss", "iteration div loss",
      "iteration abs loss", "iteration sum loss", "iteration div loss",
    ]);
    expect(records.filter((s) => s.group === "setup").map((s) => s.name)).toEqual(["gMSE", null, "gMAE"]);
  });

  it("unnamed work at the end of the setup that the loss needs (x[0:2] of a convolution) starts the first iteration", () => {
    const x = np.array([1, 2, -1, 0.5]).named("x");
    const w = np.array([0.5, -0.2]).requiresGrad().named("w");
    const records = stepRecords(traceOf(() => {
      const W0 = np.array([1, 1]).mul(0.5).named("W0"); // named initialisation: stays setup
      let y = x.slice("0:3").mul(w.slice(0));
      y = y.add(x.slice("1:4").mul(w.slice(1)));
      y.add(W0.sum()).sum().backward();
    }));
    expect(records.filter((s) => s.group === "setup").map((s) => s.name)).toEqual(["W0"]);
    expect(records[1]).toMatchObject({ group: "iteration", iteration: 0, op: "gather", latex: "x[0:3]" });
    // L = Σ y: its gradient is 𝟏, not "𝟏 1"
    expect(records.find((s) => s.op === "sum.backward")!.latex).toMatch(/= \\mathbf\{1\}$/);
  });
});

describe("a variable named as a gradient", () => {
  it("dZ, dW1, db, dz, dA1dropped, dwByHand, dydxByHand are gradients by hand; data, delta, dense, decoded, d are not", () => {
    for (const name of ["dZ", "dW1", "db", "dz", "dA1dropped", "dwByHand", "dydxByHand", "dW2penalty", "dL"]) expect(isGradientName(name), name).toBe(true);
    for (const name of ["data", "delta", "dense", "decoded", "d", "diff", "dist", "dropout", "Z", "dydata"]) expect(isGradientName(name), name).toBe(false);
  });
});
