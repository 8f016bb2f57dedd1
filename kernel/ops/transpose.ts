// transpose: permute the axes (Aᵀ for a matrix). Backward: permute G back with the inverse permutation.
import { defineOp, sameDtype } from "../autograd/op.ts";
import { Tensor } from "../tensor/tensor.ts";
import { sizeOf, stridesOf } from "../tensor/shape.ts";

function permute(a: Tensor, axes: readonly number[]): Tensor {
  const shape = axes.map((ax) => a.shape[ax]);
  const out = new Float64Array(sizeOf(shape));
  if (a.ndim === 2 && axes[0] === 1) {
    const [r, c] = a.shape;
    const x = a.data;
    for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = x[i * c + j];
    return new Tensor(out, shape);
  }
  const src = stridesOf(a.shape);
  const walk = axes.map((ax) => src[ax]); // source stride for each output axis
  const idx = new Array<number>(shape.length).fill(0);
  let from = 0;
  for (let o = 0; o < out.length; o++) {
    out[o] = a.data[from];
    for (let d = shape.length - 1; d >= 0; d--) {
      idx[d]++;
      from += walk[d];
      if (idx[d] < shape[d]) break;
      from -= walk[d] * shape[d];
      idx[d] = 0;
    }
  }
  return new Tensor(out, shape);
}

/** "A^{\top}"; an operand that already has a superscript gets braces first ({X^{\top}}^{\top}), else KaTeX refuses it. */
export const transposedTex = (x: string) => `${x.includes("^") ? `{${x}}` : x}^{\\top}`;

export const transpose = defineOp<{ axes: number[] }>({
  name: "transpose",
  dtype: sameDtype, // a mask stays a mask
  tex: (n) => transposedTex(n.in[0]),
  forward: ([a], { axes }) => permute(a, axes),
  backward: (g, _inputs, _out, { axes }) => {
    const inverse = new Array<number>(axes.length);
    axes.forEach((ax, i) => (inverse[ax] = i));
    return [g.transpose(inverse)];
  },
  vjpTex: [(n) => transposedTex(n.g)],
  factorTex: [() => "\\top"],
});
