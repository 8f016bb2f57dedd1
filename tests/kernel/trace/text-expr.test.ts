// An unnamed tensor's label on screen is the numpy code that made it (X @ W1), not "matmul result".
import { describe, expect, it } from "vitest";
import { np } from "../../../kernel/np.ts";
import { traceOf } from "../../../kernel/trace/active.ts";
import { stepRecords } from "../../../kernel/trace/steps.ts";
import { ATOM, constantText, textOfOp, type TextExpr } from "../../../kernel/trace/text-expr.ts";

const name = (text: string): TextExpr => ({ text, prec: ATOM });
const op = (o: string, ...inputs: TextExpr[]) => textOfOp(o, undefined, inputs)!;

describe("textOfOp", () => {
  it("writes operators as Python does, with the parentheses the code needed and no others", () => {
    expect(op("add", op("matmul", name("X"), name("W1")), name("b1")).text).toBe("X @ W1 + b1");
    expect(op("matmul", name("X"), op("add", name("W"), name("V"))).text).toBe("X @ (W + V)");
    expect(op("sub", name("a"), op("sub", name("b"), name("c"))).text).toBe("a - (b - c)");
    expect(op("sub", op("sub", name("a"), name("b")), name("c")).text).toBe("a - b - c");
    expect(op("pow", op("sub", name("y"), name("yhat")), constantText("2")).text).toBe("(y - yhat) ** 2");
    expect(op("pow", name("a"), op("pow", name("b"), name("c"))).text).toBe("a ** b ** c");
    expect(op("pow", op("pow", name("a"), name("b")), name("c")).text).toBe("(a ** b) ** c");
    expect(op("negative", op("add", name("a"), name("b"))).text).toBe("-(a + b)");
    expect(op("greater", name("A1"), constantText("0")).text).toBe("A1 > 0");
    expect(op("mul", name("dA1"), op("greater", name("A1"), constantText("0"))).text).toBe("dA1 * (A1 > 0)");
  });

  it("puts parentheses where a product meets a different product, which Python would read left to right", () => {
    expect(op("matmul", op("mul", name("a"), name("b")), name("c")).text).toBe("(a * b) @ c");
    expect(op("mul", op("mul", name("a"), name("b")), name("c")).text).toBe("a * b * c");
  });

  it("writes functions, reductions over an axis and transposes as numpy calls", () => {
    expect(op("tanh", name("Z1")).text).toBe("tanh(Z1)");
    expect(textOfOp("sum", { axes: [0], keepdims: false, ndim: 2 }, [name("dZ")])!.text).toBe("sum(dZ, axis=0)");
    expect(textOfOp("sum", { axes: [0, 1], keepdims: false, ndim: 2 }, [name("E")])!.text).toBe("sum(E)");
    expect(textOfOp("max", { axes: [0, 2], keepdims: true, ndim: 3 }, [name("E")])!.text).toBe("max(E, axis=(0, 2))");
    expect(textOfOp("transpose", { axes: [1, 0] }, [name("W")])!.text).toBe("W.T");
    expect(textOfOp("transpose", { axes: [0, 2, 1] }, [name("W")])!.text).toBe("transpose(W, (0, 2, 1))");
    expect(textOfOp("gather", { label: "0:4" }, [name("x")])!.text).toBe("x[0:4]");
    expect(textOfOp("gather", { label: ":, 1" }, [op("add", name("a"), name("b"))])!.text).toBe("(a + b)[:, 1]");
    expect(textOfOp("where", undefined, [name("m"), name("a"), name("b")])!.text).toBe("where(m, a, b)");
    expect(textOfOp("clip", { lo: -1, hi: null }, [name("r")])!.text).toBe("clip(r, -1, None)");
    expect(textOfOp("cumsum", { axis: 0 }, [name("r")])).toBeNull();
  });

  it("binds a constant's text by what it is", () => {
    expect(op("mul", name("g"), constantText("1 - beta1")).text).toBe("g * (1 - beta1)");
    expect(op("mul", name("g"), constantText("1e-8")).text).toBe("g * 1e-8");
    expect(op("pow", constantText("-2"), name("k")).text).toBe("(-2) ** k");
  });
});

describe("a step's input labels", () => {
  it("name an unnamed tensor by the code that made it, and elide its deeper unnamed parts past 24 characters", () => {
    const X = np.array([[1, 2], [3, 4]]).named("X");
    const W1 = np.array([[0.1, 0.2], [0.3, 0.4]]).requiresGrad().named("W1");
    const b1 = np.array([0.5, -0.5]).named("b1");
    const W2 = np.array([[1], [-1]]).requiresGrad().named("W2");
    const Y = np.array([[1], [0]]).named("Y");
    const steps = stepRecords(traceOf(() => X.matmul(W1).add(b1).tanh().matmul(W2).sub(Y).pow(2).sum().named("L").backward()));
    const labels = new Set(steps.flatMap((s) => s.inputLabels));
    expect(labels).toContain("X @ W1");
    expect(labels).toContain("tanh(X @ W1 + b1)");
    expect(labels).toContain("tanh(X @ W1 + b1) @ W2");
    // 26 characters written out: the innermost unnamed part gives way first
    expect(labels).toContain("tanh(… + b1) @ W2 - Y");
    expect(labels).toContain("dL/d(X @ W1)");
    expect([...labels].some((l) => l.includes(" result"))).toBe(false);
    // an output with no name is called the same way where it shows (the step card's "output")
    expect(steps.find((s) => s.phase === "forward" && s.op === "matmul")!.outputLabel).toBe("X @ W1");
    expect(steps.find((s) => s.op === "add.backward" && s.outputLabel === "dL/d(X @ W1)")).toBeDefined();
    expect(steps.find((s) => s.op === "matmul.backward" && s.name === "dW1")!.outputLabel).toBe("dW1");
    expect([...labels].every((l) => l.length <= 2 * 24 + "dL/d()".length)).toBe(true);
  });
});

