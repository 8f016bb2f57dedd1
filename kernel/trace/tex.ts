// Names as LaTeX, as the lessons write them: Z1 -> Z_{1}, dW1 -> dW_{1}, Yhat -> \hat{Y}, mhat1 -> \hat{m}_{1},
// Yt -> Y_{t}, sigma2 -> \sigma^{2}, gMSE -> g_{\text{MSE}}, N1lin -> N_{1}^{\text{lin}}, Xtrain -> X^{\text{train}},
// eps -> \varepsilon, loss -> \text{loss}.
// An unnamed intermediate is written as the expression that made it (X W_1 inside Z_1 = X W_1 + b_1),
// with brackets exactly where precedence needs them (one table, one helper: `operand`).

/**
 * Words a program appends to a name to tell two versions of one quantity apart (N1lin beside N1,
 * Xtrain beside Xval, dW2penalty beside dW2data): written as a superscript, N_{1}^{lin}.
 */
const SUFFIXES = ["train", "test", "val", "valid", "batch", "step", "lin", "linear", "deep", "data", "penalty", "dropped",
  "byhand", "numeric", "new", "old", "prev", "next", "true", "pred", "run", "init", "total", "bn"];
const SUFFIX = new RegExp(`^(.+?)(${SUFFIXES.join("|")})$`, "i");

/** a name that is already a maths symbol: X, W1, dZ2, yhat, sigma, mhat1 (what a suffix may follow) */
const SYMBOL_NAME = /^(d?[A-Za-z]\d*|d?[A-Za-z]hat\d*|d[A-Za-z]d[A-Za-z]|alpha|beta|gamma|delta|epsilon|eta|lambda|mu|sigma|theta)$/;

export function texName(name: string): string {
  // a layer's tensor in nn: "dense_1/Z" -> Z^{[dense_1]} (the layer as a superscript, as in Ng's Z^{[1]})
  const slash = name.lastIndexOf("/");
  if (slash > 0 && slash < name.length - 1) {
    return `${texName(name.slice(slash + 1))}^{[\\text{${name.slice(0, slash).replace(/[\\{}$&#^%~]/g, "").replace(/_/g, "\\_")}}]}`;
  }
  const suffix = SUFFIX.exec(name);
  if (suffix && SYMBOL_NAME.test(suffix[1]!)) return `${texName(suffix[1]!)}^{\\text{${suffix[2]!.toLowerCase()}}}`;
  // dydx: Leibniz's dy/dx, as lesson 17's derivation writes ∂ŷ/∂x (dydxByHand: the one computed by hand)
  const leibniz = /^d([A-Za-z])d([A-Za-z])$/.exec(name);
  if (leibniz) return `\\frac{d${leibniz[1]}}{d${leibniz[2]}}`;
  const dHat = /^d([A-Za-z])_?hat(\d*)$/.exec(name);
  if (dHat) return `d\\hat{${dHat[1]}}${dHat[2] ? `_{${dHat[2]}}` : ""}`;
  const hat = /^(.*?)_?hat(\d*)$/i.exec(name);
  if (hat && hat[1]) return `\\hat{${texName(hat[1])}}${hat[2] ? `_{${hat[2]}}` : ""}`;
  if (name === "sigma2") return "\\sigma^{2}"; // the variance, as every lesson writes it
  // logP, log1mP: log P and log(1 - P), as a derivation writes them (lesson 13's binary cross-entropy)
  const log = /^log(1m)?([A-Z][A-Za-z]?\d*)$/.exec(name);
  if (log) return log[1] ? `\\log (1 - ${texName(log[2]!)})` : `\\log ${texName(log[2]!)}`;
  const m = /^([A-Za-z]+?)_?(\d+)$/.exec(name);
  if (m) return `${texWord(m[1])}_{${m[2]}}`;
  const sub = /^([A-Za-z]+)_([A-Za-z0-9]+)$/.exec(name);
  if (sub) return `${texWord(sub[1])}_{\\text{${sub[2]}}}`;
  // Yt, Xb: a capital and one lower-case letter is a subscripted symbol (dW, db stay gradients)
  const one = /^([A-Z])([a-z])$/.exec(name);
  if (one) return `${one[1]}_{${one[2]}}`;
  // gMSE, gHuber: a letter and a capitalised word, the word as a subscript
  const tagged = /^([a-z])([A-Z][A-Za-z]+)$/.exec(name);
  if (tagged && tagged[1] !== "d") return `${tagged[1]}_{\\text{${tagged[2]}}}`;
  return texWord(name);
}

/** The name of a tensor's gradient: dZ1 for Z1, and dense_1/dZ for nn's dense_1/Z. */
export function gradName(name: string): string {
  const slash = name.lastIndexOf("/");
  return slash < 0 ? `d${name}` : `${name.slice(0, slash + 1)}d${name.slice(slash + 1)}`;
}

