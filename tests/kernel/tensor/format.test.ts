// Printing like numpy. The expected strings are numpy's own repr (numpy 1.24, float64), with numpy 2's
// `shape=(...)` suffix on summarised arrays; each was produced by the Python line in its comment.
import { describe, it, expect } from "vitest";
import { inspect } from "node:util";
import { np } from "../../../kernel/np.ts";

describe("printing like numpy", () => {
  const cases: [string, () => unknown, string][] = [
    // repr(np.array([[0.1, -0.2], [3, 4]]))
    ["small values and a sign column", () => np.array([[0.1, -0.2], [3, 4]]), "array([[ 0.1, -0.2],\n       [ 3. ,  4. ]])"],
    // repr(np.array([1., 2, 3]))
    ["integers as `1.`", () => np.array([1, 2, 3]), "array([1., 2., 3.])"],
    // repr(np.array([-1., 2, -3]))
    ["negative integers", () => np.array([-1, 2, -3]), "array([-1.,  2., -3.])"],
    // repr(np.array([0.5, -0.25]))
    ["decimal points lined up", () => np.array([0.5, -0.25]), "array([ 0.5 , -0.25])"],
    // repr(np.array([1/3, 2/3]))
    ["8 digits after the point", () => np.array([1 / 3, 2 / 3]), "array([0.33333333, 0.66666667])"],
    // repr(np.array([0.1, 0.12345678912]))
    ["short values padded to the longest", () => np.array([0.1, 0.12345678912]), "array([0.1       , 0.12345679])"],
    // repr(np.array(3.5)), repr(np.array(-2.))
    ["a 0-d array", () => np.array(3.5), "array(3.5)"],
    ["a negative 0-d integer", () => np.array(-2), "array(-2.)"],
    // repr(np.arange(24.).reshape(2, 3, 4))
    ["a 3-d array with a blank line between blocks", () => np.arange(24).reshape(2, 3, 4),
      "array([[[ 0.,  1.,  2.,  3.],\n        [ 4.,  5.,  6.,  7.],\n        [ 8.,  9., 10., 11.]],\n\n       [[12., 13., 14., 15.],\n        [16., 17., 18., 19.],\n        [20., 21., 22., 23.]]])"],
    // repr(np.arange(2000.) / 2000 + 1)  (+ numpy 2's shape suffix)
    ["a large 1-d array summarised with ... and shape=", () => np.arange(2000).div(2000).add(1),
      "array([1.    , 1.0005, 1.001 , ..., 1.9985, 1.999 , 1.9995], shape=(2000,))"],
    // repr((np.arange(2000.) / 2000 + 1).reshape(1000, 2))  (+ shape suffix)
    ["a large 2-d array summarised by rows", () => np.arange(2000).div(2000).add(1).reshape(1000, 2),
      "array([[1.    , 1.0005],\n       [1.001 , 1.0015],\n       [1.002 , 1.0025],\n       ...,\n       [1.997 , 1.9975],\n       [1.998 , 1.9985],\n       [1.999 , 1.9995]], shape=(1000, 2))"],
    // repr(np.array([np.nan, np.nan]))
    ["nan", () => np.array([NaN, NaN]), "array([nan, nan])"],
    // repr(np.array([np.nan, 1.5]))
    ["nan next to a number, right-aligned in the column width", () => np.array([NaN, 1.5]), "array([nan, 1.5])"],
    // repr(np.array([1, -np.inf]))
    ["-inf next to an integer", () => np.array([1, -Infinity]), "array([  1., -inf])"],
    // repr(np.array([[0.5, np.nan], [-np.inf, 2]]))
    ["nan and -inf in a matrix", () => np.array([[0.5, NaN], [-Infinity, 2]]), "array([[ 0.5,  nan],\n       [-inf,  2. ]])"],
    // repr(np.array([1.5e-5, 1]))
    ["tiny values next to large ones in scientific notation", () => np.array([1.5e-5, 1]), "array([1.5e-05, 1.0e+00])"],
  ];
  for (const [what, make, expected] of cases) {
    it(`prints ${what}: ${expected.split("\n")[0]}`, () => {
      expect(String(make())).toBe(expected);
    });
  }

  it("a summarised array shows 3 items at each end and never more than numpy's 1000-element threshold in full", () => {
    expect(String(np.ones([1000]))).not.toContain("...");
    expect(String(np.ones([1001]))).toContain("..., 1., 1., 1.], shape=(1001,))");
  });

  it("node's console.log shows the same text as toString()", () => {
    const t = np.array([[1, 2], [3, 4]]);
    expect(inspect(t)).toBe(t.toString());
  });
});
