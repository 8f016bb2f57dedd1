// clip: C = min(max(A, lo), hi) elementwise (numpy's np.clip; null leaves a side open, as None).
// Backward: G passes where lo <= A <= hi and is 0 where A was cut off. At a bound itself (A = lo)
// the whole of G passes, as PyTorch's clamp does: clip is a primitive for that reason, since
// maximum(A, lo) would split G half and half there (see maximum.ts).
import { defineOp } from "../autograd/op.ts";
import { unary, binary } from "../tensor/elementwise.ts";

export interface ClipAttrs {
  lo: number | null;
  hi: number | null;
}

const bound = (v: number | null) => (v === null ? "" : String(v));

export const clip = defineOp<ClipAttrs>({
  name: "clip",
  tex: (n, a) => `\\operatorname{clip}_{[${bound(a.lo)}, ${bound(a.hi)}]}(${n.in[0]})`,
  // Math.max/min pass NaN through, as numpy; lo > hi gives hi everywhere, as numpy's minimum(maximum(.))
  forward: ([a], { lo, hi }) => {
    const l = lo ?? -Infinity;
    const h = hi ?? Infinity;
    return unary(a, (x) => Math.min(Math.max(x, l), h));
  },
  backward: (g, [a], _out, { lo, hi }) => {
    const l = lo ?? -Infinity;
    const h = hi ?? Infinity;
    return [binary("clip.backward", g, a, (gi, x) => (x >= l && x <= h ? gi : 0))];
  },
  vjpTex: [(n, a) => `${n.g} \\odot [${bound(a.lo) || "-\\infty"} \\le ${n.in[0]} \\le ${bound(a.hi) || "\\infty"}]`],
  factorTex: [(n, a) => `[${bound(a.lo) || "-\\infty"} \\le ${n.in[0]} \\le ${bound(a.hi) || "\\infty"}]`],
});
