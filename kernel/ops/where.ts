// where: C = where(cond, A, B), numpy's np.where: A where cond is non-zero, else B.
// Backward: dL/dA = G where cond, 0 elsewhere; dL/dB = G where not cond. No gradient into cond.
import { defineOp, sameDtype } from "../autograd/op.ts";
import { Tensor } from "../tensor/tensor.ts";
import { broadcastShapes, sizeOf } from "../tensor/shape.ts";
import { broadcastTo } from "../tensor/elementwise.ts";
import { unbroadcast } from "../autograd/unbroadcast.ts";

export const where = defineOp({
  name: "where",
  dtype: ([, a, b]) => sameDtype([a, b]), // where(m, mask1, mask2) is a mask
  tex: (n) => `\\operatorname{where}(${n.in[0]}, ${n.in[1]}, ${n.in[2]})`,
  forward: ([c, a, b]) => {
    const shape = broadcastShapes("where", broadcastShapes("where", c.shape, a.shape), b.shape);
    const [cc, aa, bb] = [broadcastTo("where", c, shape), broadcastTo("where", a, shape), broadcastTo("where", b, shape)];
    const out = new Float64Array(sizeOf(shape));
    for (let i = 0; i < out.length; i++) out[i] = cc[i] !== 0 ? aa[i] : bb[i];
    return new Tensor(out, shape);
  },
  // the condition never gets a gradient; A or B gets none when it needs none (where(X > 0, X, 0))
  backward: (g, [c, a, b], _out, _attrs, needs) => {
    return [
      null,
      needs[1] ? unbroadcast(g.mul(c.notEqual(0)), a.shape) : null,
      needs[2] ? unbroadcast(g.mul(c.equal(0)), b.shape) : null,
    ];
  },
  vjpTex: [() => "0", (n) => `${n.g} \\odot ${indicator(n.in[0]!, false, true)}`, (n) => `${n.g} \\odot ${indicator(n.in[0]!, true, true)}`],
  factorTex: [() => "0", (n) => indicator(n.in[0]!, false, false), (n) => indicator(n.in[0]!, true, false)],
});

/**
 * [c] or [¬c], Iverson's bracket (1 where c holds, else 0), as the course writes ReLU' = [z > 0]. A
 * condition that already is one ([|r| ≤ δ], from lessEqual) is not wrapped again: it is itself, and its
 * negation 1 - [|r| ≤ δ] (bracketed as an operand of ⊙).
 */
function indicator(c: string, not: boolean, operand: boolean): string {
  const open = "[";
  if (c.startsWith(open) && closing(c, open.length - 1) === c.length - 1) {
    if (!not) return c;
    return operand ? `\\left(1 - ${c}\\right)` : `1 - ${c}`;
  }
  return `[${not ? "\\lnot " : ""}${c}]`;
}

/** The index of the "]" that closes the "[" at `at`, or -1. */
function closing(s: string, at: number): number {
  let depth = 0;
  for (let i = at; i < s.length; i++) {
    if (s[i] === "[") depth++;
    else if (s[i] === "]" && --depth === 0) return i;
  }
  return -1;
}
