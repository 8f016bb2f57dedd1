// An unnamed tensor's plain-text label, where the screen needs text and not a formula: a step's list of
// inputs, a node of the graph, the x of dL/d(x). It is the expression that made the tensor, written as
// numpy code writes it (X @ W1, tanh(Z1) * w, sum(E, axis=0)), so that a student reads dL/d(X @ W1)
// where the formula beside it reads ∂L/∂(X W₁). Ops with no short code form (reshape, cumsum, ...)
// are called by their name: "reshape result".
import type { NumExpr, NumOp } from "./constant-expr.ts";

/** an expression in text, and how tightly it binds (as Python's precedence: higher binds tighter) */
export interface TextExpr {
  text: string;
  prec: number;
  /** the infix operator on top, if any */
  sym?: string;
}

export const ATOM = 9;
/**
 * The longest label written out; past it, unnamed parts become "…" (… @ W2 + b2). An op of names alone
 * may take twice that (encoder/dense_2/A @ decoder/dense_1/W) before it is called by the op's name.
 */
export const MAX_LABEL = 24;
const UNARY_MINUS = 3;

/** infix operators, as Python writes them; ** is right-associative (and binds tighter than unary minus) */
const INFIX: Record<string, { sym: string; prec: number }> = {
  add: { sym: "+", prec: 1 },
  sub: { sym: "-", prec: 1 },
  mul: { sym: "*", prec: 2 },
  div: { sym: "/", prec: 2 },
  mod: { sym: "%", prec: 2 },
  matmul: { sym: "@", prec: 2 },
  pow: { sym: "**", prec: 4 },
  // comparisons bind looser than arithmetic: A1 > 0
  greater: { sym: ">", prec: 0.5 },
  greaterEqual: { sym: ">=", prec: 0.5 },
  less: { sym: "<", prec: 0.5 },
  lessEqual: { sym: "<=", prec: 0.5 },
  equal: { sym: "==", prec: 0.5 },
  notEqual: { sym: "!=", prec: 0.5 },
};

/** ops written as a call of np's function of the same name: tanh(Z1), maximum(a, b) */
const CALLS = new Set(["abs", "exp", "expm1", "log", "log1p", "sqrt", "tanh", "sigmoid", "relu", "sin", "cos", "tan",
  "sign", "floor", "ceil", "round", "trunc", "maximum", "minimum", "where"]);

/** reductions over axes: sum(E, axis=0); all axes: sum(E) */
const REDUCTIONS = new Set(["sum", "max", "prod"]);

/**
 * An operand in parentheses where it binds looser than `min`, and where a product meets a different
 * product (Python reads a * b @ c as (a * b) @ c; a reader should not have to know that).
 */
const wrap = (e: TextExpr, min: number, sym?: string) =>
  e.prec >= min && !(sym !== undefined && e.prec === INFIX.mul.prec && e.sym !== sym) ? e.text : `(${e.text})`;

/**
 * `op` applied to `inputs` (already text), or null where the op has no short code form.
 * A left operand keeps its parentheses off at equal precedence (a - b - c), a right one keeps them on
 * (a - (b - c)), as the code that made them must have been written.
 */
export function textOfOp(op: string, attrs: unknown, inputs: readonly TextExpr[]): TextExpr | null {
  const infix = INFIX[op];
  if (infix !== undefined && inputs.length === 2) {
    const [left, right] = op === "pow" ? [infix.prec + 1, infix.prec] : [infix.prec, infix.prec + 1];
    const sym = infix.prec === INFIX.mul.prec ? infix.sym : undefined;
    return { text: `${wrap(inputs[0], left, sym)} ${infix.sym} ${wrap(inputs[1], right, sym)}`, prec: infix.prec, sym: infix.sym };
  }
  // the same values (r.grad.copy(), a mask as numbers): called as what it copies, as its formula is
  if ((op === "copy" || op === "astype") && inputs.length === 1) return inputs[0];
  if (op === "negative" && inputs.length === 1) return { text: `-${wrap(inputs[0], UNARY_MINUS)}`, prec: UNARY_MINUS };
  if (CALLS.has(op)) return { text: `${op}(${inputs.map((x) => x.text).join(", ")})`, prec: ATOM };
  if (REDUCTIONS.has(op) && inputs.length === 1) {
    const a = attrs as { axes?: number[]; ndim?: number } | undefined;
    const axes = a?.axes;
    const all = axes === undefined || (a?.ndim !== undefined && axes.length === a.ndim);
    const axis = all ? "" : `, axis=${axes.length === 1 ? axes[0] : `(${axes.join(", ")})`}`;
    return { text: `${op}(${inputs[0].text}${axis})`, prec: ATOM };
  }
  if (op === "softmax" && inputs.length === 1) {
    // Z.softmax() is along the last axis; another one is said, as Z.softmax({ axis: 0 }) says it
    const a = attrs as { axis?: number; ndim?: number } | undefined;
    const last = a?.axis === undefined || a.ndim === undefined || a.axis === a.ndim - 1;
    return { text: `softmax(${inputs[0].text}${last ? "" : `, axis=${a.axis}`})`, prec: ATOM };
  }
  if (op === "clip" && inputs.length === 1) {
    // np.clip(r, -1, 1); an open side is None, as numpy writes it
    const a = attrs as { lo?: number | null; hi?: number | null } | undefined;
    const bound = (v: number | null | undefined) => (v === null || v === undefined ? "None" : String(v));
    return { text: `clip(${inputs[0].text}, ${bound(a?.lo)}, ${bound(a?.hi)})`, prec: ATOM };
  }
  if (op === "gather" && inputs.length === 1) {
    // x[0:4], W[:, 1]: the index as the formula prints it, numpy's way
    const label = (attrs as { label?: string } | undefined)?.label;
    if (label !== undefined && !label.includes("\\")) return { text: `${wrap(inputs[0], ATOM)}[${label}]`, prec: ATOM };
  }
  if (op === "transpose" && inputs.length === 1) {
    const axes = (attrs as { axes?: number[] } | undefined)?.axes ?? [];
    const reversed = axes.every((ax, i) => ax === axes.length - 1 - i);
    return { text: reversed ? `${wrap(inputs[0], ATOM)}.T` : `transpose(${inputs[0].text}, (${axes.join(", ")}))`, prec: ATOM };
  }
  return null;
}

const NUM_OPS: Record<NumOp, string> = { "+": "add", "-": "sub", "*": "mul", "/": "div", "**": "pow" };

/** A number as the code wrote it, as an operand: lam, 1 - beta1, Math.sqrt(1 / H), out.size. */
export function numExprText(e: NumExpr): TextExpr {
  if ("num" in e) return constantText(String(e.num));
  if ("name" in e) return { text: e.name, prec: ATOM };
  if ("neg" in e) return textOfOp("negative", undefined, [numExprText(e.neg)])!;
  if ("fn" in e) return { text: `Math.${e.fn}(${numExprText(e.arg).text})`, prec: ATOM };
  return textOfOp(NUM_OPS[e.op], undefined, [numExprText(e.left), numExprText(e.right)])!;
}

/** A number's text as an operand: 2 and lam bind as atoms, -2 as a negation, anything else as a sum. */
export function constantText(text: string): TextExpr {
  return { text, prec: /^([\w.]+|\d[\d.]*e[+-]?\d+)$/.test(text) ? ATOM : /^-[\w.]+$/.test(text) ? UNARY_MINUS : 1 };
}
