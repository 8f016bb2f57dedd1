// The trace says what the derivation says: broadcast sums, totals over paths, names not values.
import { describe, it, expect } from "vitest";
import { np } from "../../../kernel/np.ts";
import { traceOf } from "../../../kernel/trace/active.ts";
import { stepRecords } from "../../../kernel/trace/steps.ts";
import { stepTensors } from "../../../kernel/trace/step-tensors.ts";
import { visibleLength } from "../../../kernel/trace/tex.ts";
import { reduceText } from "../../../kernel/trace/record.ts";
import { denominators } from "../../notebooks/denominators.ts";

describe("broadcast reductions are visible", () => {
  it("a bias gradient is the sum of dZ over the rows it was added to, with the axes and both shapes", () => {
    const X = np.random.randn(6, 3).named("X");
    const W1 = np.random.randn(3, 4).requiresGrad().named("W1");
    const b1 = np.zeros([1, 4]).requiresGrad().named("b1");
    let Z1!: ReturnType<typeof np.zeros>;
    const trace = traceOf(() => {
      Z1 = X.matmul(W1).add(b1).named("Z1");
      Z1.tanh().sum().named("L").backward();
    });
    const steps = stepRecords(trace);
    const db1 = steps.find((s) => s.name === "db1")!;
    expect(db1.latex).toBe("\\frac{\\partial L}{\\partial b_{1}} = \\sum_{i} \\frac{\\partial L}{\\partial Z_{1}}[i, :]");
    expect(db1.reduce).toEqual({ axes: [0], from: [6, 4], to: [1, 4] });
    expect(db1.rule).toBe("\\sum_{i} G[i, :]");
    // the value is the column sum of dZ1, as the lesson's db = sum(dZ, axis 0)
    const dZ1 = Z1.grad!;
    expect(Array.from(stepTensors(trace).get(db1.output)!.data)).toEqual(Array.from(np.sum(dZ1, { axis: 0 }).data));
    // a gradient that keeps its shape has no sum
    expect(steps.find((s) => s.name === "dW1")!.reduce).toBeUndefined();
  });

  it("a scalar weight times a vector sums its gradient over every element: Σ_i (∂L/∂(x w) ⊙ x)[i]", () => {
    const x = np.array([1, 2, 3, 4]).named("x");
    const w = np.array(0.5).requiresGrad().named("w");
    const steps = stepRecords(traceOf(() => x.mul(w).sum().named("L").backward()));
    const dw = steps.find((s) => s.name === "dw")!;
    expect(dw.latex).toBe("\\frac{\\partial L}{\\partial w} = \\sum_{i} \\left(\\frac{\\partial L}{\\partial \\left(x \\odot w\\right)} \\odot x\\right)[i]");
    expect(dw.reduce).toEqual({ axes: [0], from: [4], to: [] });
  });

  it("a (3, 1) input broadcast against (3, 4) sums over axis 1", () => {
    const a = np.ones([3, 4]).requiresGrad().named("A");
    const c = np.ones([3, 1]).requiresGrad().named("c");
    const steps = stepRecords(traceOf(() => a.sub(c).sum().named("L").backward()));
    const dc = steps.find((s) => s.name === "dc")!;
    expect(dc.latex).toContain("\\sum_{j} \\left(-");
    expect(dc.latex).toContain("[:, j]");
    expect(dc.reduce).toEqual({ axes: [1], from: [3, 4], to: [3, 1] });
  });
});

