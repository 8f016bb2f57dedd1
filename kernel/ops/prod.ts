// prod: c = Π A over the given axes (numpy's np.prod).
// Backward: dc/dA_i = Π_{j≠i} A_j, the product of the others. Dividing c by A_i would give that
// too, but fails (0/0) where A_i = 0; so each "product of the others" is computed directly, as the
// product of everything before i times everything after i (prefix and suffix products), which is
// also what makes a single zero pass its gradient correctly (PyTorch handles zeros the same way).
import { defineOp } from "../autograd/op.ts";
import { Tensor } from "../tensor/tensor.ts";
import { reduceAxes, keptShape } from "../tensor/reduce.ts";
import { sizeOf } from "../tensor/shape.ts";
import type { AxesAttrs } from "./sum.ts";

/** For each row of `data` (rows x n): out[i] = product of the row's other elements. */
function productsOfOthers(data: Float64Array, rows: number, n: number): Float64Array {
  const out = new Float64Array(data.length);
  for (let r = 0; r < rows; r++) {
    const base = r * n;
    let before = 1;
    for (let i = 0; i < n; i++) {
      out[base + i] = before;
      before *= data[base + i];
    }
    let after = 1;
    for (let i = n - 1; i >= 0; i--) {
      out[base + i] *= after;
      after *= data[base + i];
    }
  }
  return out;
}

export const prod = defineOp<AxesAttrs & { ndim: number }>({
  name: "prod",
  tex: (n, a) => `\\prod${a.axes.length === a.ndim ? "" : `_{\\text{axis}=${a.axes.join(",")}}`} ${n.in[0]}`,
  forward: ([x], a) => reduceAxes(x, a.axes, a.keepdims, 1, (acc, v) => acc * v),
  backward: (g, [x], _out, a) => {
    // move the reduced axes to the end, so each output's inputs are one contiguous row
    const kept = x.shape.map((_, i) => i).filter((i) => !a.axes.includes(i));
    const perm = [...kept, ...a.axes];
    const moved = x.transpose(perm);
    const n = sizeOf(a.axes.map((i) => x.shape[i]));
    const others = new Tensor(productsOfOthers(moved.data, n === 0 ? 0 : moved.size / n, n), moved.shape);
    const inverse = new Array<number>(perm.length);
    perm.forEach((p, i) => (inverse[p] = i));
    return [others.transpose(inverse).mul(g.reshape(keptShape(x.shape, a.axes)))];
  },
  vjpTex: [(n) => `${n.g} \\odot \\prod_{j \\ne i} ${n.in[0]}_{j}`],
  factorTex: [(n) => `\\prod_{j \\ne i} ${n.in[0]}_{j}`],
});
