// Our np against numpy's own answers, from the fixtures tools/numpy-fixtures.py writes: values,
// shapes, whether the result is a bool mask or numbers, a JavaScript boolean/number where numpy gives
// a Python one, lists of arrays, the calls numpy refuses (ours must throw too, with a message that says
// why), and the text repr prints. (tools/torch-fixtures.py checks gradients against PyTorch.)
import { describe, it, expect } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import { np } from "../../../kernel/np.ts";
import { Tensor } from "../../../kernel/tensor/tensor.ts";

type JsonNumber = number | "NaN" | "Infinity" | "-Infinity";
type Result =
  | { kind: "array"; shape: number[]; dtype: "bool" | "number"; data: JsonNumber[] }
  | { kind: "bool"; value: boolean }
  | { kind: "number"; value: number }
  | { kind: "list"; items: Result[] }
  | { kind: "error"; error: string }
  | { kind: "repr"; text: string };
interface Case {
  name: string;
  inputs: { name: string; shape: number[]; data: JsonNumber[] }[];
  result: Result;
}

const FIXTURES = new URL("../../fixtures/numpy/", import.meta.url);
const fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith(".json")).sort().map((file) => ({
  file,
  cases: (JSON.parse(readFileSync(new URL(file, FIXTURES), "utf8")) as { cases: Case[] }).cases,
}));

const decode = (v: JsonNumber): number => (typeof v === "number" ? v : v === "NaN" ? NaN : v === "Infinity" ? Infinity : -Infinity);
// numpy sums pairwise and we sum in order, so the last bits of a sum may differ
const RTOL = 1e-12;
const ATOL = 1e-14;

/** What differs between our value and numpy's result, as readable lines (empty: they agree). */
function differences(ours: unknown, expected: Result, at = "result"): string[] {
  switch (expected.kind) {
    case "bool":
    case "number":
      return ours === expected.value ? [] : [`${at}: ours ${String(ours)}, numpy ${expected.value} (a ${expected.kind})`];
    case "list": {
      if (!Array.isArray(ours)) return [`${at}: ours is not a list`];
      if (ours.length !== expected.items.length) return [`${at}: ours has ${ours.length} items, numpy ${expected.items.length}`];
      return expected.items.flatMap((item, i) => differences(ours[i], item, `${at}[${i}]`));
    }
    case "array": {
      if (!(ours instanceof Tensor)) return [`${at}: ours is ${typeof ours}, numpy an array`];
      if (ours.shape.join() !== expected.shape.join()) return [`${at}: shape [${ours.shape}] != numpy's [${expected.shape}]`];
      const bad: string[] = [];
      if ((ours.dtype === "bool") !== (expected.dtype === "bool")) bad.push(`${at}: dtype ${ours.dtype}, numpy's is ${expected.dtype}`);
      expected.data.forEach((ev, i) => {
        const e = decode(ev);
        const a = ours.data[i];
        // NaN is NaN; the sign of a zero counts (np.sign(-0.) is 0.; np.mod(6, -3) is -0.)
        const ok = Number.isNaN(e) ? Number.isNaN(a) : e === 0 ? Object.is(a, e) : !Number.isFinite(e) ? a === e : Math.abs(a - e) <= ATOL + RTOL * Math.abs(e);
        if (!ok) bad.push(`${at}[${i}]: ours ${Object.is(a, -0) ? "-0" : a}, numpy ${Object.is(e, -0) ? "-0" : e}`);
      });
      return bad;
    }
    case "repr":
      return String(ours) === expected.text ? [] : [`${at}: ours prints\n${String(ours)}\nnumpy prints\n${expected.text}`];
    case "error":
      return [`${at}: numpy raised (${expected.error}) but ours returned a value`];
  }
}

type Fn = (...xs: Tensor[]) => unknown;
/** A case numpy refuses: ours must throw, with a message that contains `says`. */
interface Refused { refused: Fn; says: string }
const refuses = (refused: Fn, says: string): Refused => ({ refused, says });