const GREEK = new Set(["alpha", "beta", "gamma", "delta", "epsilon", "eta", "lambda", "mu", "sigma", "theta"]);

function texWord(word: string): string {
  if (GREEK.has(word)) return `\\${word}`;
  if (word === "eps") return "\\varepsilon"; // the lessons' ε (batch norm, Adam)
  // two lower-case letters are one name (nr, lr), not a product n r: italic, spaced as a word; dw, db stay gradients
  if (/^[a-ce-z][a-z]$/.test(word)) return `\\mathit{${word}}`;
  if (/^d[A-Z]/.test(word) || word.length <= 2) return word; // dW, dZ, X, W, b, Yh
  return `\\text{${word.replace(/[\\{}$&#^_%~]/g, "")}}`;
}

/** d(loss)/d(of) in Leibniz notation: ∂L/∂Z_1; a compound `of` is bracketed: ∂L/∂(X W_1). */
export function partial(lossTex: string, of: Expr | string): string {
  const e = typeof of === "string" ? { tex: of, prec: PREC.atom } : of;
  return `\\frac{\\partial ${lossTex}}{\\partial ${operand(e, PREC.atom)}}`;
}

/** A piece of LaTeX and how tightly it binds (PREC), so the formula it goes into knows whether to bracket it. */
export interface Expr {
  tex: string;
  prec: number;
  /** the op that made it, for associativity: X W_1 W_2 needs no brackets, (X ⊙ M) W does */
  op?: string;
}

/** Binding strength, loosest first: a + b < -a < Σ a < a ⊙ b < ln a < a^b < \frac{a}{b} < names, f(a). */
export const PREC = { sum: 1, neg: 2, reduce: 2.5, product: 3, apply: 3.5, power: 4, frac: 4.5, atom: 5 } as const;

/** `e` as an operand that needs at least `min`; same-op operands of an associative product need none. */
export function operand(e: Expr, min: number, parentOp?: string): string {
  if (e.prec >= min) return e.tex;
  if (parentOp !== undefined && e.op === parentOp && ASSOCIATIVE.has(parentOp)) return e.tex;
  return `\\left(${e.tex}\\right)`;
}

const ASSOCIATIVE = new Set(["mul", "matmul", "add"]);

/**
 * For every op: how tightly its formula binds (`out`) and the least each operand slot needs (`slots`;
 * the last entry repeats). "same" means the op only moves values (reshape, copy): it binds as its input.
 * Every op of the registry has an entry (a test checks), so a new op must say how it is written.
 */
export const OP_PRECEDENCE: Record<string, { out: number | "same"; slots: number[] }> = {
  add: { out: PREC.sum, slots: [PREC.sum, PREC.sum] },
  sub: { out: PREC.sum, slots: [PREC.sum, PREC.reduce] },
  mul: { out: PREC.product, slots: [PREC.apply] },
  matmul: { out: PREC.product, slots: [PREC.apply] },
  solve: { out: PREC.product, slots: [PREC.atom, PREC.apply] },
  mod: { out: PREC.product, slots: [PREC.apply] },
  div: { out: PREC.frac, slots: [0] },
  pow: { out: PREC.power, slots: [PREC.atom, 0] },
  negative: { out: PREC.neg, slots: [PREC.reduce] },
  exp: { out: PREC.power, slots: [0] },
  expm1: { out: PREC.sum, slots: [0] },
  transpose: { out: PREC.power, slots: [PREC.atom] },
  gather: { out: PREC.atom, slots: [PREC.atom, 0] },
  log: { out: PREC.apply, slots: [PREC.power] },
  log2: { out: PREC.apply, slots: [PREC.power] },
  log10: { out: PREC.apply, slots: [PREC.power] },
  argmax: { out: PREC.apply, slots: [PREC.power] },
  argmin: { out: PREC.apply, slots: [PREC.power] },
  logicalNot: { out: PREC.apply, slots: [PREC.power] },
  sum: { out: PREC.reduce, slots: [PREC.product] },
  max: { out: PREC.reduce, slots: [PREC.product] },
  prod: { out: PREC.reduce, slots: [PREC.product] },
  logicalAnd: { out: PREC.product, slots: [PREC.apply] },
  logicalOr: { out: PREC.sum, slots: [PREC.product] },
  logicalXor: { out: PREC.sum, slots: [PREC.product] },
  reshape: { out: "same", slots: [0] },
  copy: { out: "same", slots: [0] },
  astype: { out: "same", slots: [0] },
  broadcastTo: { out: "same", slots: [0] },
  // written with their own brackets or bars, f(a), [a > b], |a|: any operand fits inside
  ...Object.fromEntries([
    "sqrt", "abs", "sign", "tanh", "sin", "cos", "tan", "sigmoid", "relu", "maximum", "minimum", "where",
    "greater", "greaterEqual", "less", "lessEqual", "equal", "notEqual", "concatenate", "log1p", "floor",
    "ceil", "trunc", "round", "isnan", "isinf", "isfinite", "clip", "cumsum", "norm", "argsort",
    "softmax", "softmaxCrossEntropy", "sigmoidBinaryCrossEntropy",
  ].map((op) => [op, { out: PREC.atom, slots: [0] }])),
};

