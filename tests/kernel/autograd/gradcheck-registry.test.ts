// Central-difference gradient checks over the whole op registry. Every op in OPS must have an entry
// in CASES (how to build its inputs and attributes), so a new op without a test fails here; ops
// without a backward must be exactly the piecewise-constant ones.
import { describe, it, expect } from "vitest";
// np before the registry: loading an op file first breaks np (see tests/kernel/ops/import-order.test.ts)
import { np } from "../../../kernel/np.ts";
import { OPS } from "../../../kernel/ops/registry.ts";
import { apply, defineOp, type OpDef } from "../../../kernel/autograd/op.ts";
import { planIndex, type Index } from "../../../kernel/tensor/indexing.ts";
import { RandomState } from "../../../kernel/tensor/random.ts";
import { Tensor } from "../../../kernel/tensor/tensor.ts";

const NON_DIFFERENTIABLE = [
  "greater", "greaterEqual", "less", "lessEqual", "equal", "notEqual", "sign", "argmax", "argmin",
  "floor", "ceil", "trunc", "round", "isnan", "isinf", "isfinite", "logicalAnd", "logicalOr", "logicalXor", "logicalNot", "argsort",
];
/** The attributes each non-differentiable op needs (undefined for the rest). */
const NON_DIFFERENTIABLE_ATTRS: Record<string, unknown> = {
  argmax: { axis: 1, keepdims: false }, argmin: { axis: 1, keepdims: false }, argsort: { axis: 1 }, round: { decimals: 1 },
};
const UNARY_NON_DIFFERENTIABLE = ["sign", "argmax", "argmin", "floor", "ceil", "trunc", "round", "isnan", "isinf", "isfinite", "logicalNot", "argsort"];

const rng = new RandomState(1234);
type Shape = number[];
/** Standard normal values. */
const any = (shape: Shape) => rng.randn(shape);
/** Values in [0.5, 2): inside the domain of log, sqrt and pow with any exponent. */
const positive = (shape: Shape) => rng.uniform(0.5, 2, shape);
/** |x| in [0.3, 2): away from the kink of abs and relu and from division by zero. */
const awayFromZero = (shape: Shape) => {
  const t = rng.uniform(0.3, 2, shape);
  const s = rng.randint(0, 2, shape);
  return new Tensor(t.data.map((v, i) => (s.data[i] === 0 ? -v : v)), shape);
};
/** b = a ± (at least 0.2), broadcast to b's shape: maximum/minimum are differentiable away from ties. */
const apart = (a: Tensor, shape: Shape) => {
  const d = awayFromZero(shape);
  return new Tensor(d.data.map((v, i) => a.data[i % a.size] + v), shape);
};

interface Case {
  label: string;
  /** the inputs gradcheck differentiates */
  inputs: Tensor[];
  /** builds the op's output from them (constants such as where's condition are closed over) */
  run: (op: OpDef<any>, xs: Tensor[]) => Tensor;
}
const direct = (attrs?: unknown) => (op: OpDef<any>, xs: Tensor[]) => apply(op, xs, attrs);
const unary = (make: (s: Shape) => Tensor): Case[] => [
  { label: "(3, 4)", inputs: [make([3, 4])], run: direct() },
  { label: "(2, 3, 2)", inputs: [make([2, 3, 2])], run: direct() },
];
const binary = (makeA: (s: Shape) => Tensor, makeB: (s: Shape) => Tensor): Case[] => [
  { label: "(3, 4) and (3, 4)", inputs: [makeA([3, 4]), makeB([3, 4])], run: direct() },
  { label: "(3, 4) and (4,), broadcast", inputs: [makeA([3, 4]), makeB([4])], run: direct() },
  { label: "(2, 1, 3) and (4, 1), broadcast both", inputs: [makeA([2, 1, 3]), makeB([4, 1])], run: direct() },
  { label: "(3, 1) and () scalar", inputs: [makeA([3, 1]), makeB([])], run: direct() },
];
const extremum: Case[] = [
  (() => { const a = any([3, 4]); return { label: "(3, 4) and (3, 4)", inputs: [a, apart(a, [3, 4])], run: direct() }; })(),
  (() => { const a = any([3, 4]); return { label: "(3, 4) and (3, 1), broadcast", inputs: [a, apart(a, [3, 1])], run: direct() }; })(),
];
const reduce = (axes: number[], keepdims: boolean, shape: Shape) => ({
  label: `${JSON.stringify(shape)}, axes ${JSON.stringify(axes)}${keepdims ? ", keepdims" : ""}`,
  inputs: [any(shape)],
  run: direct({ axes, keepdims, ndim: shape.length }),
});
const gather = (shape: Shape, index: Index[]): Case => ({
  label: `${JSON.stringify(shape)}[${index.map((i) => JSON.stringify(i)).join(", ")}]`,
  inputs: [any(shape)],
  run: (op, [x]) => apply(op, [x], planIndex(x, index)),
});