describe("gradient accumulation is visible", () => {
  it("a tensor that feeds two ops gets one part per path, labelled, and a total equal to their sum", () => {
    const x = np.array([1, 0, -1, 2]).named("x");
    const w1 = np.array(0.5).requiresGrad().named("w1");
    const w5 = np.array(0.7).requiresGrad().named("w5");
    const w7 = np.array(-0.3).requiresGrad().named("w7");
    let N1!: ReturnType<typeof np.zeros>;
    const trace = traceOf(() => {
      N1 = x.mul(w1).tanh().named("N1");
      const N3 = N1.mul(w5).tanh().named("N3");
      const N4 = N1.mul(w7).tanh().named("N4");
      N3.add(N4).sum().named("L").backward();
    });
    const steps = stepRecords(trace);
    const values = stepTensors(trace);
    const parts = steps.filter((s) => s.via !== undefined && s.grads?.[0].intoName === "N1");
    expect(parts.map((p) => p.via).sort()).toEqual(["N3", "N4"]);
    expect(parts[0].latex).toMatch(/^\\left\.\\frac\{\\partial L\}\{\\partial N_\{1\}\}\\right\|_\{\\text\{via \} N_\{[34]\}\}/);
    const total = steps.find((s) => s.op === "total")!;
    expect(total.name).toBe("dN1");
    expect(total.phase).toBe("backward");
    expect(total.latex).toMatch(/^\\frac\{\\partial L\}\{\\partial N_\{1\}\} = \\left\..*via \} N_\{4\}.* \+ \\left\..*via \} N_\{3\}/);
    // the total's value is the sum of the parts, and is what N1's own backward step used
    const [a, b] = total.inputs.map((id) => values.get(id)!.data);
    const sum = Array.from(a, (v, i) => v + b[i]);
    expect(Array.from(values.get(total.output)!.data)).toEqual(sum);
    const tanhBack = steps.find((s) => s.op === "tanh.backward" && s.step > total.step)!;
    expect(tanhBack.inputs[0]).toBe(total.output);
    expect(tanhBack.step).toBeGreaterThan(total.step);
    // and no part claims to be the whole gradient
    expect(steps.filter((s) => s.name === "dN1")).toHaveLength(1);
  });

  it("a parameter used twice gets a total too, and its update uses it", () => {
    const x = np.array([1, 2]).named("x");
    const w = np.array(0.5).requiresGrad().named("w");
    const steps = stepRecords(traceOf(() => {
      x.mul(w).add(x.mul(w).mul(w)).sum().named("L").backward();
    }));
    const total = steps.find((s) => s.op === "total")!;
    expect(total.name).toBe("dw");
    expect(total.inputs.length).toBe(3);
  });
});

describe("names, not values or internal ids", () => {
  it("an unnamed random leaf is written by where it came from; a gradient by ∂L/∂ of its tensor", () => {
    np.random.seed(0);
    const steps = stepRecords(traceOf(() => {
      const W = np.random.randn(3, 4).mul(0.5).requiresGrad().named("W");
      const b = np.array([0.1, 0.2, 0.3, 0.4]).requiresGrad();
      const L = np.ones([2, 3]).named("X").matmul(W).add(b).sum().named("L");
      L.backward();
      np.noGrad(() => W.assignSub(W.grad!.mul(0.1)));
      np.noGrad(() => b.assignSub(b.grad!.mul(0.1)));
    }));
    expect(steps[0].latex).toBe("W = \\operatorname{randn}(3, 4) \\odot 0.5");
    for (const s of steps) {
      expect(s.latex, s.op).not.toMatch(/t_\{\d+\}/);
      expect(s.latex, s.op).not.toMatch(/\[-?\d[^\]]*,/); // a tensor printed as a list
      expect(s.latex, s.op).not.toMatch(/- -/);
    }
    const update = steps.find((s) => s.op === "assignSub" && s.name === "W")!;
    expect(update.latex).toBe("W \\leftarrow W - 0.1\\, \\frac{\\partial L}{\\partial W}");
    const ub = steps.filter((s) => s.op === "assignSub").at(-1)!;
    expect(ub.latex).toBe("\\text{array}_{(4)} \\leftarrow \\text{array}_{(4)} - 0.1\\, \\frac{\\partial L}{\\partial \\text{array}_{(4)}}");
  });

  it("a scalar constant the code named is written by that name, its value beside it", () => {
    const w = np.array(0).requiresGrad().named("w");
    const trace = traceOf(() => {
      np.array([1, 2]).named("x").mul(w).sum().named("L").backward();
      np.noGrad(() => w.assignSub(w.grad!.mul(0.05)));
    });
    trace.constantName = (v) => (v === 0.05 ? { name: "alpha", value: 0.05 } : null);
    const update = stepRecords(trace).find((s) => s.op === "assignSub")!;
    expect(update.latex).toBe("w \\leftarrow w - \\alpha\\, \\frac{\\partial L}{\\partial w},\\quad \\alpha = 0.05");
  });

  it("a named constant is written beside a formula only where the formula uses it (lesson 10: ∂J/∂(mse) = 1 has no λ)", () => {
    const X = np.array([[1], [2], [3]]).named("X"), Y = np.array([[1], [0], [1]]).named("Y");
    const W = np.array([[0.5]]).requiresGrad().named("W");
    const trace = traceOf(() => {
      X.matmul(W).sub(Y).square().mean().add(W.square().sum().mul(0.03)).named("J").backward();
    });
    trace.constantName = (v) => (v === 0.03 ? { name: "lambda", value: 0.03 } : null);
    const steps = stepRecords(trace);
    const [toMse, toPenalty] = steps.filter((s) => s.op === "add.backward" && s.shapes.output.length === 0);
    expect(toMse!.latex).not.toContain("\\lambda"); // ∂J/∂(Σ (XW - Y)² / 3) = 1
    expect(toMse!.latex).toMatch(/= 1$/);
    expect(toPenalty!.latex).toMatch(/= 1,\\quad \\lambda = 0\.03$/); // ∂J/∂(Σ W² ⊙ λ): λ is in it
    // the penalty's own step still says what λ is
    expect(steps.find((s) => s.op === "mul" && s.phase === "loss")!.latex).toContain(",\\quad \\lambda = 0.03");
  });
});

