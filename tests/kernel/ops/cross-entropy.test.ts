// The fused losses: stable at any logit, the derivation's gradient in one step, clear errors.
import { describe, it, expect } from "vitest";
import { np } from "../../../kernel/np.ts";
import { traceOf } from "../../../kernel/trace/active.ts";
import { stepRecords } from "../../../kernel/trace/steps.ts";

describe("np.softmaxCrossEntropy", () => {
  it("equals the composite -mean(sum(Y ⊙ logSoftmax(Z), axis 1)), and its gradient is (P - Y)/n", () => {
    np.random.seed(3);
    const Z = np.random.randn(5, 4).requiresGrad();
    const Y = np.oneHot([0, 3, 1, 1, 2], 4);
    const L = np.softmaxCrossEntropy(Z, Y);
    const composite = Y.mul(Z.logSoftmax({ axis: 1 })).sum({ axis: 1 }).mean().neg();
    expect(L.item()).toBeCloseTo(composite.item(), 14);
    L.backward();
    const expected = np.softmax(Z.detach(), { axis: 1 }).sub(Y).div(5);
    expect(np.allclose(Z.grad!, expected, { rtol: 0, atol: 1e-15 })).toBe(true);
  });

  it("stays finite for logits of ±1e4 (no exp overflow), with a gradient of (P - Y)/n", () => {
    const Z = np.array([[1e4, 0, -1e4], [-1e4, 1e4, 1e4]]).requiresGrad();
    const Y = np.array([[0, 1, 0], [0, 0, 1]]);
    const L = np.softmaxCrossEntropy(Z, Y);
    expect(L.item()).toBeCloseTo((1e4 + Math.LN2) / 2, 9);
    L.backward();
    // exact up to the rounding of z - lse at |z| = 1e4 (an ulp of 1e4 is 2e-12)
    const expected = [0.5, -0.5, 0, 0, 0.25, -0.25];
    Array.from(Z.grad!.data).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 11));
  });

  it("refuses shapes that do not match, naming both", () => {
    expect(() => np.softmaxCrossEntropy(np.ones([3, 2]), np.ones([3, 3]))).toThrow("softmaxCrossEntropy: logits (3, 2) and targets (3, 3) must have the same shape");
    expect(() => np.softmaxCrossEntropy(np.ones([3]), np.ones([3]))).toThrow(/must be 2-D/);
  });

  it("traces as one loss step and one backward step that reads P - Y", () => {
    const W = np.array([[2, -0.079, -0.079], [0.5, 1.5, -1]]).requiresGrad().named("W");
    const Y = np.oneHot([0, 2], 3).named("Y");
    const steps = stepRecords(traceOf(() => {
      const Z = W.mul(2).named("Z");
      np.softmaxCrossEntropy(Z, Y).named("L").backward();
    })).slice(1, 3);
    expect(steps.map((s) => [s.phase, s.op])).toEqual([["loss", "softmaxCrossEntropy"], ["backward", "softmaxCrossEntropy.backward"]]);
    expect(steps[0].latex).toBe("L = -\\frac{1}{n} \\sum Y \\odot \\log \\operatorname{softmax}(Z)");
    expect(steps[1].latex).toBe("\\frac{\\partial L}{\\partial Z} = \\frac{P - Y}{n},\\quad P = \\operatorname{softmax}(Z),\\ n = 2");
    expect(steps[1].name).toBe("dZ");
  });
});

describe("np.sigmoidBinaryCrossEntropy", () => {
  it("matches the textbook formula at moderate logits, with gradient (σ(z) - y)/N", () => {
    const z = np.array([0.3, -1.2, 2.5, 0]).requiresGrad();
    const y = np.array([1, 0, 0, 1]);
    const L = np.sigmoidBinaryCrossEntropy(z, y);
    const s = z.detach().sigmoid();
    const textbook = y.mul(s.log()).add(np.sub(1, y).mul(np.sub(1, s).log())).mean().neg();
    expect(L.item()).toBeCloseTo(textbook.item(), 14);
    L.backward();
    expect(np.allclose(z.grad!, s.sub(y).div(4), { rtol: 0, atol: 1e-16 })).toBe(true);
  });

  it("stays finite for logits of ±800, where log σ(z) would be log 0", () => {
    const z = np.array([800, -800]).requiresGrad();
    const L = np.sigmoidBinaryCrossEntropy(z, np.array([0, 1]));
    expect(L.item()).toBe(800);
    L.backward();
    expect(Array.from(z.grad!.data, (v) => v + 0)).toEqual([0.5, -0.5]);
  });

  it("traces its backward step as (σ(z) - y)/N", () => {
    const z = np.array([0.3, -1.2]).requiresGrad().named("z");
    const y = np.array([1, 0]).named("y");
    const steps = stepRecords(traceOf(() => { np.sigmoidBinaryCrossEntropy(z, y).named("L").backward(); }));
    expect(steps[1].latex).toBe("\\frac{\\partial L}{\\partial z} = \\frac{\\sigma(z) - y}{N},\\quad N = 2");
  });
});
