// NaN and Infinity are values, not crashes: they come out of overflow, log(0) and 0/0, flow through
// the next ops the way IEEE 754 (and numpy) says, and through backward too.
import { describe, it, expect } from "vitest";
import { np } from "../../../kernel/np.ts";

describe("NaN and Infinity are values", () => {
  it("np.exp(1000) is Infinity and np.exp(-1000) is 0", () => {
    expect(np.exp(1000).item()).toBe(Infinity);
    expect(np.exp(-1000).item()).toBe(0);
  });

  it("np.log(0) is -Infinity and np.log(-1) is NaN", () => {
    expect(np.log(0).item()).toBe(-Infinity);
    expect(np.log(-1).item()).toBeNaN();
  });

  it("0/0 is NaN, 1/0 is Infinity, -1/0 is -Infinity, and sqrt(-1) is NaN, without throwing", () => {
    const q = np.divide([0, 1, -1], 0);
    expect(q.get(0)).toBeNaN();
    expect(q.get(1)).toBe(Infinity);
    expect(q.get(2)).toBe(-Infinity);
    expect(np.sqrt(-1).item()).toBeNaN();
  });

  it("Infinity - Infinity is NaN and Infinity * 0 is NaN", () => {
    expect(np.sub(Infinity, Infinity).item()).toBeNaN();
    expect(np.mul(Infinity, 0).item()).toBeNaN();
  });

  it("NaN propagates through sum, mean, max, min, maximum, minimum and relu, as in numpy", () => {
    const x = np.array([1, NaN, 3]);
    expect(np.sum(x).item()).toBeNaN();
    expect(np.mean(x).item()).toBeNaN();
    expect(np.max(x).item()).toBeNaN();
    expect(np.min(x).item()).toBeNaN();
    for (const [a, b] of [[NaN, 1], [1, NaN]]) {
      expect(np.maximum(a, b).item()).toBeNaN();
      expect(np.minimum(a, b).item()).toBeNaN();
    }
    expect(np.relu(NaN).item()).toBeNaN();
  });

  it("np.argmax points at the first NaN, as numpy does", () => {
    expect(np.argmax(np.array([1, NaN, 3, NaN])).item()).toBe(1);
  });

  it("tanh and sigmoid saturate to their limits at ±Infinity", () => {
    expect(np.tanh([Infinity, -Infinity]).toArray()).toEqual([1, -1]);
    expect(np.sigmoid([Infinity, -Infinity]).toArray()).toEqual([1, 0]);
  });

  it("a sum with an Infinity is Infinity, with +Infinity and -Infinity NaN", () => {
    expect(np.sum(np.array([Infinity, 1])).item()).toBe(Infinity);
    expect(np.sum(np.array([Infinity, -Infinity])).item()).toBeNaN();
  });

  it("softmax of huge logits stays finite (the max is subtracted first)", () => {
    const p = np.softmax(np.array([1000, 0, -1000]));
    expect(Array.from(p.data).every(Number.isFinite)).toBe(true);
    expect(p.get(0)).toBe(1);
    expect(np.logsumexp(np.array([1000, 1000])).item()).toBeCloseTo(1000 + Math.log(2), 10);
  });

  it("backward through exp(1000) gives an Infinity gradient instead of throwing", () => {
    const x = np.array([1000, 0], { requiresGrad: true });
    np.exp(x).sum().backward();
    expect(x.grad!.get(0)).toBe(Infinity);
    expect(x.grad!.get(1)).toBe(1);
  });

  it("backward through log(0) gives an Infinity gradient (1/0)", () => {
    const x = np.array([0, 2], { requiresGrad: true });
    np.log(x).sum().backward();
    expect(x.grad!.toArray()).toEqual([Infinity, 0.5]);
  });
});