describe("where's gradient", () => {
  it("a condition that is an indicator already is not wrapped again: G ⊙ [|r| ≤ 1] and G ⊙ (1 - [|r| ≤ 1]), Iverson's bracket as the course writes it", () => {
    const r = np.array([-2, 0.5, 3]).requiresGrad().named("r");
    const steps = stepRecords(traceOf(() => {
      np.where(r.abs().lessEqual(1), r.square().mul(0.5), r.abs()).sum().named("L").backward();
    }));
    const [inside, outside] = steps.filter((s) => s.op === "where.backward").map((s) => s.latex);
    expect(inside).toMatch(/\\odot \[\\lvert r \\rvert \\le 1\]$/);
    expect(outside).toMatch(/\\odot \\left\(1 - \[\\lvert r \\rvert \\le 1\]\\right\)$/);
    // a condition that is not an indicator is wrapped as before
    const m = np.array([1, 0, 1]).named("m");
    const plain = stepRecords(traceOf(() => np.where(m, r, r.mul(2)).sum().named("L").backward())).filter((s) => s.op === "where.backward");
    expect(plain.map((s) => s.latex.slice(s.latex.lastIndexOf("\\odot")))).toEqual(["\\odot [m]", "\\odot [\\lnot m]"]);
  });
});

describe("no brackets where the formula groups already", () => {
  it("a superscript, a fraction and a root hold an unnamed sum whole: e^{a - b}, \\frac{G}{a + b}, \\sqrt{a + b}", () => {
    const a = np.array([0.5, 1.5, 2]).requiresGrad().named("a");
    const b = np.array([0.25, 0.5, 1]).requiresGrad().named("b");
    const latexOf = (op: string, loss: () => void) => stepRecords(traceOf(loss)).find((s) => s.op === op)!.latex;
    expect(latexOf("exp.backward", () => a.sub(b).exp().sum().named("L").backward())).toMatch(/\\odot e\^\{a - b\}$/);
    expect(latexOf("log.backward", () => a.add(b).log().sum().named("L").backward())).toMatch(/\\frac\{[^]*\}\{a \+ b\}$/);
    expect(latexOf("sqrt.backward", () => a.add(b).sqrt().sum().named("L").backward())).toMatch(/\{2\\sqrt\{a \+ b\}\}$/);
    // ∂L/∂a of a / (a + b) divides by a + b, unbracketed; ∂L/∂(a + b) squares it, bracketed
    const div = stepRecords(traceOf(() => a.div(a.add(b)).sum().named("L").backward())).filter((s) => s.op === "div.backward").map((s) => s.latex);
    expect(div.some((l) => /\}\{a \+ b\}$/.test(l))).toBe(true);
    expect(div.some((l) => l.includes("\\frac{a}{{\\left(a + b\\right)}^{2}}"))).toBe(true);
  });
});

describe("a name reassigned from itself", () => {
  it("y = y + x[k] w[k] in a loop: the earlier values are y^{(0)}, y^{(1)}, the last is y, and no step reads ∂L/∂y = ∂L/∂y", () => {
    const x = np.array([1, 2, -1, 0.5]).named("x");
    const w = np.array([0.5, -0.2]).requiresGrad().named("w");
    const steps = stepRecords(traceOf(() => {
      let y = np.zeros([3]).named("y");
      for (let k = 0; k < 2; k++) y = y.add(x.slice(`${k}:${k + 3}`).mul(w.slice(k))).named("y");
      y.sum().backward();
    }));
    const adds = steps.filter((s) => s.op === "add").map((s) => s.latex);
    expect(adds).toEqual(["{y}^{(1)} = {y}^{(0)} + x[0:3] \\odot w[0]", "y = {y}^{(1)} + x[1:4] \\odot w[1]"]);
    for (const s of steps.filter((r) => r.phase === "backward")) {
      const [lhs, rhs] = s.latex.split(" = ");
      expect(lhs, s.latex).not.toBe(rhs);
    }
    expect(steps.some((s) => s.latex.startsWith("\\frac{\\partial L}{\\partial {y}^{(1)}} = \\frac{\\partial L}{\\partial y}"))).toBe(true);
  });
});