/** The precedence entry of an op; unknown ops are written as a function call f(a, b), which needs no brackets. */
export function precedenceOf(op: string): { out: number | "same"; slots: number[] } {
  return OP_PRECEDENCE[op] ?? { out: PREC.atom, slots: [0] };
}

export function slotMin(op: string, k: number): number {
  const { slots } = precedenceOf(op);
  return slots[Math.min(k, slots.length - 1)];
}

export function formatNumberTex(v: number): string {
  if (Number.isNaN(v)) return "\\text{NaN}";
  if (!Number.isFinite(v)) return v > 0 ? "\\infty" : "-\\infty";
  const rounded = Number(v.toPrecision(4));
  // JavaScript writes 1e-5 as 0.00001 (it switches below 1e-6): a small number reads as its power of ten
  const text = Number.isInteger(v) && Math.abs(v) < 1e21 ? String(v) : rounded !== 0 && Math.abs(rounded) < 1e-4 ? rounded.toExponential() : String(rounded);
  // 1e-8 as the lessons write it, 10^{-8}; 2.5e-7 as 2.5 \times 10^{-7}
  const sci = /^(-?)([\d.]+)e([+-]?)(\d+)$/.exec(text);
  if (sci === null) return text;
  const power = `10^{${sci[3] === "-" ? "-" : ""}${sci[4]}}`;
  return `${sci[1]}${sci[2] === "1" ? power : `${sci[2]} \\times ${power}`}`;
}

/** A number as an operand: negative numbers bind like a unary minus. */
export function numberExpr(v: number): Expr {
  const tex = formatNumberTex(v);
  return { tex, prec: tex.startsWith("-") ? PREC.neg : tex.includes("\\times") ? PREC.product : PREC.atom };
}

/**
 * The sum that broadcasting's backward pass does, in index notation: reducing a (300, 4) gradient to
 * (1, 4) over axis 0 is Σ_i G[i, :]. `axes` index the gradient's (the op output's) axes.
 */
export function broadcastSumTex(g: Expr, ndim: number, axes: readonly number[]): string {
  const letters = ["i", "j", "k", "l", "m"];
  const summed = axes.map((a) => letters[a] ?? `i_{${a}}`);
  const index = Array.from({ length: ndim }, (_, a) => (axes.includes(a) ? letters[a] ?? `i_{${a}}` : ":"));
  return `\\sum_{${summed.join(",")}} ${operand(g, PREC.atom)}[${index.join(", ")}]`;
}

/**
 * About how wide a formula is on screen, in glyphs: X^{\text{train}} W_{1} is 4.5 (X and W, then "train"
 * and 1 at half width, as sub- and superscripts are set small; a word counts at most 4, as it reads as
 * one unit), not its 22 characters of LaTeX. Commands that only style or group (\text, \left, \frac)
 * count nothing; any other command (\tanh, \odot, \ldots) one glyph; spaces nothing.
 */
export function visibleLength(tex: string): number {
  const plain = tex
    .replace(/\\(?:text|operatorname)\{([^{}]*)\}/g, (_, word: string) => word.slice(0, 4)) // a word reads as one unit
    .replace(/\\(?:left|right|text|operatorname|mathrm|mathbf|mathbb|frac|hat|bar|quad)(?![A-Za-z])/g, "")
    .replace(/\\[A-Za-z]+/g, "#")
    .replace(/\\./g, "")
    .replace(/\s/g, "");
  let glyphs = 0;
  let scripts = 0; // how many of the open braces belong to a sub- or superscript
  const open: boolean[] = [];
  for (let i = 0; i < plain.length; i++) {
    const c = plain[i];
    if (c === "_" || c === "^") {
      if (plain[i + 1] === "{") {
        open.push(true);
        scripts++;
        i++;
      } else if (i + 1 < plain.length) {
        glyphs += 0.5; // x^2: one small glyph
        i++;
      }
    } else if (c === "{") open.push(false);
    else if (c === "}") {
      if (open.pop()) scripts--;
    } else glyphs += scripts > 0 ? 0.5 : 1;
  }
  return glyphs;
}
