// Reductions with numpy's axis (a number, a negative number, a list, or none for all) and keepdims,
// checked against plain loops over every element.
import { describe, it, expect } from "vitest";
import { np } from "../../../kernel/np.ts";
import type { Tensor } from "../../../kernel/tensor/tensor.ts";
import { RandomState } from "../../../kernel/tensor/random.ts";

const rng = new RandomState(11);

/** Reduce x over `axes` (normalised, as numpy does) with a loop over every element; returns the keepdims shape. */
function loopReduce(x: Tensor, axis: number | number[] | undefined, init: number, f: (acc: number, v: number) => number) {
  const axes = axis === undefined ? x.shape.map((_, i) => i) : (typeof axis === "number" ? [axis] : axis).map((a) => (a < 0 ? a + x.ndim : a));
  const kept = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const out = new Array<number>(kept.reduce((p, q) => p * q, 1)).fill(init);
  const idx = new Array<number>(x.ndim).fill(0);
  for (let flat = 0; flat < x.size; flat++) {
    let rest = flat;
    for (let d = x.ndim - 1; d >= 0; d--) {
      idx[d] = rest % x.shape[d];
      rest = Math.floor(rest / x.shape[d]);
    }
    let o = 0;
    for (let d = 0; d < x.ndim; d++) o = o * kept[d] + (axes.includes(d) ? 0 : idx[d]);
    out[o] = f(out[o], x.get(...idx));
  }
  return { kept, dropped: x.shape.filter((_, i) => !axes.includes(i)), data: out, count: x.size / out.length };
}

const AXES: (number | number[] | undefined)[] = [undefined, 0, 1, 2, -1, -2, -3, [0, 2], [-1, 0], [1, 2], [0, 1, 2]];
const label = (axis: number | number[] | undefined) => (axis === undefined ? "no axis" : `axis ${JSON.stringify(axis)}`);

describe("reductions over axes", () => {
  const x = rng.randn(2, 3, 4);
  for (const axis of AXES) {
    for (const keepdims of [false, true]) {
      const opts = { axis, keepdims };
      it(`np.sum(x, {${label(axis)}, keepdims: ${keepdims}}) adds up the reduced axes and ${keepdims ? "keeps them as size 1" : "drops them"}`, () => {
        const ref = loopReduce(x, axis, 0, (s, v) => s + v);
        const out = np.sum(x, opts);
        expect(out.shape).toEqual(keepdims ? ref.kept : ref.dropped);
        ref.data.forEach((v, i) => expect(out.data[i]).toBeCloseTo(v, 12));
      });
      it(`np.mean(x, {${label(axis)}, keepdims: ${keepdims}}) divides the sum by the number of reduced elements`, () => {
        const ref = loopReduce(x, axis, 0, (s, v) => s + v);
        const out = x.mean(opts);
        expect(out.shape).toEqual(keepdims ? ref.kept : ref.dropped);
        ref.data.forEach((v, i) => expect(out.data[i]).toBeCloseTo(v / ref.count, 12));
      });
      it(`np.max and np.min (${label(axis)}, keepdims: ${keepdims}) pick the largest and smallest element`, () => {
        const hi = loopReduce(x, axis, -Infinity, Math.max);
        const lo = loopReduce(x, axis, Infinity, Math.min);
        const shape = keepdims ? hi.kept : hi.dropped;
        expect(np.max(x, opts).shape).toEqual(shape);
        expect(x.min(opts).shape).toEqual(shape);
        expect(Array.from(np.max(x, opts).data)).toEqual(hi.data);
        expect(Array.from(x.min(opts).data)).toEqual(lo.data);
      });
    }
  }

  it("np.sum(x, {axis: 0}) sums over rows: one total per column", () => {
    const m = rng.randn(5, 3);
    const out = np.sum(m, { axis: 0 });
    expect(out.shape).toEqual([3]);
    for (let j = 0; j < 3; j++) {
      let s = 0;
      for (let i = 0; i < 5; i++) s += m.get(i, j);
      expect(out.get(j)).toBeCloseTo(s, 12);
    }
  });

  it("a full reduction gives a 0-d array whose .item() is the number", () => {
    const out = np.sum(x);
    expect(out.shape).toEqual([]);
    expect(out.item()).toBeCloseTo(loopReduce(x, undefined, 0, (s, v) => s + v).data[0], 12);
  });

  it("np.var and np.std use numpy's ddof=0 by default and ddof=1 on request", () => {
    const m = rng.randn(4, 5);
    for (const ddof of [0, 1]) {
      const v = np.var(m, { axis: 1, ddof });
      const s = m.std({ axis: 1, ddof });
      for (let i = 0; i < 4; i++) {
        const row = [0, 1, 2, 3, 4].map((j) => m.get(i, j));
        const mu = row.reduce((p, q) => p + q) / 5;
        const expected = row.reduce((p, q) => p + (q - mu) ** 2, 0) / (5 - ddof);
        expect(v.get(i)).toBeCloseTo(expected, 12);
        expect(s.get(i)).toBeCloseTo(Math.sqrt(expected), 12);
      }
    }
  });

  it("np.argmax and np.argmin give the first index of the extreme value along an axis, or in the flattened array", () => {
    const m = np.array([[1, 5, 5], [7, 2, 7], [0, 0, -1]]);
    expect(np.argmax(m, { axis: 1 }).toArray()).toEqual([1, 0, 0]);
    expect(m.argmin({ axis: 0 }).toArray()).toEqual([2, 2, 2]);
    expect(np.argmax(m, { axis: -1, keepdims: true }).shape).toEqual([3, 1]);
    expect(np.argmax(m).item()).toBe(3);
    expect(np.argmin(m).item()).toBe(8);
  });

  describe("axis errors", () => {
    const m = np.zeros([3, 4]);
    const cases: [string, () => unknown, string][] = [
      ["np.sum", () => np.sum(m, { axis: 2 }), "sum: axis 2 is out of bounds for array of dimension 2"],
      ["np.sum", () => np.sum(m, { axis: -3 }), "sum: axis -3 is out of bounds for array of dimension 2"],
      ["np.mean", () => np.mean(m, { axis: [0, 5] }), "mean: axis 5 is out of bounds for array of dimension 2"],
      ["np.max", () => m.max({ axis: 2 }), "max: axis 2 is out of bounds for array of dimension 2"],
      ["np.min", () => np.min(m, { axis: 9 }), "min: axis 9 is out of bounds for array of dimension 2"],
      ["np.var", () => np.var(m, { axis: -5 }), "var: axis -5 is out of bounds for array of dimension 2"],
      ["np.argmax", () => np.argmax(m, { axis: 2 }), "argmax: axis 2 is out of bounds for array of dimension 2"],
      ["np.sum", () => np.sum(m, { axis: [1, -1] }), "sum: repeated axis"],
    ];
    for (const [fn, call, message] of cases) {
      it(`${fn} with a bad axis throws "${message}"`, () => {
        expect(call).toThrow(message);
      });
    }
  });
});
