// Making arrays: np.array from nested lists and numpy's creation helpers (same names and arguments).
import { describe, it, expect } from "vitest";
import { np } from "../../../kernel/np.ts";

describe("np.array", () => {
  it("reads nested lists row-major, with the shape of the nesting", () => {
    const nested = [[[1, 2, 3], [4, 5, 6]], [[7, 8, 9], [10, 11, 12]]];
    const t = np.array(nested);
    expect(t.shape).toEqual([2, 2, 3]);
    expect(t.size).toBe(12);
    expect(t.ndim).toBe(3);
    expect(t.dtype).toBe("float64");
    expect(t.toArray()).toEqual(nested);
    expect(t.get(1, 0, 2)).toBe(nested[1][0][2]);
  });

  it("makes a 0-d array from a number and a (0,) array from an empty list", () => {
    expect(np.array(5).shape).toEqual([]);
    expect(np.array(5).item()).toBe(5);
    expect(np.array([]).shape).toEqual([0]);
  });

  it("makes a bool array (a mask) of booleans, stored as 1 and 0", () => {
    const mask = np.array([true, false]);
    expect(mask.dtype).toBe("bool");
    expect(Array.from(mask.data)).toEqual([1, 0]);
    expect(mask.toArray()).toEqual([true, false]);
    expect(np.array([true, 2]).dtype).toBe("float64");
  });

  it("copies a typed array or a tensor instead of sharing its memory", () => {
    const src = new Float64Array([1, 2, 3]);
    const t = np.array(src);
    src[0] = 99;
    expect(t.toArray()).toEqual([1, 2, 3]);
    const u = np.array(t);
    t.data[1] = 99;
    expect(u.toArray()).toEqual([1, 2, 3]);
  });

  it("rejects ragged nesting with numpy's word for it (inhomogeneous shape) and the offending element", () => {
    expect(() => np.array([[1, 2], [3]])).toThrow(/^array: inhomogeneous shape after 1 dimensions: element \[1\] has length 1, expected 2/);
    expect(() => np.array([[1, 2], 3] as never)).toThrow(/^array: inhomogeneous shape .*element \[1\]/);
    expect(() => np.array([[1], [[2]]] as never)).toThrow(/^array: inhomogeneous shape: element \[1\]\[0\] is a list/);
  });

  it("rejects elements that are not numbers", () => {
    expect(() => np.array([1, "a"] as never)).toThrow('array: element [1] is "a", expected a number');
  });

  it("takes requiresGrad and name options", () => {
    const t = np.array([1, 2], { requiresGrad: true, name: "w" });
    expect(t.needsGrad).toBe(true);
    expect(t.name).toBe("w");
  });
});

describe("creation helpers", () => {
  it("np.zeros, np.ones and np.full fill a shape given as an array", () => {
    for (const [t, v] of [[np.zeros([2, 3]), 0], [np.ones([2, 3]), 1], [np.full([2, 3], 7.5), 7.5]] as const) {
      expect(t.shape).toEqual([2, 3]);
      expect(Array.from(t.data).every((x) => x === v)).toBe(true);
    }
    expect(np.zeros([]).shape).toEqual([]);
    expect(np.zeros([]).size).toBe(1);
    expect(np.zeros([0, 3]).size).toBe(0);
  });

  it("np.zeros rejects negative and fractional sizes", () => {
    expect(() => np.zeros([2, -1])).toThrow("invalid shape (2, -1)");
    expect(() => np.ones([1.5])).toThrow("invalid shape (1.5,)");
  });

  it("np.zerosLike, np.onesLike and np.fullLike copy the shape and not the values or the graph", () => {
    const x = np.array([[1, 2, 3], [4, 5, 6]], { requiresGrad: true });
    for (const [t, v] of [[np.zerosLike(x), 0], [np.onesLike(x), 1], [np.fullLike(x, -2), -2]] as const) {
      expect(t.shape).toEqual(x.shape);
      expect(Array.from(t.data).every((y) => y === v)).toBe(true);
      expect(t.needsGrad).toBe(false);
    }
  });

  it("np.eye(n) is the identity and np.eye(n, m) a rectangular one", () => {
    for (const [n, m] of [[3, 3], [2, 4], [4, 2]]) {
      const I = m === n ? np.eye(n) : np.eye(n, m);
      expect(I.shape).toEqual([n, m]);
      for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) expect(I.get(i, j)).toBe(i === j ? 1 : 0);
    }
  });

  it("np.eye(3) @ A is A", () => {
    const A = np.random.randn(3, 4);
    expect(np.matmul(np.eye(3), A).toArray()).toEqual(A.toArray());
  });

  it("np.arange(stop), (start, stop) and (start, stop, step) count up to but not including stop", () => {
    expect(np.arange(5).toArray()).toEqual([0, 1, 2, 3, 4]);
    expect(np.arange(2, 5).toArray()).toEqual([2, 3, 4]);
    expect(np.arange(1, 2, 0.25).toArray()).toEqual([1, 1.25, 1.5, 1.75]);
    expect(np.arange(5, 0, -2).toArray()).toEqual([5, 3, 1]);
    expect(np.arange(3, 3).shape).toEqual([0]);
    expect(np.arange(0, 1, 0.1).size).toBe(10);
  });

  it("np.arange refuses a zero step", () => {
    expect(() => np.arange(0, 1, 0)).toThrow("arange: step must not be zero");
  });

  it("np.linspace(start, stop, num) includes both ends with equal steps; endpoint: false leaves stop out", () => {
    const t = np.linspace(-1, 2, 7);
    expect(t.shape).toEqual([7]);
    expect(t.get(0)).toBe(-1);
    expect(t.get(6)).toBe(2);
    for (let i = 1; i < 7; i++) expect(t.get(i) - t.get(i - 1)).toBeCloseTo(0.5, 14);
    expect(np.linspace(0, 1, 4, { endpoint: false }).toArray()).toEqual([0, 0.25, 0.5, 0.75]);
    expect(np.linspace(0, 1).size).toBe(50);
    expect(np.linspace(3, 9, 1).toArray()).toEqual([3]);
  });
});
