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
  vjpTex: [() => "0", (n) => `${n.g} \\odot \\mathbb{1}[${n.in[0]}]`, (n) => `${n.g} \\odot \\mathbb{1}[\\lnot ${n.in[0]}]`],
  factorTex: [() => "0", (n) => `\\mathbb{1}[${n.in[0]}]`, (n) => `\\mathbb{1}[\\lnot ${n.in[0]}]`],
});
