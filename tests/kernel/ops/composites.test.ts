// The composites of issue #10 differentiate through the primitives they are made of: each is checked
// against central differences here (their values and gradients against PyTorch are in
// torch-reference.test.ts), and every step they and the new primitives record is valid KaTeX.
import { describe, it, expect } from "vitest";
import { np } from "../../../kernel/np.ts";
import { RandomState } from "../../../kernel/tensor/random.ts";
import { Tensor } from "../../../kernel/tensor/tensor.ts";
import { traceOf } from "../../../kernel/trace/active.ts";
import { stepRecords } from "../../../kernel/trace/steps.ts";

const rng = new RandomState(99);
/** Distinct values (no ties: sort, median and max are differentiable there) in [-2, 2). */
const distinct = (shape: number[]) => {
  const n = shape.reduce((a, b) => a * b, 1);
  const values = Array.from({ length: n }, (_, i) => -2 + (4 * (i + 0.5)) / n);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.rand().item() * (i + 1));
    [values[i], values[j]] = [values[j], values[i]];
  }
  return new Tensor(Float64Array.from(values), shape);
};
const any = (shape: number[]) => rng.randn(shape);

const CASES: [string, Tensor[], (...xs: Tensor[]) => Tensor][] = [
  ["sort along the last axis", [distinct([3, 4])], (x) => np.sort(x)],
  ["sort flattened", [distinct([3, 4])], (x) => np.sort(x, { axis: null })],
  ["median of an even count", [distinct([3, 4])], (x) => np.median(x, { axis: 1 })],
  ["median of everything", [distinct([3, 5])], (x) => np.median(x)],
  ["percentile list", [distinct([7])], (x) => np.percentile(x, [10, 35, 90])],
  ["quantile over two axes, keepdims", [distinct([2, 3, 4])], (x) => np.quantile(x, 0.3, { axis: [0, 2], keepdims: true })],
  ["takeAlongAxis", [any([3, 4])], (x) => np.takeAlongAxis(x, [[3, 0], [1, 1], [2, 0]], 1)],
  ["linalg.norm, vector", [any([5])], (x) => np.linalg.norm(x)],
  ["linalg.norm, Frobenius", [any([3, 4])], (x) => np.linalg.norm(x, "fro")],
  ["linalg.norm, matrix 1", [distinct([3, 4])], (x) => np.linalg.norm(x, 1)],
  ["linalg.norm, matrix -inf", [distinct([3, 4])], (x) => np.linalg.norm(x, -Infinity)],
  ["linalg.norm, vector inf along axis 1", [distinct([3, 4])], (x) => np.linalg.norm(x, Infinity, { axis: 1 })],
  ["linalg.inv", [new Tensor(Float64Array.from([4, 1, 0.5, 1, 3, 0.2, 0.5, 0.2, 2]), [3, 3])], (A) => np.linalg.inv(A)],
  ["linalg.solve with a vector", [new Tensor(Float64Array.from([4, 1, 0.5, 1, 3, 0.2, 0.5, 0.2, 2]), [3, 3]), any([3])], (A, b) => np.linalg.solve(A, b)],
  ["dot of 3-D and 3-D", [any([2, 3, 4]), any([2, 4, 3])], (a, b) => np.dot(a, b)],
  ["dot of 3-D and 1-D", [any([2, 3, 4]), any([4])], (a, b) => np.dot(a, b)],
  ["einsum ij,jk->ik", [any([2, 3]), any([3, 4])], (a, b) => np.einsum("ij,jk->ik", a, b)],
  ["einsum bij,bjk->bik", [any([2, 2, 3]), any([2, 3, 2])], (a, b) => np.einsum("bij,bjk->bik", a, b)],
  ["einsum ii (trace)", [any([3, 3])], (a) => np.einsum("ii", a)],
  ["einsum iji->ij", [any([3, 2, 3])], (a) => np.einsum("iji->ij", a)],
  ["einsum ij,jk,kl->il", [any([2, 3]), any([3, 2]), any([2, 2])], (a, b, c) => np.einsum("ij,jk,kl->il", a, b, c)],
  ["swapaxes", [any([2, 3, 4])], (x) => np.swapaxes(x, 0, 2)],
  ["vstack", [any([3]), any([2, 3])], (a, b) => np.vstack([a, b])],
  ["hstack", [any([2, 3]), any([2, 1])], (a, b) => np.hstack([a, b])],
  ["repeat with counts", [any([2, 3])], (x) => np.repeat(x, [2, 0, 1], { axis: 1 })],
  ["tile", [any([2, 3])], (x) => np.tile(x, [2, 1, 2])],
  ["diag build", [any([3])], (v) => np.diag(v, -1)],
  ["diag extract", [any([3, 4])], (x) => np.diag(x, 1)],
  ["triu", [any([3, 4])], (x) => np.triu(x, 1)],
  ["tril of a stack", [any([2, 3, 3])], (x) => np.tril(x)],
  ["meshgrid", [any([3]), any([2])], (x, y) => np.stack(np.meshgrid(x, y)).mul(np.arange(12).reshape(2, 2, 3))],
  ["concatenate with axis null", [any([2, 2]), any([3])], (a, b) => np.concatenate([a, b], { axis: null })],
  ["boolean mask", [any([3, 4])], (x) => x.slice(np.array([true, false, true]), "1:")],
  ["index arrays separated by a slice", [any([3, 4, 5])], (x) => x.slice(0, null, [[1, 2], [4, 4]])],
  ["take without an axis", [any([3, 4])], (x) => np.take(x, [[0, 11], [5, 5]])],
  ["logsumexp with a row of -Infinity and one finite row", [new Tensor(Float64Array.from([-Infinity, -Infinity, 0.5, -1, 2, 0.3]), [2, 3])], (x) => np.logsumexp(x.slice(1))],
];

