// sign: C = sign(A) in {-1, 0, 1} (NaN stays NaN; -0 gives 0, as numpy's). Piecewise constant, so
// no gradient flows through it.
import { defineOp } from "../autograd/op.ts";
import { unary } from "../tensor/elementwise.ts";

export const sign = defineOp({
  name: "sign",
  tex: (n) => `\\operatorname{sign}(${n.in[0]})`,
  forward: ([a]) => unary(a, (x) => (x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : x)),
});