/** Our side of each numpy case, keyed by case name (numpy's side is in tools/numpy-fixtures.py). */
const OURS: Record<string, Fn | Refused> = {
  // indexing
  mask_from_comparison: (x) => x.slice(x.greater(0)),
  mask_list_of_bools: (x) => x.slice([true, false, true]),
  mask_then_slice: (x) => x.slice(x.slice(null, 0).greater(0), "1:"),
  mask_with_index_array: (x) => x.slice(np.array([true, false, true]), [0, 3]),
  numeric_zero_one_index_array: (x) => x.slice(x.slice(null, 0).greater(0).astype("int")),
  mask_shape_mismatch: refuses((x) => x.slice(np.array([true, false])), "boolean index did not match"),
  mask_of_all_false: (x) => x.slice(x.greater(100)),
  index_array_2d: (x) => x.slice([[0, 2], [1, 1]]),
  index_array_2d_on_axis_1: (x) => x.slice(null, [[0, 3], [1, 2], [2, 2]]),
  index_arrays_broadcast: (x) => x.slice([0, 1, 2], [0]),
  index_arrays_broadcast_2d: (x) => x.slice([[0], [2]], [0, 1, 3]),
  index_arrays_mismatch: refuses((x) => x.slice([0, 1], [0, 1, 2]), "could not be broadcast together with shapes (2,) (3,)"),
  index_arrays_separated_by_slice: (x) => x.slice([0, 1], ":", [0, 4]),
  integer_and_array_separated_by_slice: (x) => x.slice(0, ":", [1, 2]),
  integer_and_array_adjacent: (x) => x.slice(":", 0, [1, 2]),
  array_then_integer: (x) => x.slice([2, 0], 1),
  ellipsis_first: (x) => x.slice("...", 0),
  ellipsis_last: (x) => x.slice(1, "..."),
  ellipsis_middle: (x) => x.slice(0, "...", "1:3"),
  two_ellipses: refuses((x) => x.slice("...", 0, "..."), "single ellipsis"),
  newaxis_middle: (x) => x.slice(null, np.newaxis, 0),
  newaxis_first: (x) => x.slice(np.newaxis),
  float_index: refuses((x) => x.slice(np.array([0.5])), "integer (or boolean) type"),
  too_many_indices: refuses((x) => x.slice(0, 0, 0), "too many indices"),
  take_without_axis: (x) => np.take(x, [0, 5, 11]),
  take_2d_indices_without_axis: (x) => np.take(x, [[0, 1], [10, 11]]),
  take_axis_1: (x) => x.take([3, 0, 3], { axis: 1 }),
  take_bool_indices_are_numbers: (x) => np.take(x, np.array([true, false, true]), { axis: 0 }),
  take_out_of_bounds: refuses((x) => np.take(x, [12]), "index 12 is out of bounds for axis 0 with size 12"),
  take_along_axis: (x) => np.takeAlongAxis(x, np.argsort(x, { axis: 1 }), 1),
  // creation
  eye_k_1: () => np.eye(3, 4, { k: 1 }),
  eye_k_neg_1: () => np.eye(3, { k: -1 }),
  eye_k_past_the_edge: () => np.eye(3, null, { k: 5 }),
  eye_wide_k_neg_1: () => np.eye(2, 3, { k: -1 }),
  zeros_int_shape: () => np.zeros(3),
  ones_int_shape: () => np.ones(2),
  full_int_shape: () => np.full(3, 7),
  zeros_bool: () => np.zeros(3, { dtype: "bool" }),
  array_of_arrays_stacks: (a, b) => np.array([a, b]),
  array_of_2d_arrays: (a, b, c) => np.array([a, b, c]),
  array_of_arrays_ragged: refuses((a, b) => np.array([a, b]), "inhomogeneous shape: element [1] has shape (2,), expected (3,)"),
  array_of_bools: () => np.array([true, false, true]),
  array_of_bools_and_numbers: () => np.array([true, 2.5]),
  meshgrid_xy: (x, y) => np.meshgrid(x, y),
  meshgrid_ij: (x, y) => np.meshgrid(x, y, { indexing: "ij" }),
  meshgrid_three: (x, y, z) => np.meshgrid(x, y, z),
  diag_build_k: (v) => np.diag(v, 2),
  diag_extract_wide: (x) => np.diag(x, 1),
  diag_extract_past_the_edge: (x) => np.diag(x, 4),
  diag_3d: refuses((x) => np.diag(x), "1- or 2-d"),
  triu_1d: (x) => np.triu(x),
  tril_wide_k: (x) => np.tril(x, 2),
  // products
  dot_3d_2d: (a, b) => np.dot(a, b),
  dot_3d_3d: (a, b) => np.dot(a, b),
  dot_1d_3d: (a, b) => np.dot(a, b),
  dot_not_aligned: refuses((a, b) => np.dot(a, b), "not aligned: 4 (dim 2) != 5 (dim 0)"),
  einsum_matmul: (a, b) => np.einsum("ij,jk->ik", a, b),
  einsum_trace: (a) => np.einsum("ii", a),
  einsum_repeated_letter_apart: (a) => np.einsum("iji->ij", a),
  einsum_batched_outer: (a, b) => np.einsum("bi,bj->bij", a, b),
  einsum_size_mismatch: refuses((a, b) => np.einsum("ij,jk->ik", a, b), 'subscript "j" has sizes 3 and 4'),
  einsum_wrong_operand_count: refuses((a) => np.einsum("ij,jk->ik", a), "names 2 operand(s), but 1 were given"),
  einsum_output_letter_unknown: refuses((a) => np.einsum("ij->k", a), 'output subscript "k" does not appear'),
  // shapes
  concatenate_axis_none: (a, b) => np.concatenate([a, b], { axis: null }),
  concatenate_mismatch: refuses((a, b) => np.concatenate([a, b]), "all shapes must match except on axis 0"),
  reshape_infer_next_to_zero: refuses((x) => x.reshape(-1, 0), "-1 is ambiguous"),
  reshape_zero_then_infer: refuses((x) => x.reshape(0, -1), "-1 is ambiguous"),
  reshape_empty_to_flat: (x) => x.reshape(-1),
  reshape_empty_to_3_0: (x) => x.reshape(3, 0),
  swapaxes_negative: (x) => x.swapaxes(-1, 0),
  vstack_mixed: (a, b) => np.vstack([a, b]),
  hstack_mismatch: refuses((a, b) => np.hstack([a, b]), "all shapes must match except on axis 1"),
  repeat_flattened: (x) => np.repeat(x, 3),
  repeat_counts_mismatch: refuses((x) => np.repeat(x, [1, 2]), "could not be broadcast together with shape (3,)"),
  tile_fewer_reps: (x) => np.tile(x, 2),
  // reductions
  sum_empty_axis_1: (x) => x.sum({ axis: 1 }),
  sum_empty_axis_0: (x) => np.sum(x, { axis: 0 }),
  max_empty_axis_1: (x) => x.max({ axis: 1 }),
  max_empty_axis_0: refuses((x) => x.max({ axis: 0 }), "zero-size array"),
  max_empty_all: refuses((x) => np.max(x), "zero-size array"),
  min_empty_axis_1: (x) => x.min({ axis: 1 }),
  min_empty_axis_0: refuses((x) => np.min(x, { axis: 0 }), "zero-size array to reduction operation minimum"),
  argmax_empty_axis_1: (x) => x.argmax({ axis: 1 }),
  argmax_empty_axis_0: refuses((x) => np.argmax(x, { axis: 0 }), "empty sequence"),
  mean_empty_axis_0: (x) => x.mean({ axis: 0 }),
  mean_empty_axis_1: (x) => np.mean(x, { axis: 1 }),
  prod_empty_axis_0: (x) => x.prod({ axis: 0 }),
  sign_of_zeros: (x) => np.sign(x),
  clip_at_and_past_bounds: (x) => np.clip(x, -1, 1),
  clip_min_above_max: (x) => x.clip(1, 0),
  prod_axes: (x) => np.prod(x, { axis: [0, 2] }),
  cumsum_flattened: (x) => np.cumsum(x),
  cumsum_axis_1: (x) => x.cumsum({ axis: 1 }),
  sort_with_nan: (x) => np.sort(x),
  sort_axis_0: (x) => np.sort(x, { axis: 0 }),
  sort_flattened: (x) => np.sort(x, { axis: null }),
  argsort_stable_ties: (x) => np.argsort(x, { kind: "stable" }),
  argsort_with_nan: (x) => x.argsort(),
  argsort_axis_0: (x) => np.argsort(x, { axis: 0 }),
  median_even: (x) => np.median(x),
  median_with_nan: (x) => np.median(x, { axis: 1 }),
  median_axes: (x) => np.median(x, { axis: [0, 2] }),
  median_keepdims: (x) => np.median(x, { axis: 0, keepdims: true }),
  percentile_list_axis: (x) => np.percentile(x, [10, 50, 90], { axis: 1 }),
  percentile_out_of_range: refuses((x) => np.percentile(x, 101), "in the range [0, 100]"),
  quantile_ends: (x) => np.quantile(x, [0, 1]),
  norm_ord_0: (x) => np.linalg.norm(x, 0),
  norm_axis_keepdims: (x) => np.linalg.norm(x, { axis: 1, keepdims: true }),
  norm_matrix_keepdims: (x) => np.linalg.norm(x, null, { axis: [1, 2], keepdims: true }),
  norm_3d_needs_axis: refuses((x) => np.linalg.norm(x, 1), "improper number of dimensions"),
  norm_fro_of_vector: refuses((x) => np.linalg.norm(x, "fro"), 'invalid norm order "fro" for vectors'),
  // logic
  isclose: (a, b) => np.isclose(a, b),
  isclose_equal_nan: (a, b) => np.isclose(a, b, { equalNan: true }),
  isclose_tolerances: (a, b) => np.isclose(a, b, { rtol: 0, atol: 0.1 }),
  isclose_broadcast: (a, b) => np.isclose(a, b),
  allclose_true: (a) => np.allclose(a, a.add(1e-9)),
  allclose_false: (a, b) => np.allclose(a, b),
  allclose_nan: (a) => np.allclose(a, a),
  allclose_nan_equal: (a) => np.allclose(a, a, { equalNan: true }),
  array_equal: (a) => np.arrayEqual(a, a.copy()),
  array_equal_shapes_differ: (a) => np.arrayEqual(a, a.reshape(3, 2)),
  isnan_isinf_isfinite: (x) => [np.isnan(x), np.isinf(x), np.isfinite(x)],
  any_all: (x) => [np.any(x), np.all(x)],
  any_axis_0: (x) => np.any(x, { axis: 0 }),
  all_axis_1_keepdims: (x) => x.all({ axis: 1, keepdims: true }),
  any_all_of_empty: (x) => [x.any(), x.all()],
  any_all_nan_is_true: (x) => [np.any(x), np.all(x)],
  count_nonzero: (x) => np.countNonzero(x),
  count_nonzero_axis: (x) => np.countNonzero(x, { axis: 0 }),
  nonzero_2d: (x) => np.nonzero(x),
  unique: (x) => np.unique(x),
  unique_2d_flattened: (x) => np.unique(x),
  unique_counts: (x) => np.unique(x, { returnCounts: true }),
  unique_index_inverse_counts: (x) => np.unique(x, { returnIndex: true, returnInverse: true, returnCounts: true }),
  unique_nan: (x) => np.unique(x, { returnCounts: true }),
  bincount: (x) => np.bincount(x),
  bincount_minlength: (x) => np.bincount(x, { minlength: 7 }),
  bincount_minlength_below_max: (x) => np.bincount(x, { minlength: 2 }),
  bincount_weights: (x, w) => np.bincount(x, { weights: w }),
  bincount_empty: (x) => np.bincount(x, { minlength: 3 }),
  bincount_negative: refuses((x) => np.bincount(x), "must have no negative elements"),
  bincount_2d: refuses((x) => np.bincount(x), "object too deep for desired array"),
  bincount_weights_length: refuses((x, w) => np.bincount(x, { weights: w }), "The weights and list don't have the same length"),
  mask_plus_mask_is_or: (a, b) => a.greater(0).add(b.greater(0)),
  mask_times_mask_is_and: (a, b) => np.multiply(a.greater(0), b.greater(0)),
  mask_minus_mask: refuses((a, b) => a.greater(0).sub(b.greater(0)), "numpy boolean subtract is not supported"),
  negative_mask: refuses((a) => a.greater(0).neg(), "numpy boolean negative is not supported"),
  mask_plus_number: (a) => a.greater(0).add(1.5),
  maximum_of_masks: (a, b) => np.maximum(a.greater(0), b.greater(0)),
  logical_ops: (a, b) => [np.logicalAnd(a.greater(0), b), np.logicalOr(a.greater(0), b.greater(1)), np.logicalXor(a.greater(0), b.greater(0)), np.logicalNot(a)],
  mean_of_mask: (a) => a.greater(0).mean({ axis: 0 }),
  sum_of_mask: (a) => a.greater(0).sum(),
  max_of_mask: (a) => a.greater(0).max({ axis: 1 }),
  min_of_mask: (a) => a.greater(0).min({ axis: 1 }),
  where_of_masks_is_a_mask: (a, b) => np.where(a.greater(b), a.greater(0), b.greater(0)),
  reshape_of_mask_is_a_mask: (a) => a.greater(0).reshape(2, 6).T,
  astype_bool_and_int: (a) => [a.astype("bool"), a.slice(":3").astype("int")],
  // maths
  round_half_to_even: (x) => np.round(x),
  round_decimals: (x) => x.round(2),
  round_negative_decimals: (x) => np.round(x, -2),
  floor_ceil_trunc: (x) => [np.floor(x), x.ceil(), np.trunc(x)],
  mod_signs_and_zero: (a, b) => np.mod(a, b),
  mod_infinite_divisor: (a, b) => a.mod(b),
  log_family: (x) => [np.log2(x), np.log10(x), np.log1p(x), np.expm1(x.div(1000))],
  tan: (x) => np.tan(x),
  solve_singular: refuses((A, b) => np.linalg.solve(A, b), "Singular matrix"),
  inv_singular: refuses((A) => np.linalg.inv(A), "Singular matrix"),
  solve_not_square: refuses((A, b) => np.linalg.solve(A, b), "must be square"),
  solve_not_aligned: refuses((A, b) => np.linalg.solve(A, b), "not aligned"),
  inv_identity: () => np.linalg.inv(np.eye(3)),
  // printing
  wraps_at_75: () => np.arange(30).mul(1.5),
  wraps_2d_rows: () => np.arange(40).reshape(2, 20).div(7),
  wraps_negative_values: (x) => x,
  summarised_1d: () => np.arange(2000).div(2000).add(1),
  summarised_2d_rows: () => np.arange(2000).div(2000).add(1).reshape(1000, 2),
  summarised_2d_columns: () => np.arange(2000).reshape(2, 1000),
  summarised_3d: () => np.arange(8000).reshape(20, 20, 20),
  summarised_long_numbers_shape_on_new_line: () => np.arange(1001).mul(-123456.789),
  scientific_unit: () => np.array([1e-5, 1]),
  scientific_padded_mantissa: () => np.array([1.5e-5, 1]),
  scientific_three_digit_exponent: () => np.array([1e-5, 1e100]),
  scientific_large: () => np.array([1e8, 1]),
  scientific_wide_range: () => np.array([1234.5, 0.001]),
  scientific_with_nan_and_inf: () => np.array([1e-7, NaN, -Infinity, 2]),
  scientific_negative_zero: () => np.array([-0, 1e-6]),
  fixed_negative_zero: () => np.array([-0, 0, 1.5]),
  fixed_tie_rounds_to_even: () => np.array([0.001953125, 0.5]),
  fixed_shortest_digits: () => np.array([0.1 + 0.2, 1 / 3, 12345678.9]),
  fixed_rounds_to_integer: () => np.array([0.999999999, 2]),
  fixed_random: (x) => x.div(7),
  nan_inf_only: () => np.array([NaN, Infinity]),
  nan_negative_inf_only: () => np.array([NaN, -Infinity]),
  zero_d: () => np.array(3.25),
  zero_d_scientific: () => np.array(1e-9),
  bool_1d: () => np.array([true, false, true]),
  bool_all_true: () => np.array([true, true]),
  bool_2d: (x) => x.greater(0),
  bool_0d: () => np.array(false),
  bool_wraps: () => np.arange(20).mod(3).equal(0),
  empty_1d: () => np.zeros(0),
  empty_2d: () => np.zeros([0, 3]),
  empty_columns: () => np.zeros([2, 0]),
  empty_bool: () => np.zeros(0, { dtype: "bool" }),
  integers_as_floats: () => np.arange(12).reshape(3, 4),
  large_integers: () => np.array([1e7, 2, 99999999]),
};

