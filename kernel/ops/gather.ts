// gather: C[i] = A[index[i]] — every kind of indexing (rows, columns, slices, fancy indices) reads
// A at a list of flat positions, which functional.ts works out from numpy-style indices.
// Backward: scatter-add: each picked element sends its gradient back to where it was read from
// (added up if it was read more than once).
import { defineOp, sameDtype } from "../autograd/op.ts";
import { Tensor } from "../tensor/tensor.ts";

export interface GatherAttrs {
  /** flat positions in A, one per output element */
  from: Int32Array;
  shape: number[];
  /** how to print the index in formulas, e.g. "0:10, 1" */
  label: string;
}

export const gather = defineOp<GatherAttrs>({
  name: "gather",
  dtype: sameDtype, // a mask stays a mask
  tex: (n, a) => `${n.in[0]}[${a.label}]`,
  forward: ([a], { from, shape }) => {
    const out = new Float64Array(from.length);
    for (let i = 0; i < from.length; i++) out[i] = a.data[from[i]];
    return new Tensor(out, shape);
  },
  backward: (g, [a], _out, { from }) => {
    const grad = new Float64Array(a.size);
    for (let i = 0; i < from.length; i++) grad[from[i]] += g.data[i];
    return [new Tensor(grad, a.shape)];
  },
  vjpTex: [(n, a) => `\\operatorname{scatter}_{[${a.label}]}(${n.g})`],
  factorTex: [(_n, a) => `\\mathbf{1}_{[${a.label}]}`],
});