/** op name -> the inputs and attributes to check it with. */
const CASES: Record<string, () => Case[]> = {
  add: () => binary(any, any),
  sub: () => binary(any, any),
  mul: () => binary(any, any),
  div: () => binary(any, awayFromZero),
  pow: () => binary(positive, any),
  negative: () => unary(any),
  exp: () => unary(any),
  log: () => unary(positive),
  sqrt: () => unary(positive),
  abs: () => unary(awayFromZero),
  tanh: () => unary(any),
  sin: () => unary(any),
  cos: () => unary(any),
  sigmoid: () => unary(any),
  relu: () => unary(awayFromZero),
  copy: () => unary(any),
  astype: () => unary(any),
  maximum: () => extremum,
  minimum: () => extremum,
  where: () => {
    const cond = new Tensor(Float64Array.from([1, 0, 0, 1, 1, 0, 1, 0, 0, 0, 1, 1]), [3, 4]);
    const row = new Tensor(Float64Array.from([1, 0, 1]), [3, 1]);
    return [
      { label: "(3, 4) condition", inputs: [any([3, 4]), any([3, 4])], run: (op, [a, b]) => apply(op, [cond, a, b], undefined) },
      { label: "(3, 1) condition, (4,) b", inputs: [any([3, 4]), any([4])], run: (op, [a, b]) => apply(op, [row, a, b], undefined) },
    ];
  },
  sum: () => [reduce([0, 1], false, [3, 4]), reduce([0], false, [3, 4]), reduce([1], true, [3, 4]), reduce([0, 2], true, [2, 3, 4])],
  max: () => [reduce([0, 1], false, [3, 4]), reduce([1], false, [3, 4]), reduce([0, 2], true, [2, 3, 4])],
  broadcastTo: () => [
    { label: "(4,) to (3, 4)", inputs: [any([4])], run: direct({ shape: [3, 4] }) },
    { label: "(3, 1) to (2, 3, 4)", inputs: [any([3, 1])], run: direct({ shape: [2, 3, 4] }) },
  ],
  matmul: () => [
    { label: "(3, 4) @ (4, 2)", inputs: [any([3, 4]), any([4, 2])], run: direct() },
    { label: "(2, 3, 4) @ (2, 4, 5)", inputs: [any([2, 3, 4]), any([2, 4, 5])], run: direct() },
    { label: "(2, 1, 3, 4) @ (3, 4, 2), broadcast batch", inputs: [any([2, 1, 3, 4]), any([3, 4, 2])], run: direct() },
  ],
  reshape: () => [
    { label: "(3, 4) to (2, 6)", inputs: [any([3, 4])], run: direct({ shape: [2, 6] }) },
    { label: "(2, 3, 2) to (12,)", inputs: [any([2, 3, 2])], run: direct({ shape: [12] }) },
  ],
  transpose: () => [
    { label: "(3, 4) axes [1, 0]", inputs: [any([3, 4])], run: direct({ axes: [1, 0] }) },
    { label: "(2, 3, 4) axes [2, 0, 1]", inputs: [any([2, 3, 4])], run: direct({ axes: [2, 0, 1] }) },
  ],
  gather: () => [
    gather([5, 3], ["1:4"]),
    gather([4, 3], [null, 1]),
    gather([4, 3], [[2, 0, 2]]),
    gather([4, 3], [[0, 1, 3, 3], [2, 0, 1, 2]]),
    gather([4, 5], ["::-2", "1:"]),
  ],
  tan: () => unary((s) => rng.uniform(-1.2, 1.2, s)),
  log1p: () => unary((s) => rng.uniform(-0.5, 2, s)),
  expm1: () => unary(any),
  log2: () => unary(positive),
  log10: () => unary(positive),
  // mod is differentiable away from the jumps (where A / B crosses an integer)
  mod: () => {
    const b = awayFromZero([3, 4]);
    const a = new Tensor(b.data.map((v, i) => v * (Math.floor(i / 3) + 0.3 + 0.4 * ((i * 7) % 5) / 5)), [3, 4]);
    const b2 = awayFromZero([4]);
    const a2 = new Tensor(Float64Array.from({ length: 12 }, (_, i) => b2.data[i % 4] * (1.3 + (i % 3))), [3, 4]);
    return [
      { label: "(3, 4) mod (3, 4)", inputs: [a, b], run: direct() },
      { label: "(3, 4) mod (4,), broadcast", inputs: [a2, b2], run: direct() },
    ];
  },
  // clip's kinks are at the bounds: values stay 0.05 or more away from -0.5 and 0.7
  clip: () => {
    const x = () => new Tensor(Float64Array.from([-1.3, -0.8, -0.42, 0, 0.3, 0.64, 0.9, 1.5, -0.2, 0.1, -0.6, 0.78]), [3, 4]);
    return [
      { label: "(3, 4) to [-0.5, 0.7]", inputs: [x()], run: direct({ lo: -0.5, hi: 0.7 }) },
      { label: "(3, 4) below 0.7 only", inputs: [x()], run: direct({ lo: null, hi: 0.7 }) },
    ];
  },
  prod: () => [reduce([0, 1], false, [3, 4]), reduce([1], false, [3, 4]), reduce([0, 2], true, [2, 3, 4]),
    { label: "(3, 4) with a zero, axis 1", inputs: [new Tensor(any([3, 4]).data.map((v, i) => (i === 5 ? 0 : v)), [3, 4])], run: direct({ axes: [1], keepdims: false, ndim: 2 }) }],
  cumsum: () => [
    { label: "(3, 4) axis 0", inputs: [any([3, 4])], run: direct({ axis: 0 }) },
    { label: "(2, 3, 4) axis 2", inputs: [any([2, 3, 4])], run: direct({ axis: 2 }) },
  ],
  norm: () => [
    { label: "(3, 4) 2-norm of all", inputs: [any([3, 4])], run: direct({ ord: 2, axes: [0, 1], keepdims: false, ndim: 2 }) },
    { label: "(3, 4) 1-norm along axis 1", inputs: [awayFromZero([3, 4])], run: direct({ ord: 1, axes: [1], keepdims: false, ndim: 2 }) },
    { label: "(3, 4) 3-norm along axis 0, keepdims", inputs: [awayFromZero([3, 4])], run: direct({ ord: 3, axes: [0], keepdims: true, ndim: 2 }) },
    { label: "(3, 4) 0.5-norm along axis 1", inputs: [awayFromZero([3, 4])], run: direct({ ord: 0.5, axes: [1], keepdims: false, ndim: 2 }) },
  ],
  solve: () => {
    // a well-conditioned A: diagonally dominant
    const A = () => new Tensor(any([3, 3]).data.map((v, i) => (i % 4 === 0 ? v + 4 : v)), [3, 3]);
    return [
      { label: "(3, 3) A, (3, 2) B", inputs: [A(), any([3, 2])], run: direct() },
      { label: "(3, 3) A, (3, 1) B", inputs: [A(), any([3, 1])], run: direct() },
    ];
  },
  softmax: () => [
    { label: "(3, 4) along axis 1", inputs: [any([3, 4]).mul(2)], run: direct({ axis: 1, ndim: 2 }) },
    { label: "(3, 4) along axis 0", inputs: [any([3, 4])], run: direct({ axis: 0, ndim: 2 }) },
    { label: "(2, 3, 2) along axis 1", inputs: [any([2, 3, 2])], run: direct({ axis: 1, ndim: 3 }) },
    { label: "(5,) a vector", inputs: [any([5])], run: direct({ axis: 0, ndim: 1 }) },
  ],
  softmaxCrossEntropy: () => {
    // probability rows (each sums to 1) and, to check the general rule, rows that do not
    const probs = () => { const p = positive([4, 3]); const s = p.sum({ axis: 1, keepdims: true }); return p.div(s); };
    return [
      { label: "(4, 3) logits, probability targets", inputs: [any([4, 3]).mul(2), probs()], run: (op, xs) => apply(op, xs, { n: 4 }) },
      { label: "(4, 3) logits, unnormalised targets", inputs: [any([4, 3]), positive([4, 3])], run: (op, xs) => apply(op, xs, { n: 4 }) },
    ];
  },
  sigmoidBinaryCrossEntropy: () => [
    { label: "(3, 4) logits, targets in [0, 1]", inputs: [any([3, 4]).mul(3), rng.uniform(0, 1, [3, 4])], run: (op, xs) => apply(op, xs, { n: 12 }) },
    { label: "(5,) logits, 0/1 targets", inputs: [any([5]), rng.randint(0, 2, [5])], run: (op, xs) => apply(op, xs, { n: 5 }) },
  ],
  concatenate: () => [
    { label: "(2, 3), (1, 3), (3, 3) on axis 0", inputs: [any([2, 3]), any([1, 3]), any([3, 3])], run: direct({ axis: 0 }) },
    { label: "(2, 2, 1), (2, 2, 3) on axis 2", inputs: [any([2, 2, 1]), any([2, 2, 3])], run: direct({ axis: 2 }) },
  ],
};

