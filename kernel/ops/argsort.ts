// argsort: the indices that sort the array along one axis (numpy's np.argsort), NaN last as numpy.
// Equal elements keep their order (a stable sort: numpy's kind="stable"; numpy's default quicksort
// may order ties differently, and differently on different machines). Indices carry no gradient;
// np.sort reads the values through them with a gather, which does (see statistics.ts).
import { defineOp } from "../autograd/op.ts";
import { Tensor } from "../tensor/tensor.ts";
import { sizeOf } from "../tensor/shape.ts";

/** a before b? NaN sorts after every number, as numpy. */
const before = (a: number, b: number): number => (a < b ? -1 : a > b ? 1 : a === b ? 0 : a !== a ? (b !== b ? 0 : 1) : -1);

export function argsortAxis(x: Tensor, axis: number): Tensor {
  const outer = sizeOf(x.shape.slice(0, axis));
  const mid = x.shape[axis];
  const inner = sizeOf(x.shape.slice(axis + 1));
  const out = new Float64Array(x.size);
  const order = Array.from({ length: mid }, (_, i) => i);
  const values = new Float64Array(mid);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      for (let k = 0; k < mid; k++) {
        values[k] = x.data[(o * mid + k) * inner + i];
        order[k] = k;
      }
      order.sort((p, q) => before(values[p], values[q]) || p - q); // ties by position: stable
      for (let k = 0; k < mid; k++) out[(o * mid + k) * inner + i] = order[k];
    }
  }
  return new Tensor(out, x.shape);
}

export const argsort = defineOp<{ axis: number }>({
  name: "argsort",
  tex: (n) => `\\operatorname{argsort}(${n.in[0]})`,
  forward: ([x], { axis }) => argsortAxis(x, axis),
});
