// floor, ceil, trunc and round: to whole numbers (round: to `decimals` places). Piecewise constant,
// so no gradient flows through them (PyTorch's gradient is 0 everywhere; here the output is simply
// not connected to the graph).
import { defineOp } from "../autograd/op.ts";
import { unary } from "../tensor/elementwise.ts";

/** Round half to even (IEEE's default, C's rint): 0.5 -> 0, 1.5 -> 2, 2.5 -> 2, -0.5 -> -0. */
export function rint(x: number): number {
  const r = Math.round(x); // halves go up here: 2.5 -> 3, -2.5 -> -2
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

export const floor = defineOp({ name: "floor", tex: (n) => `\\lfloor ${n.in[0]} \\rfloor`, forward: ([a]) => unary(a, Math.floor) });
export const ceil = defineOp({ name: "ceil", tex: (n) => `\\lceil ${n.in[0]} \\rceil`, forward: ([a]) => unary(a, Math.ceil) });
export const trunc = defineOp({ name: "trunc", tex: (n) => `\\operatorname{trunc}(${n.in[0]})`, forward: ([a]) => unary(a, Math.trunc) });

/**
 * numpy's np.round(x, decimals): scale by 10^decimals, round half to even, scale back, exactly as
 * numpy computes it (so np.round(2.675, 2) is 2.68 here too: 2.675 * 100 is 267.5 in float64).
 */
export const round = defineOp<{ decimals: number }>({
  name: "round",
  tex: (n, a) => `\\operatorname{round}${a.decimals === 0 ? "" : `_{${a.decimals}}`}(${n.in[0]})`,
  forward: ([a], { decimals }) => {
    if (decimals === 0) return unary(a, rint);
    if (decimals > 0) {
      const f = 10 ** decimals;
      return unary(a, (x) => rint(x * f) / f);
    }
    const f = 10 ** -decimals;
    return unary(a, (x) => rint(x / f) * f);
  },
});
