// Names as LaTeX: Z1 -> Z_{1}, dW1 -> dW_{1}, Yhat -> \hat{Y}, loss -> \text{loss}.
// An unnamed intermediate is written as the expression that made it (X W_1 inside Z_1 = X W_1 + b_1).

export function texName(name: string): string {
  const hat = /^(.*?)_?hat$/i.exec(name);
  if (hat && hat[1]) return `\\hat{${texName(hat[1])}}`;
  const m = /^([A-Za-z]+?)_?(\d+)$/.exec(name);
  if (m) return `${texWord(m[1])}_{${m[2]}}`;
  const sub = /^([A-Za-z]+)_([A-Za-z0-9]+)$/.exec(name);
  if (sub) return `${texWord(sub[1])}_{\\text{${sub[2]}}}`;
  return texWord(name);
}

const GREEK = new Set(["alpha", "beta", "gamma", "delta", "epsilon", "eta", "lambda", "mu", "sigma", "theta"]);

function texWord(word: string): string {
  if (GREEK.has(word)) return `\\${word}`;
  if (/^d[A-Z]/.test(word) || word.length <= 2) return word; // dW, dZ, X, W, b, Yh
  return `\\text{${word.replace(/[\\{}$&#^_%~]/g, "")}}`;
}

/** The upstream gradient of a named tensor in Leibniz notation: ∂L/∂Z_1. */
export function partial(lossTex: string, ofTex: string): string {
  return `\\frac{\\partial ${lossTex}}{\\partial ${ofTex}}`;
}

/** Ops that bind tighter than + and - when written inline, so they need no brackets. */
const TIGHT = new Set(["matmul", "exp", "log", "sqrt", "abs", "tanh", "sin", "cos", "sigmoid", "relu", "transpose", "gather", "copy", "reshape", "sum", "max", "broadcastTo", "mul", "div", "pow", "maximum", "minimum"]);

export function needsBrackets(op: string): boolean {
  return !TIGHT.has(op);
}

export function formatNumberTex(v: number): string {
  if (Number.isNaN(v)) return "\\text{NaN}";
  if (!Number.isFinite(v)) return v > 0 ? "\\infty" : "-\\infty";
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)));
}
