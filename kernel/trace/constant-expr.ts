// A number a step used, written as the code wrote it: `alpha` for 0.05, and `1 - beta1` for 0.1 in
// `g1.mul(1 - beta1)`, so Adam's first moment reads g_1 ⊙ (1 - β_1), as the lesson's m_t does, not g_1 ⊙ 0.1.
// The runtime finds the arithmetic of names and numbers in a cell's source (analyze.ts) and picks the one
// on the step's line whose value is the number; here is how such an expression is evaluated and written
// as a formula (its text, a label on screen, is text-expr.ts's numExprText: one set of precedences).
import { numberExpr, PREC, texName, type Expr } from "./tex.ts";

export type NumOp = "+" | "-" | "*" | "/" | "**";
/** Math's functions a number may go through (Math.sqrt(1 / 2)) */
export type NumFn = "sqrt" | "exp" | "log" | "abs";

/**
 * Arithmetic of variables and numbers: the expression trees the runtime collects from a cell's source. A
 * name may be a tensor's size, ndim or shape[k] as the code wrote it ("out.size", "X.shape[0]").
 */
export type NumExpr =
  | { name: string; value?: number }
  | { num: number }
  | { neg: NumExpr }
  | { fn: NumFn; arg: NumExpr }
  | { op: NumOp; left: NumExpr; right: NumExpr };

/** Its value with each name read from `lookup` (filled in as `value`), or null if a name is not a number. */
export function evaluate(e: NumExpr, lookup: (name: string) => number | null): { value: number; expr: NumExpr } | null {
  if ("num" in e) return { value: e.num, expr: e };
  if ("name" in e) {
    const v = lookup(e.name);
    return v === null ? null : { value: v, expr: { name: e.name, value: v } };
  }
  if ("neg" in e) {
    const inner = evaluate(e.neg, lookup);
    return inner === null ? null : { value: -inner.value, expr: { neg: inner.expr } };
  }
  if ("fn" in e) {
    const arg = evaluate(e.arg, lookup);
    return arg === null ? null : { value: Math[e.fn](arg.value), expr: { fn: e.fn, arg: arg.expr } };
  }
  const l = evaluate(e.left, lookup), r = evaluate(e.right, lookup);
  if (l === null || r === null) return null;
  const value = e.op === "+" ? l.value + r.value : e.op === "-" ? l.value - r.value : e.op === "*" ? l.value * r.value
    : e.op === "/" ? l.value / r.value : l.value ** r.value;
  return { value, expr: { op: e.op, left: l.expr, right: r.expr } };
}

/** The names in it with their values, for the formula's `, \quad β_1 = 0.9`. */
export function namesOf(e: NumExpr, out = new Map<string, number>()): Map<string, number> {
  if ("name" in e) { if (e.value !== undefined) out.set(e.name, e.value); }
  else if ("neg" in e) namesOf(e.neg, out);
  else if ("fn" in e) namesOf(e.arg, out);
  else if ("op" in e) { namesOf(e.left, out); namesOf(e.right, out); }
  return out;
}

const MEMBER = /^([A-Za-z_$][\w$]*)\.(?:(size|ndim)|shape\[(\d+)\])$/;

/** A tensor's size, ndim or shape[k] as the code wrote it, split: null for a plain name. */
export function memberOf(name: string): { of: string; member: "size" | "ndim" | "shape"; index: number } | null {
  const m = MEMBER.exec(name);
  if (m === null) return null;
  return m[2] !== undefined ? { of: m[1]!, member: m[2] as "size" | "ndim", index: 0 } : { of: m[1]!, member: "shape", index: Number(m[3]) };
}

/** A name in a formula: β_1; a tensor's size as size(out), its shape[0] as shape(X)_0. */
export function nameTex(name: string): string {
  const m = memberOf(name);
  if (m === null) return texName(name);
  const of = `\\operatorname{${m.member}}(${texName(m.of)})`;
  return m.member === "shape" ? `${of}_{${m.index}}` : of;
}

/** As a formula: 1 - β_1, 2 α λ, \frac{δ}{2}, β_1^{t}. */
export function exprTex(e: NumExpr): Expr {
  if ("num" in e) return numberExpr(e.num);
  if ("name" in e) return { tex: nameTex(e.name), prec: PREC.atom };
  if ("neg" in e) return { tex: `-${wrap(exprTex(e.neg), PREC.product)}`, prec: PREC.neg };
  if ("fn" in e) {
    const arg = exprTex(e.arg);
    switch (e.fn) {
      case "sqrt": return { tex: `\\sqrt{${arg.tex}}`, prec: PREC.atom };
      case "abs": return { tex: `\\left|${arg.tex}\\right|`, prec: PREC.atom };
      case "exp": return { tex: `e^{${arg.tex}}`, prec: PREC.power };
      case "log": return { tex: `\\log ${wrap(arg, PREC.atom)}`, prec: PREC.apply };
    }
  }
  const l = exprTex(e.left), r = exprTex(e.right);
  switch (e.op) {
    case "+": return { tex: `${wrap(l, PREC.sum)} + ${wrap(r, PREC.product)}`, prec: PREC.sum };
    case "-": return { tex: `${wrap(l, PREC.sum)} - ${wrap(r, PREC.product)}`, prec: PREC.sum };
    // a number times a name needs no sign between (2 α λ); two numbers do (2 \cdot 3)
    case "*": return { tex: `${wrap(l, PREC.product)}${"num" in e.right ? " \\cdot " : "\\, "}${wrap(r, PREC.apply)}`, prec: PREC.product };
    case "/": return { tex: `\\frac{${l.tex}}{${r.tex}}`, prec: PREC.frac };
    case "**": return { tex: `{${wrap(l, PREC.atom)}}^{${r.tex}}`, prec: PREC.power };
  }
}

const wrap = (e: Expr, min: number) => (e.prec >= min ? e.tex : `\\left(${e.tex}\\right)`);