describe("the op registry", () => {
  it("has a gradcheck case for every op, and no case for an op that does not exist", () => {
    const names = OPS.map((op) => op.name);
    const differentiable = OPS.filter((op) => op.backward !== undefined).map((op) => op.name);
    expect(differentiable.filter((n) => !(n in CASES)), "ops with a backward but no entry in CASES").toEqual([]);
    expect(Object.keys(CASES).filter((n) => !names.includes(n)), "CASES entries not in OPS").toEqual([]);
  });

  it("leaves only comparisons, sign and argmax/argmin without a backward", () => {
    const without = OPS.filter((op) => op.backward === undefined).map((op) => op.name);
    expect(without.sort()).toEqual([...NON_DIFFERENTIABLE].sort());
  });

  it("gives every differentiable op a gradient formula for each input (vjpTex and factorTex)", () => {
    for (const op of OPS.filter((o) => o.backward !== undefined)) {
      expect(op.vjpTex?.length, `${op.name}.vjpTex`).toBeGreaterThan(0);
      expect(op.factorTex?.length, `${op.name}.factorTex`).toBe(op.vjpTex?.length);
    }
  });
});

describe("gradcheck: analytic gradients match central differences", () => {
  for (const op of OPS.filter((o) => o.backward !== undefined)) {
    const make = CASES[op.name];
    if (make === undefined) continue; // reported by the registry test above
    for (const c of make()) {
      it(`${op.name} ${c.label}`, () => {
        const out = c.run(op, c.inputs.map((x) => new Tensor(x.data.slice(), x.shape).requiresGrad()));
        expect(out.node?.def, `${c.label} did not go through ${op.name}`).toBe(op);
        const result = np.gradcheck((...xs) => c.run(op, xs), c.inputs);
        expect(result.inputs.map((r) => r.maxError).every((e) => e <= 1e-7), JSON.stringify(result.inputs)).toBe(true);
        expect(result.ok).toBe(true);
      });
    }
  }
});

