// Logical operations on truth values (non-zero is true, as numpy's logical_and etc.), giving bool
// arrays. They are also what + and * mean between two bool arrays in numpy: mask1 + mask2 is "or",
// mask1 * mask2 is "and". No gradient flows through them.
import { defineOp, boolDtype } from "../autograd/op.ts";
import { unary, binary } from "../tensor/elementwise.ts";

function logical(name: string, symbol: string, test: (x: boolean, y: boolean) => boolean) {
  return defineOp({
    name,
    tex: (n) => `${n.in[0]} ${symbol} ${n.in[1]}`,
    forward: ([a, b]) => binary(name, a, b, (x, y) => (test(x !== 0, y !== 0) ? 1 : 0)),
    dtype: boolDtype,
  });
}

export const logicalAnd = logical("logicalAnd", "\\land", (x, y) => x && y);
export const logicalOr = logical("logicalOr", "\\lor", (x, y) => x || y);
export const logicalXor = logical("logicalXor", "\\oplus", (x, y) => x !== y);

export const logicalNot = defineOp({
  name: "logicalNot",
  tex: (n) => `\\lnot ${n.in[0]}`,
  forward: ([a]) => unary(a, (x) => (x === 0 ? 1 : 0)),
  dtype: boolDtype,
});
