// numpy broadcasting: shapes are aligned on the right; each pair of sizes must be equal or one of
// them 1 (https://numpy.org/doc/stable/user/basics.broadcasting.html). Values are checked against a
// plain index-by-index reference, so every fast path of the elementwise loop is covered.
import { describe, it, expect } from "vitest";
import { np } from "../../../kernel/np.ts";
import { Tensor } from "../../../kernel/tensor/tensor.ts";
import { RandomState } from "../../../kernel/tensor/random.ts";

const rng = new RandomState(7);

/** The broadcast shape by the rule itself, and out[i] = f(a[i mod a], b[i mod b]) one index at a time. */
function reference(a: Tensor, b: Tensor, f: (x: number, y: number) => number): { shape: number[]; data: number[] } {
  const nd = Math.max(a.ndim, b.ndim);
  const pad = (s: number[]) => [...new Array<number>(nd - s.length).fill(1), ...s];
  const sa = pad(a.shape);
  const sb = pad(b.shape);
  const shape = sa.map((d, i) => Math.max(d, sb[i]));
  const size = shape.reduce((p, q) => p * q, 1);
  const data: number[] = [];
  for (let flat = 0; flat < size; flat++) {
    const idx: number[] = [];
    let rest = flat;
    for (let d = nd - 1; d >= 0; d--) {
      idx.unshift(rest % shape[d]);
      rest = Math.floor(rest / shape[d]);
    }
    const at = (t: Tensor, s: number[]) => t.get(...idx.slice(nd - t.ndim).map((k, d) => (s[nd - t.ndim + d] === 1 ? 0 : k)));
    data.push(f(at(a, sa), at(b, sb)));
  }
  return { shape, data };
}

const PAIRS: [number[], number[], number[]][] = [
  [[3, 4], [3, 4], [3, 4]],
  [[3, 4], [4], [3, 4]],
  [[3, 4], [], [3, 4]],
  [[3, 4], [3, 1], [3, 4]],
  [[3, 1], [1, 4], [3, 4]],
  [[2, 1, 3], [4, 1], [2, 4, 3]],
  [[5, 1, 4], [3, 1], [5, 3, 4]],
  [[2, 3, 4], [1, 3, 1], [2, 3, 4]],
  [[1], [2, 3], [2, 3]],
];

const OPS: [string, (a: Tensor, b: Tensor) => Tensor, (x: number, y: number) => number][] = [
  ["add", (a, b) => np.add(a, b), (x, y) => x + y],
  ["sub", (a, b) => a.sub(b), (x, y) => x - y],
  ["mul", (a, b) => np.multiply(a, b), (x, y) => x * y],
  ["div", (a, b) => a.div(b), (x, y) => x / y],
  ["maximum", (a, b) => np.maximum(a, b), (x, y) => Math.max(x, y)],
  ["minimum", (a, b) => a.minimum(b), (x, y) => Math.min(x, y)],
  ["greater", (a, b) => np.greater(a, b), (x, y) => (x > y ? 1 : 0)],
  ["pow", (a, b) => np.power(np.abs(a), b), (x, y) => Math.abs(x) ** y],
];

describe("broadcasting", () => {
  for (const [sa, sb, expected] of PAIRS) {
    for (const [name, ours, f] of OPS) {
      it(`np.${name} of shapes (${sa}) and (${sb}) gives shape (${expected}) with every element from the rule`, () => {
        const a = rng.randn(sa);
        const b = rng.randn(sb);
        for (const [x, y] of [[a, b], [b, a]]) {
          const out = ours(x, y);
          const ref = reference(x, y, f);
          expect(out.shape).toEqual(expected);
          expect(ref.shape).toEqual(expected);
          expect(Array.from(out.data)).toEqual(ref.data);
        }
      });
    }
  }

  it("numbers and nested lists broadcast like numpy scalars and arrays: X.add(1), np.mul(2, X), X.sub([1, 2])", () => {
    const X = rng.randn(3, 2);
    expect(Array.from(X.add(1).data)).toEqual(Array.from(X.data, (v) => v + 1));
    expect(Array.from(np.mul(2, X).data)).toEqual(Array.from(X.data, (v) => 2 * v));
    expect(Array.from(X.sub([1, 2]).data)).toEqual(Array.from(X.data, (v, i) => v - (i % 2 === 0 ? 1 : 2)));
  });

  it("np.where broadcasts the condition and both branches together", () => {
    const cond = np.array([[1], [0], [1]]);
    const a = rng.randn(4);
    const out = np.where(cond, a, -1);
    expect(out.shape).toEqual([3, 4]);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 4; j++) expect(out.get(i, j)).toBe(cond.get(i, 0) ? a.get(j) : -1);
  });

  it("np.broadcastTo copies along new and size-1 axes", () => {
    const x = rng.randn(3, 1);
    const out = np.broadcastTo(x, [2, 3, 4]);
    expect(out.shape).toEqual([2, 3, 4]);
    for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) for (let k = 0; k < 4; k++) expect(out.get(i, j, k)).toBe(x.get(j, 0));
  });

  describe("incompatible shapes", () => {
    const cases: [string, () => unknown, string][] = [
      ["add", () => np.add(np.zeros([3, 4]), np.zeros([3])), "add: operands could not be broadcast together with shapes (3, 4) and (3,)"],
      ["sub", () => np.zeros([2, 3]).sub(np.zeros([3, 2])), "sub: operands could not be broadcast together with shapes (2, 3) and (3, 2)"],
      ["mul", () => np.mul(np.zeros([300, 16]), np.zeros([300, 3])), "mul: operands could not be broadcast together with shapes (300, 16) and (300, 3)"],
      ["div", () => np.div(np.zeros([4]), np.zeros([5])), "div: operands could not be broadcast together with shapes (4,) and (5,)"],
      ["maximum", () => np.maximum(np.zeros([2, 3, 4]), np.zeros([3, 3])), "maximum: operands could not be broadcast together with shapes (2, 3, 4) and (3, 3)"],
      ["greater", () => np.greater(np.zeros([2]), np.zeros([3])), "greater: operands could not be broadcast together with shapes (2,) and (3,)"],
      ["where", () => np.where(np.zeros([2]), np.zeros([3]), 0), "where: operands could not be broadcast together with shapes (2,) and (3,)"],
    ];
    for (const [op, call, message] of cases) {
      it(`${op} throws an error naming the op and both shapes`, () => {
        expect(call).toThrow(message);
      });
    }

    it("np.broadcastTo to a shape that does not fit names the op and both shapes in numpy's tuple form", () => {
      expect(() => np.broadcastTo(np.zeros([3]), [4])).toThrow(/^broadcastTo: .*\(3,\).*\(4,\)/);
      expect(() => np.broadcastTo(np.zeros([2, 3]), [3])).toThrow(/^broadcastTo: .*\(2, 3\).*\(3,\)/);
    });
  });
});