describe("a gradient's name on screen", () => {
  it("is dL/dy where the code has a tensor of its own called dy (lesson 18's upstream gradient), else dy", () => {
    const x = np.array([1, 2, 3]).named("x");
    const w = np.array([0.5, -1, 2]).requiresGrad().named("w");
    const dy = np.array([1, -1, 0.5]).named("dy");
    const steps = stepRecords(traceOf(() => x.mul(w).named("y").mul(dy).sum().named("L").backward()));
    const intoY = steps.find((s) => s.grads?.[0]?.intoName === "y")!;
    expect(intoY.name).toBe("dL/dy");
    expect(intoY.outputLabel).toBe("dL/dy");
    expect(steps.find((s) => s.grads?.[0]?.intoName === "w")!.name).toBe("dw");
  });

  it("says which loss: dcost/d(X @ W) where the loss is called cost, as the formula's ∂cost/∂(X W) does", () => {
    const X = np.array([[1, 2], [3, 4]]).named("X");
    const W = np.array([[0.5], [-0.5]]).requiresGrad().named("W");
    const steps = stepRecords(traceOf(() => X.matmul(W).tanh().sum().named("cost").backward()));
    const intoXW = steps.find((s) => s.op === "tanh.backward")!;
    expect(intoXW.outputLabel).toBe("dcost/d(X @ W)");
    expect(intoXW.latex.startsWith("\\frac{\\partial \\text{cost}}{\\partial \\left(X W\\right)}")).toBe(true);
    expect(steps.find((s) => s.op === "matmul.backward")!.inputLabels[0]).toBe("dcost/d(X @ W)");
    expect(steps.find((s) => s.op === "matmul.backward")!.name).toBe("dW"); // a named tensor's gradient keeps numpy code's dW
  });

  it("carries the version of a name reassigned from itself (y⁽¹⁾ = y⁽⁰⁾ + ...), as the formula does", () => {
    const x = np.array([1, 2, 3, 4]).named("x");
    const w = np.array([0.5, -1]).requiresGrad().named("w");
    const steps = stepRecords(traceOf(() => {
      let y = x.slice("0:3").mul(w.slice(0)).named("y");
      y = y.add(x.slice("1:4").mul(w.slice(1))).named("y");
      y.sum().named("L").backward();
    }));
    const add = steps.find((s) => s.phase === "forward" && s.op === "add")!;
    expect(add.inputLabels[0]).toBe("y⁽⁰⁾");
    expect(add.latex.startsWith("y = {y}^{(0)}")).toBe(true);
    expect(steps.find((s) => s.grads?.[0]?.intoName === "y" && s.phase === "backward" && s.op === "add.backward")!.name).toBe("dy⁽⁰⁾");
  });
});

describe("an unnamed array from data", () => {
  it("is called by its shape, as numpy's tuple (array(5) would read as numpy's number 5)", () => {
    const x = np.array([[1, 2], [3, 4]]).requiresGrad().named("x");
    const steps = stepRecords(traceOf(() => x.mul(np.array([0.5, 2])).sum().named("L").backward()));
    expect(steps.find((s) => s.phase === "forward" && s.op === "mul")!.inputLabels).toEqual(["x", "array of shape (2,)"]);
  });

  it("an optimiser's state rebound once an iteration reads as an assignment, v ← v ⊙ β + ∂L/∂w, with no versions", () => {
    const w = np.array([2, -1]).requiresGrad().named("w");
    let v = np.zerosLike(w).named("v");
    const steps = stepRecords(traceOf(() => {
      for (let k = 0; k < 2; k++) {
        w.sub(1).square().sum().named("L").backward();
        np.noGrad(() => {
          v = v.mul(0.9).add(w.grad!).named("v");
          w.assignSub(v.mul(0.1));
        });
        w.zeroGrad();
      }
    }));
    const rebinds = steps.filter((s) => s.op === "add" && s.name === "v");
    expect(rebinds.map((s) => `${s.iteration} ${s.phase}`)).toEqual(["0 update", "1 update"]);
    for (const s of rebinds) expect(s.latex).toBe("v \\leftarrow v \\odot 0.9 + \\frac{\\partial L}{\\partial w}");
    expect(steps.some((s) => s.inputLabels.some((l) => l.includes("⁽")))).toBe(false);
  });
});

describe("a product of named words", () => {
  it("keeps a thin space between names that are words (feats Win, not featsWin), and none between symbols (X W)", () => {
    const feats = np.array([[1, 2], [3, 4]]).named("feats");
    const Win = np.array([[0.5], [-0.5]]).requiresGrad().named("Win");
    const X = np.array([[1, 2], [3, 4]]).named("X");
    const W = np.array([[0.5], [-0.5]]).requiresGrad().named("W");
    const steps = stepRecords(traceOf(() => {
      feats.matmul(Win).named("Zw");
      X.matmul(W).named("Z").sum().named("L").backward();
    }));
    expect(steps.find((s) => s.name === "Zw")!.latex).toBe("Z_{w} = \\text{feats}\\, \\text{Win}");
    expect(steps.find((s) => s.name === "Z")!.latex).toBe("Z = X W");
  });
});
