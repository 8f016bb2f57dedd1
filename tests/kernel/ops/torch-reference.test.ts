// Every op against PyTorch float64: forward values and gradients, from the fixtures that
// tools/torch-fixtures.py writes (like tinygrad's helper_test_op, with torch's side precomputed).
// Each fixture case holds the inputs, torch's output, a weight array W, and torch's gradients of
// sum(out ⊙ W) with respect to every input marked "grad"; OURS computes the same thing with `np`.
import { describe, it, expect } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import { np } from "../../../kernel/np.ts";
import { Tensor } from "../../../kernel/tensor/tensor.ts";
import { OURS_MORE } from "./torch-reference-more.ts";

type JsonNumber = number | "NaN" | "Infinity" | "-Infinity";
interface ArrayJSON { shape: number[]; data: JsonNumber[] }
interface InputJSON extends ArrayJSON { name: string; grad: boolean }
interface Case {
  name: string;
  inputs: InputJSON[];
  out: ArrayJSON;
  weight: ArrayJSON;
  grads: Record<string, ArrayJSON>;
}

const FIXTURES = new URL("../../fixtures/torch/", import.meta.url);
const files = readdirSync(FIXTURES).filter((f) => f.endsWith(".json")).sort();
const fixtures = files.map((file) => ({
  file,
  cases: (JSON.parse(readFileSync(new URL(file, FIXTURES), "utf8")) as { cases: Case[] }).cases,
}));

const RTOL = 1e-10;
const ATOL = 1e-12;

const decode = (v: JsonNumber): number =>
  typeof v === "number" ? v : v === "NaN" ? NaN : v === "Infinity" ? Infinity : v === "-Infinity" ? -Infinity : Number.NaN;
const tensorOf = (a: ArrayJSON) => new Tensor(Float64Array.from(a.data, decode), a.shape);

/** Elements that differ by more than RTOL relative (ATOL absolute near zero); NaN matches NaN, ±Infinity itself. */
function mismatches(actual: Tensor, expected: ArrayJSON): string[] {
  if (actual.shape.join() !== expected.shape.join()) return [`shape [${actual.shape}] != torch's [${expected.shape}]`];
  const bad: string[] = [];
  expected.data.forEach((ev, i) => {
    const e = decode(ev);
    const a = actual.data[i];
    const ok = Number.isNaN(e) ? Number.isNaN(a) : !Number.isFinite(e) ? a === e : Math.abs(a - e) <= ATOL + RTOL * Math.abs(e);
    if (!ok) bad.push(`[${i}] ours ${a}, torch ${e}`);
  });
  return bad;
}

/** The one check for every case: forward against torch, then the gradient of sum(out ⊙ W) for each input. */
function helperTestOp(c: Case, ours: (...xs: Tensor[]) => Tensor): void {
  const inputs = c.inputs.map((x) => (x.grad ? tensorOf(x).requiresGrad() : tensorOf(x)));
  const out = ours(...inputs);
  expect(mismatches(out, c.out), `${c.name}: forward`).toEqual([]);
  out.mul(tensorOf(c.weight)).sum().backward();
  c.inputs.forEach((x, k) => {
    if (!x.grad) return;
    const grad = inputs[k].grad;
    expect(grad, `${c.name}: no gradient reached input ${x.name}`).not.toBeNull();
    expect(mismatches(grad!, c.grads[x.name]), `${c.name}: gradient of input ${x.name}`).toEqual([]);
  });
}

type Fn = (...xs: Tensor[]) => Tensor;

