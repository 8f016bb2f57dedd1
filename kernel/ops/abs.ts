// abs: C = |A|. Backward: dL/dA = G ⊙ sign(A) (0 at A = 0, as in PyTorch).
import { defineOp, sameDtype } from "../autograd/op.ts";
import { unary } from "../tensor/elementwise.ts";
import { sign } from "./sign.ts";
import { apply } from "../autograd/op.ts";

export const abs = defineOp({
  name: "abs",
  dtype: sameDtype, // |mask| is the mask, as numpy's
  tex: (n) => `\\lvert ${(n.bare ?? n.in)[0]} \\rvert`,
  forward: ([a]) => unary(a, Math.abs),
  backward: (g, [a]) => [g.mul(apply(sign, [a], undefined))],
  vjpTex: [(n) => `${n.g} \\odot \\operatorname{sign}(${(n.bare ?? n.in)[0]})`],
  factorTex: [(n) => `\\operatorname{sign}(${(n.bare ?? n.in)[0]})`],
});