describe("inputs that need no gradient get none, and the others' gradients do not change", () => {
  // X in X W, the labels in Y ⊙ log P, the constant in x / n: each op's rule must skip them
  const weightsFor = (t: Tensor) => new Tensor(Float64Array.from({ length: t.size }, (_, i) => 1 + (i % 5) / 5), t.shape);
  for (const op of OPS.filter((o) => o.backward !== undefined)) {
    const make = CASES[op.name];
    if (make === undefined) continue;
    for (const c of make().filter((c) => c.inputs.length > 1)) {
      it(`${op.name} ${c.label}`, () => {
        const all = c.inputs.map((x) => new Tensor(x.data.slice(), x.shape).requiresGrad());
        const out = c.run(op, all);
        out.mul(weightsFor(out)).sum().backward();
        c.inputs.forEach((_, k) => {
          const xs = c.inputs.map((x, i) => {
            const t = new Tensor(x.data.slice(), x.shape);
            return i === k ? t.requiresGrad() : t;
          });
          const o = c.run(op, xs);
          const node = o.node!;
          const needs = node.inputs.map((x) => x.needsGrad);
          const grads = np.noGrad(() => op.backward!(weightsFor(o), node.inputs, o, node.attrs, needs));
          grads.forEach((gr, i) => expect(gr === null, `${op.name}: gradient for input ${i} (needs ${needs[i]})`).toBe(!needs[i]));
          o.mul(weightsFor(o)).sum().backward();
          expect(xs[k].grad!.toArray(), `${op.name}: gradient of input ${k} alone`).toEqual(all[k].grad!.toArray());
          xs.forEach((x, i) => i === k || expect(x.grad).toBeNull());
        });
      });
    }
  }
});

describe("gradcheck itself", () => {
  it("reports an op whose backward is wrong", () => {
    // d(x^3)/dx is 3x^2; a backward that forgets the 3 must be caught
    const cube = defineOp({
      name: "cube",
      tex: (n) => `${n.in[0]}^3`,
      forward: ([a]) => new Tensor(a.data.map((v) => v * v * v), a.shape),
      backward: (g, [a]) => [g.mul(a).mul(a)],
    });
    const result = np.gradcheck((x) => apply(cube, [x], undefined), [any([3, 2])]);
    expect(result.ok).toBe(false);
    expect(result.inputs[0].maxError).toBeGreaterThan(0.1);
    expect(result.inputs[0].analytic * 3).toBeCloseTo(result.inputs[0].numeric, 6);
  });
});

describe("non-differentiable ops", () => {
  for (const name of NON_DIFFERENTIABLE) {
    it(`${name} output is not connected to the graph`, () => {
      const op = OPS.find((o) => o.name === name)!;
      const x = any([3, 4]).requiresGrad();
      const attrs = NON_DIFFERENTIABLE_ATTRS[name];
      const inputs = UNARY_NON_DIFFERENTIABLE.includes(name) ? [x] : [x, any([3, 4])];
      const out = apply(op, inputs, attrs);
      expect(out.needsGrad).toBe(false);
      expect(out.node).toBeNull();
    });
  }
});
