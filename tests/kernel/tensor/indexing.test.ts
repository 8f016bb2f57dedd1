// numpy-style indexing: X.slice(...) is X[...] with ":"-strings for slices, lists for fancy indices.
// Expected positions follow Python's slice rules (checked in Python: x[8:2:-2] is [8, 6, 4]).
import { describe, it, expect } from "vitest";
import { np } from "../../../kernel/np.ts";
import type { Tensor } from "../../../kernel/tensor/tensor.ts";

const X = np.arange(20).reshape(4, 5).mul(1.5); // X.get(i, j) = 1.5 (5i + j)
const v = np.arange(10);

/** The rows `rows` and columns `cols` of X, read one element at a time with .get. */
const pick = (rows: number[], cols: number[]) => rows.map((i) => cols.map((j) => X.get(i, j)));
const values = (t: Tensor) => t.toArray();

describe("indexing and slicing", () => {
  it("X.slice(i) is row i, with the axis dropped; negative i counts from the end", () => {
    expect(X.slice(1).shape).toEqual([5]);
    expect(values(X.slice(1))).toEqual(pick([1], [0, 1, 2, 3, 4])[0]);
    expect(values(X.slice(-1))).toEqual(pick([3], [0, 1, 2, 3, 4])[0]);
  });

  it("X.slice(i, j) is one element as a 0-d array, like X.get(i, j)", () => {
    expect(X.slice(2, -1).shape).toEqual([]);
    expect(X.slice(2, -1).item()).toBe(X.get(2, 4));
    expect(X.get(-1, -2)).toBe(X.get(3, 3));
  });

  it("X.slice(null, j) and X.slice(\":\", j) are column j", () => {
    expect(values(X.slice(null, 1))).toEqual(pick([0, 1, 2, 3], [1]).map((r) => r[0]));
    expect(values(X.slice(":", -1))).toEqual(pick([0, 1, 2, 3], [4]).map((r) => r[0]));
  });

  it("slices follow Python: start included, stop excluded, steps, negative bounds, reversed", () => {
    expect(values(X.slice("1:3"))).toEqual(pick([1, 2], [0, 1, 2, 3, 4]));
    expect(values(X.slice(":", "1:4"))).toEqual(pick([0, 1, 2, 3], [1, 2, 3]));
    expect(values(X.slice("::2", "::-2"))).toEqual(pick([0, 2], [4, 2, 0]));
    expect(values(v.slice("8:2:-2"))).toEqual([8, 6, 4]);
    expect(values(v.slice("-3:"))).toEqual([7, 8, 9]);
    expect(values(v.slice("::-3"))).toEqual([9, 6, 3, 0]);
    expect(values(v.slice("1:-1:4"))).toEqual([1, 5]);
  });

  it("slice bounds past the ends are clipped, and an empty range gives an empty array", () => {
    expect(values(v.slice("-100:3"))).toEqual([0, 1, 2]);
    expect(values(v.slice("7:-100:-1"))).toEqual([7, 6, 5, 4, 3, 2, 1, 0]);
    expect(values(X.slice("0:100"))).toEqual(values(X));
    expect(v.slice("5:2").shape).toEqual([0]);
  });

  it("a list of indices picks rows in that order, repeats allowed, negatives from the end (fancy indexing)", () => {
    expect(values(X.slice([2, 0, 2, -1]))).toEqual(pick([2, 0, 2, 3], [0, 1, 2, 3, 4]));
    expect(values(X.slice(null, [4, 0]))).toEqual(pick([0, 1, 2, 3], [4, 0]));
    expect(values(np.take(X, [3, 1], { axis: 0 }))).toEqual(pick([3, 1], [0, 1, 2, 3, 4]));
    expect(values(np.take(X, [3, 7]))).toEqual([X.get(0, 3), X.get(1, 2)]); // no axis: the flattened array
    expect(values(X.take([3, 1], { axis: 1 }))).toEqual(pick([0, 1, 2, 3], [3, 1]));
  });

  it("two index arrays are zipped: P.slice(np.arange(n), y) is P[i, y[i]] for each i", () => {
    const y = np.array([4, 0, 2, 2]);
    const picked = X.slice(np.arange(4), y);
    expect(picked.shape).toEqual([4]);
    expect(values(picked)).toEqual([0, 1, 2, 3].map((i) => X.get(i, y.get(i))));
  });

  it("an index list mixed with an integer selects along the list", () => {
    expect(values(X.slice([0, 3], 1))).toEqual([X.get(0, 1), X.get(3, 1)]);
  });

  it("slicing copies: changing the source later does not change the slice", () => {
    const src = np.arange(6).reshape(2, 3);
    const row = src.slice(0);
    src.data[0] = 100;
    expect(values(row)).toEqual([0, 1, 2]);
  });

  describe("out-of-bounds and malformed indices", () => {
    const cases: [string, () => unknown, string][] = [
      ["a row past the end", () => X.slice(4), "index: index 4 is out of bounds for axis 0 with size 4"],
      ["a negative row past the start", () => X.slice(-5), "index: index -5 is out of bounds for axis 0 with size 4"],
      ["a column past the end", () => X.slice(0, 5), "index: index 5 is out of bounds for axis 1 with size 5"],
      ["a fancy index past the end", () => X.slice([0, 4]), "index: index 4 is out of bounds for axis 0 with size 4"],
      ["take past the end", () => np.take(X, [7], { axis: 1 }), "index: index 7 is out of bounds for axis 1 with size 5"],
      ["too many indices", () => X.slice(0, 0, 0), "index: too many indices for array of shape (4, 5): 3 were indexed"],
      ["a zero step", () => X.slice("::0"), "index: slice step cannot be zero (axis 0)"],
      ["a slice that is not one", () => X.slice("1-3"), 'index: "1-3" is not a slice like "1:5", ":", "::2" or "-3:" (axis 0)'],
      ["index arrays of different lengths", () => X.slice([0, 1], [0, 1, 2]), "index: shape mismatch: indexing arrays could not be broadcast together with shapes (2,) (3,)"],
      ["get past the end", () => X.get(0, 5), "get: index 5 is out of bounds for axis 1 with size 5"],
    ];
    for (const [what, call, message] of cases) {
      it(`${what} throws "${message}"`, () => {
        expect(call).toThrow(new Error(message));
      });
    }
  });
});