/** Our side of each fixture case, keyed by case name (the torch side is in tools/torch-fixtures.py). */
const OURS: Record<string, Fn> = {
  // elementwise
  add: (a, b) => np.add(a, b),
  add_broadcast_row: (a, b) => a.add(b),
  add_broadcast_both: (a, b) => np.add(a, b),
  add_scalar_tensor: (a, b) => a.add(b),
  sub: (a, b) => np.subtract(a, b),
  sub_broadcast_column: (a, b) => a.sub(b),
  mul: (a, b) => np.multiply(a, b),
  mul_broadcast: (a, b) => a.mul(b),
  div: (a, b) => np.divide(a, b),
  div_broadcast: (a, b) => a.div(b),
  pow: (a, b) => np.power(a, b),
  pow_broadcast: (a, b) => a.pow(b),
  pow_const_2: (x) => x.pow(2),
  pow_const_3: (x) => np.pow(x, 3),
  pow_const_half: (x) => x.pow(0.5),
  pow_const_neg1: (x) => x.pow(-1),
  pow_zero_base: (a, b) => a.pow(b),
  pow_const_0: (x) => x.pow(0),
  square: (x) => np.square(x),
  negative: (x) => np.negative(x),
  exp: (x) => np.exp(x),
  log: (x) => x.log(),
  sqrt: (x) => np.sqrt(x),
  abs: (x) => x.abs(),
  tanh: (x) => np.tanh(x),
  sin: (x) => np.sin(x),
  cos: (x) => x.cos(),
  sigmoid: (x) => x.sigmoid(),
  sigmoid_saturated: (x) => np.sigmoid(x),
  relu: (x) => np.relu(x),
  maximum: (a, b) => np.maximum(a, b),
  maximum_ties: (a, b) => np.maximum(a, b),
  maximum_broadcast: (a, b) => a.maximum(b),
  maximum_with_zero: (x) => np.maximum(x, 0),
  minimum: (a, b) => np.minimum(a, b),
  minimum_ties: (a, b) => a.minimum(b),
  minimum_broadcast: (a, b) => np.minimum(a, b),
  where: (cond, a, b) => np.where(cond, a, b),
  where_broadcast: (cond, a, b) => np.where(cond, a, b),
  clip: (x) => np.clip(x, -1, 1),
  clip_min_only: (x) => x.clip(0, null),
  exp_overflow: (x) => np.exp(x),
  log_of_zero_and_negative: (x) => np.log(x),
  div_by_zero: (a, b) => np.divide(a, b),
  // reductions
  sum_all: (x) => np.sum(x),
  sum_axis_0: (x) => np.sum(x, { axis: 0 }),
  sum_axis_1: (x) => x.sum({ axis: 1 }),
  sum_axis_neg1: (x) => x.sum({ axis: -1 }),
  sum_axis_1_keepdims: (x) => np.sum(x, { axis: 1, keepdims: true }),
  sum_axes_0_2: (x) => np.sum(x, { axis: [0, 2] }),
  sum_axes_neg1_neg3_keepdims: (x) => x.sum({ axis: [-1, -3], keepdims: true }),
  mean_all: (x) => np.mean(x),
  mean_axis_0: (x) => x.mean({ axis: 0 }),
  mean_axes_0_1_keepdims: (x) => np.mean(x, { axis: [0, 1], keepdims: true }),
  max_all: (x) => np.max(x),
  max_all_ties: (x) => x.max(),
  max_axis_1_ties: (x) => np.max(x, { axis: 1 }),
  max_axis_0_keepdims: (x) => x.max({ axis: 0, keepdims: true }),
  max_axes_0_2: (x) => np.max(x, { axis: [0, 2] }),
  min_all: (x) => np.min(x),
  min_axis_0_ties: (x) => x.min({ axis: 0 }),
  min_axis_neg1_keepdims: (x) => np.min(x, { axis: -1, keepdims: true }),
  var_all: (x) => np.var(x),
  var_axis_0: (x) => x.var({ axis: 0 }),
  var_axis_1_ddof_1: (x) => np.var(x, { axis: 1, ddof: 1 }),
  std_all: (x) => np.std(x),
  std_axis_1_keepdims: (x) => x.std({ axis: 1, keepdims: true }),
  logsumexp_last_axis: (x) => np.logsumexp(x, { axis: -1 }),
  logsumexp_axis_0_keepdims: (x) => np.logsumexp(x, { axis: 0, keepdims: true }),
  logsumexp_large: (x) => np.logsumexp(x, { axis: -1 }),
  // products
  matmul_2d: (a, b) => a.matmul(b),
  matmul_batched: (a, b) => np.matmul(a, b),
  matmul_batch_broadcast: (a, b) => np.matmul(a, b),
  matmul_batched_times_2d: (a, b) => a.matmul(b),
  matmul_1d_left: (a, b) => np.matmul(a, b),
  matmul_1d_right: (a, b) => a.matmul(b),
  matmul_1d_both: (a, b) => np.matmul(a, b),
  matmul_batched_1d_right: (a, b) => np.matmul(a, b),
  dot_1d: (a, b) => np.dot(a, b),
  dot_2d: (a, b) => a.dot(b),
  outer: (a, b) => np.outer(a, b),
  // shapes
  copy: (x) => x.copy(),
  transpose_2d: (x) => x.T,
  transpose_3d_reverse: (x) => np.transpose(x),
  transpose_3d_axes_2_0_1: (x) => x.transpose([2, 0, 1]),
  reshape: (x) => x.reshape(2, 6),
  reshape_infer: (x) => np.reshape(x, [2, -1, 3]),
  broadcast_to_rows: (x) => np.broadcastTo(x, [3, 4]),
  broadcast_to_3d: (x) => x.broadcastTo([2, 3, 4]),
  concatenate_axis_0: (a, b, c) => np.concatenate([a, b, c]),
  concatenate_axis_1: (a, b) => np.concatenate([a, b], { axis: 1 }),
  concatenate_axis_neg1_3d: (a, b) => np.concatenate([a, b], { axis: -1 }),
  stack_axis_0: (a, b, c) => np.stack([a, b, c]),
  stack_axis_1: (a, b) => np.stack([a, b], { axis: 1 }),
  stack_axis_neg1: (a, b) => np.stack([a, b], { axis: -1 }),
  // indexing
  index_row: (x) => x.slice(1),
  index_negative_row: (x) => x.slice(-1),
  index_element: (x) => x.slice(2, -1),
  slice_rows: (x) => x.slice("1:3"),
  slice_column: (x) => x.slice(null, 1),
  slice_columns: (x) => np.slice(x, ":", "1:4"),
  slice_step: (x) => x.slice("::2"),
  slice_reversed: (x) => x.slice("::-1"),
  slice_negative_bounds_and_step: (x) => x.slice("-4:-1", "::3"),
  fancy_rows_repeated: (x) => x.slice([2, 0, 2]),
  fancy_rows_then_column: (x) => x.slice([0, 3], 1),
  fancy_columns: (x) => x.slice(null, [2, 0]),
  take_columns: (x) => np.take(x, [1, 1, 0], { axis: 1 }),
  zipped_arange_labels: (P, y) => P.slice(np.arange(P.shape[0]), y),
  // neural-network pieces
  softmax_last_axis: (z) => np.softmax(z),
  softmax_axis_0: (z) => z.softmax({ axis: 0 }),
  softmax_large_logits: (z) => np.softmax(z, { axis: -1 }),
  log_softmax_last_axis: (z) => np.logSoftmax(z),
  log_softmax_axis_0: (z) => z.logSoftmax({ axis: 0 }),
  lesson_mlp_tanh_mse: (X, Y, W1, b1, W2, b2) => {
    const A1 = np.tanh(X.matmul(W1).add(b1));
    const Yhat = A1.matmul(W2).add(b2);
    return np.mean(np.square(Yhat.sub(Y)));
  },
  lesson_softmax_cross_entropy: (X, Y, W, b) => {
    const P = np.softmax(X.matmul(W).add(b));
    return np.mean(np.sum(Y.mul(np.log(P)), { axis: 1 })).neg();
  },
  // fused losses: one op each, with the derivation's backward
  softmax_cross_entropy_one_hot: (z, Y) => np.softmaxCrossEntropy(z, Y),
  softmax_cross_entropy_probabilities: (z, Y) => np.softmaxCrossEntropy(z, Y),
  softmax_cross_entropy_large_logits: (z, Y) => np.softmaxCrossEntropy(z, Y),
  sigmoid_bce_with_logits: (z, y) => np.sigmoidBinaryCrossEntropy(z, y),
  sigmoid_bce_with_logits_large: (z, y) => np.sigmoidBinaryCrossEntropy(z, y),
  ...OURS_MORE,
};

describe("torch reference fixtures", () => {
  it("cover every case in the table and nothing else", () => {
    const names = fixtures.flatMap((f) => f.cases.map((c) => c.name));
    expect(names.length).toBeGreaterThan(100);
    expect(names.filter((n) => !(n in OURS)), "fixture cases without our side").toEqual([]);
    expect(Object.keys(OURS).filter((n) => !names.includes(n)), "table entries without a fixture").toEqual([]);
  });
});

for (const { file, cases } of fixtures) {
  describe(`matches PyTorch float64 (${file})`, () => {
    for (const c of cases) {
      it(`${c.name}: forward and gradients agree with torch`, () => {
        const ours = OURS[c.name];
        expect(ours, `no entry for ${c.name} in OURS`).toBeDefined();
        helperTestOp(c, ours);
      });
    }
  });
}
