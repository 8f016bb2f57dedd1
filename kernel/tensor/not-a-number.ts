// Why a tensor refuses to be a number (Tensor[Symbol.toPrimitive]), said for what asked: x * 2 and x > 0
// (an operator), Math.exp(x) (Math's functions), Number(x) and isNaN(x). The caller is read from the stack,
// only when refusing: a loop's Math.exp(i) on numbers pays nothing. Where the stack does not name it (an
// engine that leaves built-in functions out of it), the operators' message stands.

/** Math's functions that np has under the same name: Math.exp(X) is np.exp(X) elementwise. */
const IN_NP = new Set(["exp", "log", "sqrt", "abs", "sin", "cos", "tan", "tanh", "floor", "ceil", "round", "trunc", "sign", "log1p", "expm1", "log2", "log10"]);

const OPERATORS = "a tensor is not a number: JavaScript's operators (* / - ** < > <= >= & | ~) do not work on arrays as numpy's do; write x.mul(2), x.sub(y), x.div(n), x.pow(2), x.greater(0), np.logicalAnd(a, b) for numpy's a & b (logicalOr for |, logicalNot for ~), and x.item() for the number in a one-element array";

/** The message for a tensor read as a number; `stack` is a stack taken inside the conversion. */
export function notANumberMessage(stack: string | undefined): string {
  // the first frame is the conversion itself, the next one what called it (V8: "    at Math.exp (<anonymous>)")
  const frames = (stack ?? "").split("\n").filter((l) => /^\s+at /.test(l));
  const caller = /^\s+at (?:Math\.(\w+)|(Number|isNaN|isFinite)) \(/.exec(frames[1] ?? "");
  if (caller === null) return OPERATORS;
  const [, fn, global] = caller;
  if (global !== undefined) return `${global}(x) on a tensor: a tensor is not a number; write x.item() for the number in a one-element array${global === "isNaN" || global === "isFinite" ? `, np.${global.toLowerCase()}(x) for numpy's elementwise test` : ""}`;
  const elementwise = IN_NP.has(fn!) ? `np.${fn}(x) for numpy's elementwise ${fn}, `
    : fn === "max" || fn === "min" ? `x.${fn}() for its ${fn === "max" ? "largest" : "smallest"} value, np.${fn === "max" ? "maximum" : "minimum"}(x, y) elementwise, `
      : fn === "pow" ? "np.power(x, y) elementwise, " : "";
  return `Math.${fn}(x) on a tensor: Math's functions take numbers, and a tensor is not one; write ${elementwise}x.item() for the number in a one-element array`;
}
