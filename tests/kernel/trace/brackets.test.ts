// Brackets exactly where precedence needs them: one table (OP_PRECEDENCE) and one helper (operand),
// checked over every pair of ops in the registry and on the cases the lessons write.
import { describe, it, expect } from "vitest";
import katex from "katex";
import { OPS } from "../../../kernel/ops/registry.ts";
import { OP_PRECEDENCE, operand, precedenceOf, slotMin, PREC, type Expr } from "../../../kernel/trace/tex.ts";
import { np } from "../../../kernel/np.ts";
import { traceOf } from "../../../kernel/trace/active.ts";
import { stepRecords } from "../../../kernel/trace/steps.ts";

/** attributes that every op's template can print (axes, exponents, bounds, indices) */
const ATTRS = { axes: [0], keepdims: false, ndim: 2, axis: 0, perm: [1, 0], shape: [2], exponent: 2, lo: 0, hi: 1, min: 0, max: 1, ord: 2, indices: [[0]], index: "0", decimals: 0, k: 0 };
const arity = (tex: (n: any, a: any) => string) => (tex({ in: ["A", "B", "C"], out: "C", g: "G" }, ATTRS).includes("C") ? 3 : tex({ in: ["A", "B", "C"], out: "C", g: "G" }, ATTRS).includes("B") ? 2 : 1);

function exprOf(op: (typeof OPS)[number]): Expr {
  const out = precedenceOf(op.name).out;
  return { tex: op.tex({ in: ["a", "b", "c"], out: "", g: "" }, ATTRS as any), prec: out === "same" ? PREC.atom : out, op: op.name };
}

describe("brackets by precedence", () => {
  it("every op in the registry says how tightly it binds", () => {
    for (const op of OPS) expect(OP_PRECEDENCE[op.name], op.name).toBeDefined();
  });

  it("every op inside every operand slot of every op renders as valid KaTeX", () => {
    const failures: string[] = [];
    for (const outer of OPS) {
      const slots = arity(outer.tex);
      for (const inner of OPS) {
        const e = exprOf(inner);
        for (let k = 0; k < slots; k++) {
          const ins = ["x", "y", "z"];
          ins[k] = operand(e, slotMin(outer.name, k), outer.name);
          const tex = outer.tex({ in: ins, out: "", g: "" }, ATTRS as any);
          try {
            katex.renderToString(tex, { throwOnError: true });
          } catch (error) {
            failures.push(`${inner.name} in ${outer.name}[${k}]: ${tex}: ${(error as Error).message.slice(0, 80)}`);
          }
          // an operand that binds more loosely than its slot allows is bracketed, and only then
          const loose = e.prec < slotMin(outer.name, k) && !(e.op === outer.name && ["mul", "matmul", "add"].includes(outer.name));
          if (loose !== ins[k].startsWith("\\left(")) failures.push(`${inner.name} in ${outer.name}[${k}]: brackets ${loose ? "missing" : "not needed"}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000); // ~7000 KaTeX renders: room on a loaded machine

  it("writes the lessons' cases as a mathematician would", () => {
    const latex = (fn: () => unknown) => stepRecords(traceOf(() => { fn(); })).at(-1)!.latex;
    const [a, b, c] = ["a", "b", "c"].map((n) => np.array([1, 2]).named(n));
    const X = np.ones([2, 2]).named("X"), M = np.ones([2, 2]).named("M"), W = np.ones([2, 2]).named("W");
    expect(latex(() => X.mul(M).matmul(W))).toBe("\\left(X \\odot M\\right) W");
    expect(latex(() => X.matmul(W).matmul(M))).toBe("X W M");
    expect(latex(() => a.sub(b.add(c)))).toBe("a - \\left(b + c\\right)");
    expect(latex(() => a.add(b).sub(c))).toBe("a + b - c");
    expect(latex(() => a.add(b).neg())).toBe("-\\left(a + b\\right)");
    expect(latex(() => a.add(b).pow(2))).toBe("{\\left(a + b\\right)}^{2}");
    expect(latex(() => a.mul(b).pow(2))).toBe("{\\left(a \\odot b\\right)}^{2}");
    expect(latex(() => a.add(b).log())).toBe("\\log \\left(a + b\\right)");
    expect(latex(() => a.log().mul(b))).toBe("\\log a \\odot b");
    expect(latex(() => a.add(b).mul(c))).toBe("\\left(a + b\\right) \\odot c");
    expect(latex(() => a.mul(b).add(c))).toBe("a \\odot b + c");
    expect(latex(() => a.add(b).div(c))).toBe("\\frac{a + b}{c}");
    expect(latex(() => a.add(b).exp())).toBe("e^{a + b}");
    expect(latex(() => a.exp().pow(2))).toBe("{\\left(e^{a}\\right)}^{2}");
    expect(latex(() => a.add(b).tanh())).toBe("\\tanh(a + b)");
    expect(latex(() => a.mul(b).sum())).toBe("\\sum a \\odot b");
    expect(latex(() => a.add(b).sum())).toBe("\\sum \\left(a + b\\right)");
    expect(latex(() => a.sum().mul(b))).toBe("\\left(\\sum a\\right) \\odot b");
    expect(latex(() => a.mul(-0.5))).toBe("a \\odot \\left(-0.5\\right)");
    expect(latex(() => a.sub(b.neg()))).toBe("a - \\left(-b\\right)");
    expect(latex(() => X.add(W).T)).toBe("\\left(X + W\\right)^{\\top}");
  });
});

describe("a function's argument in a backward step", () => {
  it("is bracketed once, by the function's own parentheses: sign(X W_1), cos(X W_1), 1 - tanh²(X W_1), never sign((X W_1))", () => {
    const X = np.array([[1, 2], [3, 4]]).named("X"), W = np.array([[0.5, -1], [0.2, 0.3]]).requiresGrad().named("W1");
    for (const f of ["abs", "sin", "cos", "tan", "tanh", "sigmoid"] as const) {
      const step = stepRecords(traceOf(() => X.matmul(W)[f]().sum().named("L").backward())).find((s) => s.op === `${f}.backward`)!;
      for (const tex of [step.latex, ...(step.grads ?? []).flatMap((g) => [g.factor, g.chain])]) {
        expect(tex, f).not.toMatch(/\(\\left\(X W_\{1\}\\right\)\)/);
        expect(tex, f).not.toContain("((");
      }
      expect((step.grads ?? [])[0]?.factor, f).toContain("X W_{1}");
    }
  });
});
