// How gradients behave for a student: they accumulate in leaves like PyTorch's, can be zeroed,
// switched off, cut with detach, and add up over every path a tensor takes.
import { describe, it, expect } from "vitest";
import { np } from "../../../kernel/np.ts";
import type { Tensor } from "../../../kernel/tensor/tensor.ts";
import { RandomState } from "../../../kernel/tensor/random.ts";

const rng = new RandomState(21);
const grad = (t: Tensor) => Array.from(t.grad!.data);
const close = (actual: number[], expected: number[]) => {
  expect(actual.length).toBe(expected.length);
  actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 12));
};

describe("autograd", () => {
  it("loss.backward() fills .grad of every leaf marked with requiresGrad, and only those", () => {
    const X = rng.randn(4, 3);
    const W = rng.randn(3, 2).requiresGrad();
    X.matmul(W).sum().backward();
    expect(W.grad!.shape).toEqual([3, 2]);
    expect(X.grad).toBeNull();
  });

  it("leaf gradients accumulate across two backward() calls, as in PyTorch", () => {
    const w = rng.randn(3).requiresGrad();
    const loss = () => w.mul(w).sum();
    loss().backward();
    const once = grad(w);
    loss().backward();
    close(grad(w), once.map((g) => 2 * g));
  });

  it("zeroGrad() clears the accumulated gradient so the next backward starts from zero", () => {
    const w = rng.randn(3).requiresGrad();
    w.tanh().sum().backward();
    const once = grad(w);
    w.tanh().sum().backward();
    w.zeroGrad();
    expect(w.grad).toBeNull();
    w.tanh().sum().backward();
    close(grad(w), once);
  });

  it("np.noGrad(fn) computes values without building a graph, and restores tracking afterwards", () => {
    const w = rng.randn(3).requiresGrad();
    const y = np.noGrad(() => w.mul(2));
    expect(Array.from(y.data)).toEqual(Array.from(w.data, (v) => 2 * v));
    expect(y.needsGrad).toBe(false);
    expect(y.node).toBeNull();
    expect(() => y.sum().backward()).toThrow(/^backward: this tensor does not depend on any parameter/);
    expect(w.mul(2).needsGrad).toBe(true);
  });

  it("np.noGrad restores tracking even when fn throws", () => {
    const w = rng.randn(3).requiresGrad();
    expect(() => np.noGrad(() => { throw new Error("boom"); })).toThrow("boom");
    expect(w.mul(2).needsGrad).toBe(true);
  });

  it("detach() gives the same values cut off from the graph: no gradient flows through it", () => {
    const x = rng.randn(4).requiresGrad();
    const d = x.detach();
    expect(Array.from(d.data)).toEqual(Array.from(x.data));
    expect(d.needsGrad).toBe(false);
    // d(x * stop(x))/dx = stop(x): only the live path counts
    x.mul(d).sum().backward();
    expect(grad(x)).toEqual(Array.from(x.data));
  });

  it("backward() on a non-scalar without an upstream gradient throws, naming the shape", () => {
    const w = rng.randn(2, 3).requiresGrad();
    expect(() => w.mul(2).backward()).toThrow(
      "backward: grad can be implicitly created only for a scalar output, got shape (2, 3); pass the upstream gradient",
    );
  });

  it("backward(G) on a non-scalar gives the same gradients as (out * G).sum().backward()", () => {
    const w = rng.randn(2, 3).requiresGrad();
    const G = rng.randn(2, 3);
    w.tanh().backward(G);
    const seeded = grad(w);
    w.zeroGrad();
    w.tanh().mul(G).sum().backward();
    close(seeded, grad(w));
  });

  it("a tensor used twice gets the sum of both paths: d(x * x)/dx = 2x, d(x + x)/dx = 2", () => {
    const x = rng.randn(5).requiresGrad();
    x.mul(x).sum().backward();
    close(grad(x), Array.from(x.data, (v) => 2 * v));
    x.zeroGrad();
    x.add(x).sum().backward();
    expect(grad(x)).toEqual([2, 2, 2, 2, 2]);
  });

  it("a diamond (y = tanh x feeding both y² and y) adds both branches: (2y + 1)(1 - y²)", () => {
    const x = rng.randn(4).requiresGrad();
    const y = x.tanh();
    y.mul(y).add(y).sum().backward();
    close(grad(x), Array.from(y.data, (t) => (2 * t + 1) * (1 - t * t)));
  });

  it("a broadcast bias gets db = sum(dZ, axis 0), and dW = Xᵀ dZ", () => {
    const X = rng.randn(6, 3);
    const W = rng.randn(3, 2).requiresGrad();
    const b = rng.randn(2).requiresGrad();
    const dZ = rng.randn(6, 2);
    X.matmul(W).add(b).mul(dZ).sum().backward();
    expect(b.grad!.shape).toEqual([2]);
    close(grad(b), Array.from(np.sum(dZ, { axis: 0 }).data));
    close(grad(W), Array.from(X.T.matmul(dZ).data));
  });

  it("a (1, n) bias keeps its shape: db = sum(dZ, axis 0, keepdims)", () => {
    const b = rng.randn(1, 3).requiresGrad();
    const dZ = rng.randn(5, 3);
    np.zeros([5, 3]).add(b).mul(dZ).sum().backward();
    expect(b.grad!.shape).toEqual([1, 3]);
    close(grad(b), Array.from(np.sum(dZ, { axis: 0, keepdims: true }).data));
  });

  it("a scalar parameter broadcast over a matrix gets the sum of the whole upstream gradient", () => {
    const s = np.array(0.5).requiresGrad();
    const G = rng.randn(3, 4);
    rng.randn(3, 4).mul(s).div(s).add(s).mul(G).sum().backward();
    expect(s.grad!.shape).toEqual([]);
    expect(s.grad!.item()).toBeCloseTo(np.sum(G).item(), 12);
  });

  it("intermediate tensors keep their latest gradient (dZ1) for inspection", () => {
    const W = rng.randn(2, 2).requiresGrad();
    const Z = rng.randn(3, 2).matmul(W);
    const G = rng.randn(3, 2);
    Z.mul(G).sum().backward();
    expect(Array.from(Z.grad!.data)).toEqual(Array.from(G.data));
  });

  it("requiresGrad() is refused on a computed tensor", () => {
    const w = rng.randn(2).requiresGrad();
    expect(() => w.mul(2).requiresGrad()).toThrow("requiresGrad: only leaf tensors can be marked; use .detach() first");
  });

  it("changing a graph tensor in place is refused, but a parameter update under noGrad is allowed", () => {
    const w = rng.randn(2).requiresGrad();
    const y = w.mul(2);
    expect(() => y.assignSub(1)).toThrow(/^assignSub: cannot change a tensor that is part of the autograd graph in place/);
    const before = Array.from(w.data);
    w.sum().backward();
    np.noGrad(() => w.assignSub(w.grad!.mul(0.1)));
    close(Array.from(w.data), before.map((v) => v - 0.1));
  });
});
