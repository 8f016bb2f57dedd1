import { describe, expect, it } from "vitest";
import { nn } from "../../../kernel/nn/index.ts";
import { np } from "../../../kernel/np.ts";
import { portableCos, portableSin } from "../../../kernel/nn/datasets/portable-math.ts";

describe("nn.datasets", () => {
  it("portable sin and cos agree with Math.sin/cos to 1e-15 (and are arithmetic only)", () => {
    let worst = 0;
    for (let i = -5000; i <= 5000; i++) {
      const x = i * 0.01337;
      worst = Math.max(worst, Math.abs(portableSin(x) - Math.sin(x)), Math.abs(portableCos(x) - Math.cos(x)));
    }
    expect(worst).toBeLessThan(1e-15);
  });

  it("moons without noise lie on scikit-learn's two half circles, classes balanced", () => {
    const { X, y } = nn.datasets.moons(100, { shuffle: false });
    expect(X.shape).toEqual([100, 2]);
    expect(y.shape).toEqual([100]);
    expect(X.get(0, 0)).toBe(1); // cos 0
    expect(X.get(49, 0)).toBeCloseTo(-1, 15); // cos pi
    expect(X.get(50, 0)).toBe(0); // 1 - cos 0
    expect(X.get(50, 1)).toBe(0.5); // 1 - sin 0 - 0.5
    expect(np.sum(y).item()).toBe(50);
  });

  it("the same seed gives the same data; a different seed different data", () => {
    const a = nn.datasets.moons(50, { noise: 0.2, seed: 1 }), b = nn.datasets.moons(50, { noise: 0.2, seed: 1 }), c = nn.datasets.moons(50, { noise: 0.2, seed: 2 });
    expect(Array.from(a.X.data)).toEqual(Array.from(b.X.data));
    expect(Array.from(a.y.data)).toEqual(Array.from(b.y.data));
    expect(Array.from(a.X.data)).not.toEqual(Array.from(c.X.data));
  });

  it("circles, blobs, spirals, xor and linear have the shapes and labels they promise", () => {
    const c = nn.datasets.circles(60, { factor: 0.5, seed: 0 });
    const r = np.sqrt(np.sum(c.X.mul(c.X), { axis: 1 }));
    for (let i = 0; i < 60; i++) expect(r.data[i]).toBeCloseTo(c.y.data[i] === 0 ? 1 : 0.5, 14);
    const b = nn.datasets.blobs(90, { centers: 3, nFeatures: 4, seed: 0 });
    expect(b.X.shape).toEqual([90, 4]);
    expect(b.centers.shape).toEqual([3, 4]);
    expect(np.unique(b.y).toArray()).toEqual([0, 1, 2]);
    const s = nn.datasets.spirals(300, { classes: 3, seed: 0 });
    expect(s.X.shape).toEqual([300, 2]);
    expect(np.sum(s.y.equal(2)).item()).toBe(100);
    const x = nn.datasets.xor();
    expect(x.X.toArray()).toEqual([[0, 0], [0, 1], [1, 0], [1, 1]]);
    expect(x.y.toArray()).toEqual([[0], [1], [1], [0]]);
    const l = nn.datasets.linear(200, { coef: [2, -1], bias: 3, noise: 0, seed: 0 });
    expect(l.y.shape).toEqual([200, 1]);
    expect(l.y.get(5, 0)).toBeCloseTo(2 * l.X.get(5, 0) - l.X.get(5, 1) + 3, 12);
  });

  it("digits: 1797 8x8 images with pixels 0..16 and labels 0..9, the UCI test set as scikit-learn ships it", () => {
    const { X, y, images } = nn.datasets.digits();
    expect(X.shape).toEqual([1797, 64]);
    expect(images.shape).toEqual([1797, 8, 8]);
    expect(np.max(X).item()).toBe(16);
    expect(np.min(X).item()).toBe(0);
    // the first image of sklearn.datasets.load_digits() is a 0 with this top row
    expect(Array.from(X.data.subarray(0, 8))).toEqual([0, 0, 5, 13, 9, 1, 0, 0]);
    expect(y.data[0]).toBe(0);
    expect(Array.from(np.unique(y).data)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(np.sum(X).item()).toBe(561718); // sklearn: load_digits().data.sum()
  });

  it("wine: 178 x 13 with 3 classes", () => {
    const w = nn.datasets.wine();
    expect(w.X.shape).toEqual([178, 13]);
    expect(w.featureNames[0]).toBe("alcohol");
    expect(Array.from(np.unique(w.y).data)).toEqual([0, 1, 2]);
  });

  it("parseCSV reads a header, numbers, a named target (classes sorted) and says where a bad value is", () => {
    const d = nn.datasets.parseCSV('x1,x2,"kind"\n1,2,cat\n3,4.5,dog\n-1,0,cat\n', { target: "kind" });
    expect(d.X.toArray()).toEqual([[1, 2], [3, 4.5], [-1, 0]]);
    expect(d.y!.toArray()).toEqual([0, 1, 0]);
    expect(d.classes).toEqual(["cat", "dog"]);
    expect(d.featureNames).toEqual(["x1", "x2"]);
    expect(() => nn.datasets.parseCSV("a,b\n1,2\noops,3\n")).toThrow(/line 3, column "a": "oops" is not a number/);
    expect(() => nn.datasets.parseCSV("a,b\n1,x\n", { target: "a" })).toThrow(/line 2, column "b": "x" is not a number/);
    expect(() => nn.datasets.parseCSV("a,b\n1,2\n", { target: "c" })).toThrow(/no target column "c"/);
    expect(() => nn.datasets.parseCSV("a,b\n1,2,3\n")).toThrow(/line 2 has 3 fields/);
  });

  it("load reads a File (Blob)", async () => {
    const d = await nn.datasets.load(new Blob(["1,2,0\n3,4,1\n"]));
    expect(d.X.toArray()).toEqual([[1, 2], [3, 4]]);
    expect(d.y!.toArray()).toEqual([0, 1]);
  });
});

describe("preprocessing", () => {
  it("trainTestSplit shuffles rows of every array the same way, seeded, test rows first as scikit-learn", () => {
    const X = np.arange(20).reshape(10, 2), y = np.arange(10);
    const [Xtr, Xte, ytr, yte] = nn.trainTestSplit(X, y, { testSize: 0.3, seed: 0 });
    expect(Xtr.shape).toEqual([7, 2]);
    expect(Xte.shape).toEqual([3, 2]);
    for (let i = 0; i < 3; i++) expect(Xte.get(i, 0)).toBe(2 * yte.data[i]);
    for (let i = 0; i < 7; i++) expect(Xtr.get(i, 1)).toBe(2 * ytr.data[i] + 1);
    expect([...ytr.data, ...yte.data].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const again = nn.trainTestSplit(X, y, { testSize: 0.3, seed: 0 });
    expect(Array.from(again[3].data)).toEqual(Array.from(yte.data));
    expect(() => nn.trainTestSplit(X, np.arange(9))).toThrow(/array 1 has shape \(9,\)/);
  });

  it("standardize gives mean 0 and std 1 per column, and reuses the stats on other data", () => {
    const X = np.array([[1, 10], [2, 10], [3, 10]]);
    const s = nn.standardize(X);
    expect(Array.from(np.mean(s.X, { axis: 0 }).data)).toEqual([0, 0]);
    expect(np.std(s.X, { axis: 0 }).data[0]).toBeCloseTo(1, 15);
    expect(Array.from(s.std.data)).toEqual([Math.sqrt(2 / 3), 1]); // a constant column is only centred
    expect(nn.standardize(np.array([[2, 11]]), s).X.toArray()).toEqual([[0, 1]]);
  });

  it("toCategorical and oneHot make one-hot rows", () => {
    expect(nn.toCategorical([0, 2, 1], 3).toArray()).toEqual([[1, 0, 0], [0, 0, 1], [0, 1, 0]]);
    expect(nn.oneHot(np.array([[1], [0]])).toArray()).toEqual([[0, 1], [1, 0]]);
  });
});