const tensorOf = (x: Case["inputs"][number]) => new Tensor(Float64Array.from(x.data, decode), x.shape);

describe("numpy reference fixtures", () => {
  it("cover every case in the table and nothing else", () => {
    const names = fixtures.flatMap((f) => f.cases.map((c) => c.name));
    expect(names.length).toBeGreaterThan(150);
    expect(names.filter((n) => !(n in OURS)), "fixture cases without our side").toEqual([]);
    expect(Object.keys(OURS).filter((n) => !names.includes(n)), "table entries without a fixture").toEqual([]);
  });
});

for (const { file, cases } of fixtures) {
  describe(`agrees with numpy (${file})`, () => {
    for (const c of cases) {
      const ours = OURS[c.name];
      const inputs = () => c.inputs.map(tensorOf);
      if (c.result.kind === "error") {
        const numpyError = c.result.error;
        it(`${c.name}: both refuse (numpy: ${numpyError.slice(0, 80)})`, () => {
          expect(typeof ours === "object", `${c.name}: numpy raised, so our side must be refuses(...)`).toBe(true);
          const { refused, says } = ours as Refused;
          expect(() => refused(...inputs())).toThrow(says);
        });
      } else {
        it(`${c.name}: the same ${c.result.kind === "repr" ? "printed text" : "result"} as numpy`, () => {
          expect(typeof ours, `${c.name}: numpy answered, so our side must be a function`).toBe("function");
          expect(differences((ours as Fn)(...inputs()), c.result)).toEqual([]);
        });
      }
    }
  });
}
