// concatenate: join arrays along an existing axis (numpy's np.concatenate).
// Backward: cut G back into the pieces, each the size of the input it came from.
import { defineOp, sameDtype } from "../autograd/op.ts";
import { Tensor } from "../tensor/tensor.ts";
import { formatShape, sizeOf } from "../tensor/shape.ts";

function join(parts: Tensor[], axis: number): Tensor {
  const first = parts[0].shape;
  for (const p of parts) {
    if (p.ndim !== first.length || p.shape.some((d, i) => i !== axis && d !== first[i])) {
      throw new Error(`concatenate: all shapes must match except on axis ${axis}, got ${parts.map((q) => formatShape(q.shape)).join(" and ")}`);
    }
  }
  const shape = [...first];
  shape[axis] = parts.reduce((s, p) => s + p.shape[axis], 0);
  const outer = sizeOf(first.slice(0, axis));
  const inner = sizeOf(first.slice(axis + 1));
  const out = new Float64Array(sizeOf(shape));
  const rowOut = shape[axis] * inner;
  let at = 0;
  for (const p of parts) {
    const len = p.shape[axis] * inner;
    for (let o = 0; o < outer; o++) out.set(p.data.subarray(o * len, (o + 1) * len), o * rowOut + at);
    at += len;
  }
  return new Tensor(out, shape);
}

export const concatenate = defineOp<{ axis: number }>({
  name: "concatenate",
  dtype: sameDtype, // a mask stays a mask
  tex: (n) => `\\left[${n.in.join(",\\ ")}\\right]`,
  forward: (parts, { axis }) => join(parts, axis),
  backward: (g, parts, _out, { axis }, needs) => {
    let start = 0;
    return parts.map((p, k) => {
      const index = g.shape.map((_, i) => (i === axis ? `${start}:${start + p.shape[axis]}` : ":"));
      start += p.shape[axis];
      // a part that needs no gradient (a column of ones appended to X) is not cut out at all
      return needs[k] ? g.slice(...index) : null;
    });
  },
  vjpTex: [(n) => `${n.g}[\\text{its part}]`],
  factorTex: [() => "1"],
});