describe("an unnamed intermediate past a readable width", () => {
  const model = () => {
    const X = np.random.randn(5, 1).named("Xtrain"), Y = np.random.randn(5, 1).named("Ytrain");
    const W1 = np.random.randn(1, 3).requiresGrad().named("W1"), b1 = np.zeros([1, 3]).requiresGrad().named("b1");
    const W2 = np.random.randn(3, 1).requiresGrad().named("W2"), b2 = np.zeros([1, 1]).requiresGrad().named("b2");
    return { X, Y, W1, b1, W2, b2 };
  };

  it("is written whole while short: X W_1 + b_1 inside ∂L/∂(X W_1 + b_1)", () => {
    const { X, W1, b1 } = model();
    const steps = stepRecords(traceOf(() => X.matmul(W1).add(b1).tanh().sum().named("L").backward()));
    expect(steps.some((s) => s.latex.startsWith("\\frac{\\partial L}{\\partial \\left(X^{\\text{train}} W_{1} + b_{1}\\right)} ="))).toBe(true);
    expect(steps.map((s) => s.latex).join(" ")).not.toContain("\\ldots");
  });

  it("keeps the op and the named operands nearest to it, eliding deeper unnamed parts: ∂L/∂(tanh(…) W_2 + b_2 - Y)", () => {
    const { X, Y, W1, b1, W2, b2 } = model();
    // lesson 10's model, built in helper functions: nothing between X and the loss has a name
    const steps = stepRecords(traceOf(() => X.matmul(W1).add(b1).tanh().matmul(W2).add(b2).sub(Y).square().mean().named("L").backward()));
    const whole = "\\tanh(X^{\\text{train}} W_{1} + b_{1}) W_{2} + b_{2} - Y^{\\text{train}}";
    const short = "\\tanh(\\ldots) W_{2} + b_{2} - Y^{\\text{train}}";
    // a forward step writes its operand whole while it fits an operand's width (20 glyphs)...
    expect(steps.find((s) => s.op === "pow")!.latex).toBe(`{\\left(${whole}\\right)}^{2}`);
    // ...the gradient of it, written two or three times in a step, by its outer ops and named operands
    const back = steps.find((s) => s.op === "pow.backward")!.latex;
    expect(back.startsWith(`\\frac{\\partial L}{\\partial \\left(${short}\\right)} =`), back).toBe(true);
    for (const s of steps) {
      for (const name of denominators(s.latex)) expect(visibleLength(name), `${s.op}: ${name}`).toBeLessThanOrEqual(14);
    }
    // and nothing is elided that fits: the first layer's gradients are whole
    expect(steps.some((s) => s.latex.includes("\\partial \\left(X^{\\text{train}} W_{1} + b_{1}\\right)"))).toBe(true);
  });
});

describe("visibleLength: about the width a formula takes on screen", () => {
  it("counts glyphs, sub- and superscripts at half width, a word as at most 4, styling commands as nothing", () => {
    expect(visibleLength("X W_{1}")).toBe(2.5);
    expect(visibleLength("X^{\\text{train}} W_{1}")).toBe(4.5); // X, "trai" small, W, 1 small
    expect(visibleLength("\\tanh(\\ldots) + b_{2}")).toBe(6.5);
    expect(visibleLength("\\left(a + b\\right)^{2}")).toBe(5.5);
    expect(visibleLength("\\frac{\\sum x}{8}")).toBe(3);
  });
});

describe("reduceText: the broadcast sum in words", () => {
  it("writes shapes as numpy's tuples: (10, 3) → (3,), a vector with its comma", () => {
    expect(reduceText({ axes: [0], from: [10, 3], to: [3] })).toBe("sum over axis 0 (broadcast in the forward pass): (10, 3) → (3,)");
    expect(reduceText({ axes: [0, 1], from: [2, 3], to: [] })).toBe("sum over axes 0, 1 (broadcast in the forward pass): (2, 3) → ()");
  });
});
