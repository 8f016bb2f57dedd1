// Comparisons give bool arrays (stored as 1 and 0, so they mix with arithmetic as in numpy): a mask
// that X.slice(mask) selects with, as numpy's X[X > 0].
// Their output is piecewise constant: no gradient flows through them, so they have no backward.
import { defineOp, boolDtype } from "../autograd/op.ts";
import { binary } from "../tensor/elementwise.ts";

function comparison(name: string, symbol: string, test: (x: number, y: number) => boolean) {
  return defineOp({
    name,
    tex: (n) => `[${n.in[0]} ${symbol} ${n.in[1]}]`, // Iverson's bracket: 1 where it holds, as ReLU' = [z > 0]
    forward: ([a, b]) => binary(name, a, b, (x, y) => (test(x, y) ? 1 : 0)),
    dtype: boolDtype,
  });
}

export const greater = comparison("greater", ">", (x, y) => x > y);
export const greaterEqual = comparison("greaterEqual", "\\ge", (x, y) => x >= y);
export const less = comparison("less", "<", (x, y) => x < y);
export const lessEqual = comparison("lessEqual", "\\le", (x, y) => x <= y);
export const equal = comparison("equal", "=", (x, y) => x === y);
export const notEqual = comparison("notEqual", "\\ne", (x, y) => x !== y);
