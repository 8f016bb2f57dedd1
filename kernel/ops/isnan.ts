// isnan, isinf, isfinite: which elements are NaN, ±Infinity, or ordinary numbers. Bool results
// (masks), no gradient.
import { defineOp, boolDtype } from "../autograd/op.ts";
import { unary } from "../tensor/elementwise.ts";

export const isnan = defineOp({
  name: "isnan",
  tex: (n) => `[${n.in[0]} = \\text{NaN}]`,
  forward: ([a]) => unary(a, (x) => (x !== x ? 1 : 0)),
  dtype: boolDtype,
});

export const isinf = defineOp({
  name: "isinf",
  tex: (n) => `[\\lvert ${n.in[0]} \\rvert = \\infty]`,
  forward: ([a]) => unary(a, (x) => (x === Infinity || x === -Infinity ? 1 : 0)),
  dtype: boolDtype,
});

export const isfinite = defineOp({
  name: "isfinite",
  tex: (n) => `[${n.in[0]} \\text{ finite}]`,
  forward: ([a]) => unary(a, (x) => (x - x === 0 ? 1 : 0)), // NaN and ±Infinity give NaN
  dtype: boolDtype,
});
