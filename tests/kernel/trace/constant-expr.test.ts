// A number written as the code computed it: evaluation (names read from the scope, exact values) and
// the text and formula of the arithmetic, with brackets only where the order needs them.
import { describe, expect, it } from "vitest";
import { evaluate, exprTex, namesOf, type NumExpr } from "../../../kernel/trace/constant-expr.ts";
import { numExprText } from "../../../kernel/trace/text-expr.ts";

const exprText = (e: NumExpr) => numExprText(e).text;
import { formatNumberTex } from "../../../kernel/trace/tex.ts";

const name = (n: string): NumExpr => ({ name: n });
const num = (v: number): NumExpr => ({ num: v });
const op = (o: "+" | "-" | "*" | "/" | "**", left: NumExpr, right: NumExpr): NumExpr => ({ op: o, left, right });
const scope: Record<string, number> = { beta1: 0.9, alpha: 0.05, lambda: 0.03, t: 3 };
const lookup = (n: string) => scope[n] ?? null;

describe("constant expressions", () => {
  it("evaluate as JavaScript does, to the bit, with each name's value kept for the formula", () => {
    const e = op("-", num(1), op("*", op("*", num(2), name("alpha")), name("lambda")));
    const v = evaluate(e, lookup)!;
    expect(Object.is(v.value, 1 - 2 * 0.05 * 0.03)).toBe(true);
    expect([...namesOf(v.expr)]).toEqual([["alpha", 0.05], ["lambda", 0.03]]);
    expect(evaluate(op("+", name("beta1"), name("unknown")), lookup)).toBeNull();
    expect(evaluate(op("**", name("beta1"), name("t")), lookup)!.value).toBe(0.9 ** 3);
  });

  it("are written with brackets only where the order needs them, in text and in TeX", () => {
    expect(exprText(op("-", num(1), op("-", name("a"), name("b"))))).toBe("1 - (a - b)");
    expect(exprText(op("-", op("-", num(1), name("a")), name("b")))).toBe("1 - a - b");
    expect(exprText(op("*", op("+", num(1), name("a")), name("b")))).toBe("(1 + a) * b");
    expect(exprText({ neg: op("*", name("a"), name("b")) })).toBe("-(a * b)");
    expect(exprText(op("**", { neg: name("a") }, num(2)))).toBe("(-a) ** 2");
    expect(exprText({ fn: "sqrt", arg: op("/", num(1), name("H")) })).toBe("Math.sqrt(1 / H)");
    expect(exprTex(op("-", num(1), op("**", name("beta1"), name("t")))).tex).toBe("1 - {\\beta_{1}}^{t}");
    expect(exprTex(op("-", num(1), op("*", op("*", num(2), name("alpha")), name("lambda")))).tex).toBe("1 - 2\\, \\alpha\\, \\lambda");
    expect(exprTex(op("/", name("delta"), num(2))).tex).toBe("\\frac{\\delta}{2}");
    expect(exprTex(op("*", op("-", num(1), name("beta1")), name("alpha"))).tex).toBe("\\left(1 - \\beta_{1}\\right)\\, \\alpha");
    expect(exprTex(op("-", name("a"), op("+", name("b"), name("c")))).tex).toBe("a - \\left(b + c\\right)");
    expect(exprTex({ neg: op("+", name("a"), num(1)) }).tex).toBe("-\\left(a + 1\\right)");
    expect(exprTex(op("+", name("a"), { neg: name("b") })).tex).toBe("a + \\left(-b\\right)");
  });

  it("a number in a formula is written as the lessons write it: ε = 10^{-8}, not 1e-8", () => {
    // below 10^{-4} as a power of ten, as code writes eps = 1e-5 (JavaScript would print 0.00001)
    expect([1e-8, -1e-8, 2.5e-7, 1e21, 0.05, 1e-5, 3.2e-5, 0.0001, 123456789, 3, 0].map(formatNumberTex)).toEqual([
      "10^{-8}", "-10^{-8}", "2.5 \\times 10^{-7}", "10^{21}", "0.05", "10^{-5}", "3.2 \\times 10^{-5}", "0.0001", "123456789", "3", "0",
    ]);
    expect(exprTex(op("*", num(2.5e-7), name("x"))).tex).toBe("2.5 \\times 10^{-7}\\, x");
  });
});
