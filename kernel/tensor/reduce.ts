// Reductions along axes (sum, max, ...). A set of axes is reduced one axis at a time: viewing the
// array as (outer, mid, inner) around the axis makes every reduction three plain nested loops.
//
// Why the code is split the way it is: `combine` runs once per element, so the JIT has to inline it
// into the loop. V8 does that when the function holding the loop is inlined into the op's forward
// (where `combine` is a known arrow function), and it only inlines small functions. So the
// bookkeeping (which axes, which shapes) lives in `planReduction`, and `reduceAxes` and the loop
// stay small. With the callback not inlined, sum over a 300x16 batch took 6x as long.
import { Tensor } from "./tensor.ts";
import { backend, type ReduceName } from "./backend.ts";

/** One axis to reduce, with the array viewed as (outer, mid, inner) around it. */
interface AxisStep {
  outer: number;
  mid: number;
  inner: number;
}

export function reduceAxes(
  x: Tensor, axes: readonly number[], keepdims: boolean,
  init: number, combine: (acc: number, v: number) => number, name?: ReduceName,
): Tensor {
  const { steps, shape } = planReduction(x.shape, axes, keepdims);
  let data = x.data;
  for (let s = 0; s < steps.length; s++) {
    const { outer, mid, inner } = steps[s];
    const out = name === undefined ? null : new Float64Array(outer * inner);
    data = out !== null && backend.current.reduce(name!, data, out, outer, mid, inner) ? out : reduceAxis(data, steps[s], init, combine);
  }
  return new Tensor(data, shape);
}

function reduceAxis(data: Float64Array, { outer, mid, inner }: AxisStep, init: number, combine: (acc: number, v: number) => number): Float64Array {
  const out = new Float64Array(outer * inner);
  if (inner === 1) {
    // the last axis: each output is one contiguous row, accumulated in a local
    for (let o = 0; o < outer; o++) {
      let acc = init;
      for (let m = 0, at = o * mid; m < mid; m++, at++) acc = combine(acc, data[at]);
      out[o] = acc;
    }
    return out;
  }
  out.fill(init);
  for (let o = 0; o < outer; o++) {
    const ob = o * inner;
    for (let m = 0; m < mid; m++) {
      const row = (o * mid + m) * inner;
      for (let i = 0; i < inner; i++) out[ob + i] = combine(out[ob + i], data[row + i]);
    }
  }
  return out;
}

/** The axes as (outer, mid, inner) steps, last axis first so earlier axis numbers stay valid. */
function planReduction(shape: readonly number[], axes: readonly number[], keepdims: boolean): { steps: AxisStep[]; shape: number[] } {
  const current = [...shape];
  const steps: AxisStep[] = [];
  for (const axis of [...axes].sort((p, q) => q - p)) {
    const outer = current.slice(0, axis).reduce((p, q) => p * q, 1);
    const inner = current.slice(axis + 1).reduce((p, q) => p * q, 1);
    steps.push({ outer, mid: current[axis], inner });
    current[axis] = 1;
  }
  return { steps, shape: keepdims ? current : current.filter((_, i) => !axes.includes(i)) };
}

/** The shape a reduction has with keepdims: reduced axes become 1 (so the result broadcasts back). */
export function keptShape(shape: readonly number[], axes: readonly number[]): number[] {
  return shape.map((d, i) => (axes.includes(i) ? 1 : d));
}