describe("np.array of arrays", () => {
  it("copies the values (a new leaf, as numpy copies); np.stack keeps the graph", () => {
    const a = any([3]).requiresGrad();
    const b = any([3]).requiresGrad();
    const copied = np.array([a, b]);
    expect(copied.isLeaf && !copied.needsGrad).toBe(true);
    expect(copied.toArray()).toEqual(np.stack([a, b]).toArray());
    np.stack([a, b]).mul(copied).sum().backward();
    expect(a.grad!.toArray()).toEqual(a.toArray());
  });
});

describe("gradcheck: composites differentiate through their primitives", () => {
  for (const [label, inputs, fn] of CASES) {
    it(label, () => {
      const result = np.gradcheck(fn, inputs);
      expect(result.inputs.map((r) => r.maxError).every((e) => e <= 1e-7), JSON.stringify(result.inputs)).toBe(true);
      expect(result.ok).toBe(true);
    });
  }
});

describe("trace formulas of the new ops", () => {
  it("every step of a forward and backward pass through each new op is valid KaTeX", async () => {
    const katex = (await import("katex")).default;
    const trace = traceOf(() => {
      const X = np.array([[0.5, 1.5, 2], [3, 0.25, 1]]).requiresGrad().named("X");
      const A = np.array([[3, 1], [1, 2]]).requiresGrad().named("A");
      const parts = [
        X.tan(), X.log1p(), X.expm1(), X.log2(), X.log10(), X.mod(0.7), np.clip(X, 0.5, 2), np.clip(X, null, 1),
        X.prod({ axis: 1 }), X.cumsum({ axis: 0 }), np.linalg.norm(X, 3, { axis: 1 }), np.linalg.norm(X),
        np.sort(X), np.median(X), np.linalg.solve(A, X), np.linalg.inv(A), np.einsum("ij,ik->jk", X, X),
        X.slice(X.greater(1)), np.triu(A), np.diag(A), np.tile(A, 2),
        np.round(X, 1), np.floor(X), np.isnan(X), np.logicalAnd(X.greater(1), X.less(2)), np.argsort(X),
      ];
      const L = np.stack(parts.map((p) => p.astype("float64").sum())).sum().named("L");
      L.backward();
    });
    const steps = stepRecords(trace);
    const ops = new Set(steps.map((s) => s.op));
    for (const op of ["tan", "log1p", "expm1", "log2", "log10", "mod", "clip", "prod", "cumsum", "norm", "solve", "gather", "round", "floor", "isnan", "logicalAnd", "argsort"]) {
      expect(ops, op).toContain(op);
    }
    for (const s of steps) {
      for (const tex of [s.latex, s.rule, ...(s.grads ?? []).flatMap((g) => [g.factor, g.chain])]) {
        expect(() => katex.renderToString(tex, { throwOnError: true }), `${s.op}: ${tex}`).not.toThrow();
      }
    }
  }, 60_000);
});
