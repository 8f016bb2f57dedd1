#!/usr/bin/python3
"""numpy reference results for Stepbook's `np`: values, shapes, dtypes, errors and printed text.

Run from the repository root with Debian's Python (python3-numpy, python3-torch for the shared helpers):

    /usr/bin/python3 tools/numpy-fixtures.py

It rewrites tests/fixtures/numpy/*.json; tests/kernel/tensor/numpy-reference.test.ts reads them and
runs the same call with our `np`. tools/torch-fixtures.py checks values *and gradients* of everything
differentiable against PyTorch; this file checks what PyTorch cannot say: numpy's own answers, shapes
and dtypes (a bool mask or a number), the calls numpy refuses (both must raise), and repr's text.

Each case stores its inputs (made as in torch-fixtures.py: seeded by the case name, rounded to 3
decimals) and numpy's result as one of
    {"kind": "array", "shape", "dtype": "bool" | "number", "data"}   an ndarray or numpy scalar
    {"kind": "bool", "value"} / {"kind": "number", "value"}           a Python bool or int
    {"kind": "list", "items": [...]}                                  a tuple or list of arrays
    {"kind": "error", "error": "IndexError: ..."}                     numpy raised
    {"kind": "repr", "text"}                                          repr() as numpy 2 prints it
Debian's numpy is 1.24; numpy 2 prints the same text but for one addition, `shape=(...)` after a
summarised array, which `numpy2_repr` below adds the way numpy 2's _array_repr_implementation does.
"""
import importlib.util
import os
import warnings
import zlib

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.join(HERE, "..", "tests", "fixtures", "numpy")

# the input makers and JSON encoding of the torch fixtures, so both files make inputs the same way
_spec = importlib.util.spec_from_file_location("torch_fixtures", os.path.join(HERE, "torch-fixtures.py"))
tf = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(tf)
randn, positive, away_from_zero, fixed, inp, encode = tf.randn, tf.positive, tf.away_from_zero, tf.fixed, tf.inp, tf.encode

CASES = {}  # file name -> list of (case name, inputs, function)


def case(file, name, inputs, fn):
    if any(c[0] == name for cs in CASES.values() for c in cs):
        raise ValueError(f"duplicate case {name}")
    CASES.setdefault(file, []).append((name, inputs, fn))


def numpy2_repr(a):
    """repr(a) as numpy 2 writes it: numpy 1.24's array2string, then numpy 2's rule for the extras
    (shape= for empty arrays other than (0,) and for summarised arrays, dtype= for empty ones), on the
    same line unless that would pass the line width."""
    a = np.asarray(a)
    opts = np.get_printoptions()
    prefix = "array("
    body = np.array2string(a, max_line_width=opts["linewidth"], separator=", ", prefix=prefix, suffix=")")
    extras = []
    if (a.size == 0 and a.shape != (0,)) or a.size > opts["threshold"]:
        extras.append(f"shape={a.shape}")
    if a.size == 0:
        extras.append(f"dtype={a.dtype}")
    if not extras:
        text = prefix + body + ")"
        assert a.size > opts["threshold"] or text == repr(a), (text, repr(a))  # the same as numpy 1.24 here
        return text
    start = prefix + body + ","
    extra = ", ".join(extras) + ")"
    last_line = len(start) - (start.rfind("\n") + 1)
    spacer = "\n" + " " * len(prefix) if last_line + len(extra) + 1 > opts["linewidth"] else " "
    return start + spacer + extra


def as_result(v):
    if isinstance(v, (bool, np.bool_)):
        return {"kind": "bool", "value": bool(v)}
    if isinstance(v, int):
        return {"kind": "number", "value": v}
    if isinstance(v, (tuple, list)):
        return {"kind": "list", "items": [as_result(x) for x in v]}
    a = np.asarray(v)
    return {
        "kind": "array",
        "shape": list(a.shape),
        "dtype": "bool" if a.dtype == np.bool_ else "number",
        "data": [encode(float(x)) for x in a.astype(np.float64).ravel()],
    }


class Printed:
    """A case whose result is the repr text of the array the function returns."""

    def __init__(self, fn):
        self.fn = fn


def printed(file, name, inputs, fn):
    case(file, name, inputs, Printed(fn))


def run_case(name, inputs, fn):
    rng = np.random.RandomState(zlib.crc32(name.encode()))
    values = [np.asarray(spec["make"](rng, spec["shape"]), dtype=np.float64).reshape(spec["shape"]) for spec in inputs]
    call = fn.fn if isinstance(fn, Printed) else fn
    with np.errstate(all="ignore"), warnings.catch_warnings():  # numpy warns (and still answers) for 0/0, mean of empty, ...
        warnings.simplefilter("ignore", RuntimeWarning)
        try:
            out = call(*[v.copy() for v in values])
            result = {"kind": "repr", "text": numpy2_repr(out)} if isinstance(fn, Printed) else as_result(out)
        except Exception as e:  # noqa: BLE001 - every numpy error is a result here
            result = {"kind": "error", "error": f"{type(e).__name__}: {e}"}
    return {"name": name, "inputs": [{"name": s["name"], **tf.as_json(v)} for s, v in zip(inputs, values)], "result": result}


# ---- 1. what used to be silently wrong ------------------------------------------------------------
I = "indexing"
x34 = [inp("x", [3, 4])]
x345 = [inp("x", [3, 4, 5])]
case(I, "mask_from_comparison", x34, lambda x: x[x > 0])
case(I, "mask_list_of_bools", x34, lambda x: x[[True, False, True]])
case(I, "mask_then_slice", x34, lambda x: x[x[:, 0] > 0, 1:])
case(I, "mask_with_index_array", [inp("x", [3, 4], fixed(np.arange(12.0)))], lambda x: x[np.array([True, False, True]), [0, 3]])
case(I, "numeric_zero_one_index_array", x34, lambda x: x[(x[:, 0] > 0).astype(int)])
case(I, "mask_shape_mismatch", x34, lambda x: x[np.array([True, False])])
case(I, "mask_of_all_false", x34, lambda x: x[x > 100])
case(I, "index_array_2d", x34, lambda x: x[np.array([[0, 2], [1, 1]])])
case(I, "index_array_2d_on_axis_1", x34, lambda x: x[:, np.array([[0, 3], [1, 2], [2, 2]])])
case(I, "index_arrays_broadcast", x34, lambda x: x[[0, 1, 2], [0]])
case(I, "index_arrays_broadcast_2d", x34, lambda x: x[[[0], [2]], [0, 1, 3]])
case(I, "index_arrays_mismatch", x34, lambda x: x[[0, 1], [0, 1, 2]])
case(I, "index_arrays_separated_by_slice", x345, lambda x: x[[0, 1], :, [0, 4]])
case(I, "integer_and_array_separated_by_slice", x345, lambda x: x[0, :, [1, 2]])
case(I, "integer_and_array_adjacent", x345, lambda x: x[:, 0, [1, 2]])
case(I, "array_then_integer", x345, lambda x: x[[2, 0], 1])
case(I, "ellipsis_first", x345, lambda x: x[..., 0])
case(I, "ellipsis_last", x345, lambda x: x[1, ...])
case(I, "ellipsis_middle", x345, lambda x: x[0, ..., 1:3])
case(I, "two_ellipses", x345, lambda x: x[..., 0, ...])
case(I, "newaxis_middle", x34, lambda x: x[:, None, 0])
case(I, "newaxis_first", x34, lambda x: x[None])
case(I, "float_index", x34, lambda x: x[np.array([0.5])])
case(I, "too_many_indices", x34, lambda x: x[0, 0, 0])
case(I, "take_without_axis", x34, lambda x: np.take(x, [0, 5, 11]))
case(I, "take_2d_indices_without_axis", x34, lambda x: np.take(x, [[0, 1], [10, 11]]))
case(I, "take_axis_1", x34, lambda x: np.take(x, [3, 0, 3], axis=1))
case(I, "take_bool_indices_are_numbers", x34, lambda x: np.take(x, np.array([True, False, True]), axis=0))
case(I, "take_out_of_bounds", x34, lambda x: np.take(x, [12]))
case(I, "take_along_axis", [inp("x", [3, 4])], lambda x: np.take_along_axis(x, np.argsort(x, axis=1), axis=1))

C = "creation"
case(C, "eye_k_1", [], lambda: np.eye(3, 4, k=1))
case(C, "eye_k_neg_1", [], lambda: np.eye(3, k=-1))
case(C, "eye_k_past_the_edge", [], lambda: np.eye(3, k=5))
case(C, "eye_wide_k_neg_1", [], lambda: np.eye(2, 3, k=-1))
case(C, "zeros_int_shape", [], lambda: np.zeros(3))
case(C, "ones_int_shape", [], lambda: np.ones(2))
case(C, "full_int_shape", [], lambda: np.full(3, 7.0))
case(C, "zeros_bool", [], lambda: np.zeros(3, dtype=bool))
case(C, "array_of_arrays_stacks", [inp("a", [3]), inp("b", [3])], lambda a, b: np.array([a, b]))
case(C, "array_of_2d_arrays", [inp("a", [2, 2]), inp("b", [2, 2]), inp("c", [2, 2])], lambda a, b, c: np.array([a, b, c]))
case(C, "array_of_arrays_ragged", [inp("a", [3]), inp("b", [2])], lambda a, b: np.array([a, b]))
case(C, "array_of_bools", [], lambda: np.array([True, False, True]))
case(C, "array_of_bools_and_numbers", [], lambda: np.array([True, 2.5]))
case(C, "meshgrid_xy", [inp("x", [3]), inp("y", [2])], lambda x, y: np.meshgrid(x, y))
case(C, "meshgrid_ij", [inp("x", [3]), inp("y", [2])], lambda x, y: np.meshgrid(x, y, indexing="ij"))
case(C, "meshgrid_three", [inp("x", [2]), inp("y", [3]), inp("z", [4])], lambda x, y, z: np.meshgrid(x, y, z))
case(C, "diag_build_k", [inp("v", [3])], lambda v: np.diag(v, 2))
case(C, "diag_extract_wide", [inp("x", [2, 5])], lambda x: np.diag(x, 1))
case(C, "diag_extract_past_the_edge", [inp("x", [2, 3])], lambda x: np.diag(x, 4))
case(C, "diag_3d", [inp("x", [2, 2, 2])], lambda x: np.diag(x))
case(C, "triu_1d", [inp("x", [3])], lambda x: np.triu(x))
case(C, "tril_wide_k", [inp("x", [3, 5])], lambda x: np.tril(x, 2))

P = "products"
case(P, "dot_3d_2d", [inp("a", [2, 3, 4]), inp("b", [4, 2])], np.dot)
case(P, "dot_3d_3d", [inp("a", [2, 3, 4]), inp("b", [2, 4, 3])], np.dot)
case(P, "dot_1d_3d", [inp("a", [4]), inp("b", [2, 4, 3])], np.dot)
case(P, "dot_not_aligned", [inp("a", [2, 3, 4]), inp("b", [5, 6])], np.dot)
case(P, "einsum_matmul", [inp("a", [2, 3]), inp("b", [3, 2])], lambda a, b: np.einsum("ij,jk->ik", a, b))
case(P, "einsum_trace", [inp("a", [3, 3])], lambda a: np.einsum("ii", a))
case(P, "einsum_repeated_letter_apart", [inp("a", [3, 2, 3])], lambda a: np.einsum("iji->ij", a))
case(P, "einsum_batched_outer", [inp("a", [2, 3]), inp("b", [2, 4])], lambda a, b: np.einsum("bi,bj->bij", a, b))
case(P, "einsum_size_mismatch", [inp("a", [2, 3]), inp("b", [4, 2])], lambda a, b: np.einsum("ij,jk->ik", a, b))
case(P, "einsum_wrong_operand_count", [inp("a", [2, 3])], lambda a: np.einsum("ij,jk->ik", a))
case(P, "einsum_output_letter_unknown", [inp("a", [2, 3])], lambda a: np.einsum("ij->k", a))

S = "shapes"
case(S, "concatenate_axis_none", [inp("a", [2, 2]), inp("b", [3])], lambda a, b: np.concatenate([a, b], axis=None))
case(S, "concatenate_mismatch", [inp("a", [2, 2]), inp("b", [2, 3])], lambda a, b: np.concatenate([a, b]))
case(S, "reshape_infer_next_to_zero", [inp("x", [0, 3])], lambda x: x.reshape(-1, 0))
case(S, "reshape_zero_then_infer", [inp("x", [0, 3])], lambda x: x.reshape(0, -1))
case(S, "reshape_empty_to_flat", [inp("x", [0, 3])], lambda x: x.reshape(-1))
case(S, "reshape_empty_to_3_0", [inp("x", [0, 3])], lambda x: x.reshape(3, 0))
case(S, "swapaxes_negative", [inp("x", [2, 3, 4])], lambda x: np.swapaxes(x, -1, 0))
case(S, "vstack_mixed", [inp("a", [3]), inp("b", [2, 3])], lambda a, b: np.vstack([a, b]))
case(S, "hstack_mismatch", [inp("a", [2, 3]), inp("b", [3, 1])], lambda a, b: np.hstack([a, b]))
case(S, "repeat_flattened", [inp("x", [2, 2])], lambda x: np.repeat(x, 3))
case(S, "repeat_counts_mismatch", [inp("x", [3])], lambda x: np.repeat(x, [1, 2]))
case(S, "tile_fewer_reps", [inp("x", [2, 3])], lambda x: np.tile(x, 2))

R = "reductions"
empty03 = [inp("x", [0, 3])]
case(R, "sum_empty_axis_1", empty03, lambda x: x.sum(axis=1))
case(R, "sum_empty_axis_0", empty03, lambda x: x.sum(axis=0))
case(R, "max_empty_axis_1", empty03, lambda x: x.max(axis=1))
case(R, "max_empty_axis_0", empty03, lambda x: x.max(axis=0))
case(R, "max_empty_all", empty03, lambda x: x.max())
case(R, "min_empty_axis_1", empty03, lambda x: x.min(axis=1))
case(R, "min_empty_axis_0", empty03, lambda x: x.min(axis=0))
case(R, "argmax_empty_axis_1", empty03, lambda x: x.argmax(axis=1))
case(R, "argmax_empty_axis_0", empty03, lambda x: x.argmax(axis=0))
case(R, "mean_empty_axis_0", empty03, lambda x: x.mean(axis=0))
case(R, "mean_empty_axis_1", empty03, lambda x: x.mean(axis=1))
case(R, "prod_empty_axis_0", empty03, lambda x: x.prod(axis=0))
case(R, "sign_of_zeros", [inp("x", [4], fixed([-0.0, 0.0, -2.0, np.nan]))], np.sign)
case(R, "clip_at_and_past_bounds", [inp("x", [5], fixed([-2.0, -1.0, 0.5, 1.0, np.nan]))], lambda x: np.clip(x, -1, 1))
case(R, "clip_min_above_max", [inp("x", [3], fixed([-1.0, 0.5, 2.0]))], lambda x: np.clip(x, 1, 0))
case(R, "prod_axes", [inp("x", [2, 3, 2])], lambda x: np.prod(x, axis=(0, 2)))
case(R, "cumsum_flattened", [inp("x", [2, 3])], np.cumsum)
case(R, "cumsum_axis_1", [inp("x", [2, 3])], lambda x: np.cumsum(x, axis=1))
case(R, "sort_with_nan", [inp("x", [5], fixed([3.0, np.nan, -1.0, np.inf, 0.0]))], np.sort)
case(R, "sort_axis_0", [inp("x", [3, 4])], lambda x: np.sort(x, axis=0))
case(R, "sort_flattened", [inp("x", [3, 4])], lambda x: np.sort(x, axis=None))
case(R, "argsort_stable_ties", [inp("x", [6], fixed([2.0, 1.0, 2.0, 1.0, 0.0, 2.0]))], lambda x: np.argsort(x, kind="stable"))
case(R, "argsort_with_nan", [inp("x", [4], fixed([np.nan, 1.0, -1.0, 0.5]))], np.argsort)
case(R, "argsort_axis_0", [inp("x", [3, 4])], lambda x: np.argsort(x, axis=0))
case(R, "median_even", [inp("x", [6])], np.median)
case(R, "median_with_nan", [inp("x", [2, 3], fixed([1.0, np.nan, 3.0, 1.0, 2.0, 3.0]))], lambda x: np.median(x, axis=1))
case(R, "median_axes", [inp("x", [2, 3, 4])], lambda x: np.median(x, axis=(0, 2)))
case(R, "median_keepdims", [inp("x", [3, 4])], lambda x: np.median(x, axis=0, keepdims=True))
case(R, "percentile_list_axis", [inp("x", [4, 5])], lambda x: np.percentile(x, [10, 50, 90], axis=1))
case(R, "percentile_out_of_range", [inp("x", [4])], lambda x: np.percentile(x, 101))
case(R, "quantile_ends", [inp("x", [5])], lambda x: np.quantile(x, [0.0, 1.0]))
case(R, "norm_ord_0", [inp("x", [5], fixed([0.0, 1.5, 0.0, -2.0, 3.0]))], lambda x: np.linalg.norm(x, 0))
case(R, "norm_axis_keepdims", [inp("x", [3, 4])], lambda x: np.linalg.norm(x, axis=1, keepdims=True))
case(R, "norm_matrix_keepdims", [inp("x", [2, 3, 4])], lambda x: np.linalg.norm(x, axis=(1, 2), keepdims=True))
case(R, "norm_3d_needs_axis", [inp("x", [2, 3, 4])], lambda x: np.linalg.norm(x, 1))
case(R, "norm_fro_of_vector", [inp("x", [3])], lambda x: np.linalg.norm(x, "fro"))

# ---- 2. truth values, logic and counting ----------------------------------------------------------
L = "logic"
pair = [inp("a", [3, 4]), inp("b", [3, 4])]
near = lambda rng, shape: np.round(rng.randn(*shape), 3)
case(L, "isclose", [inp("a", [6], fixed([1.0, 1.0, np.inf, np.nan, -np.inf, 1e-9])), inp("b", [6], fixed([1.000001, 1.1, np.inf, np.nan, np.inf, 0.0]))], np.isclose)
case(L, "isclose_equal_nan", [inp("a", [2], fixed([np.nan, 1.0])), inp("b", [2], fixed([np.nan, np.nan]))], lambda a, b: np.isclose(a, b, equal_nan=True))
case(L, "isclose_tolerances", [inp("a", [3], fixed([1.0, 2.0, 3.0])), inp("b", [3], fixed([1.05, 2.3, 3.0]))], lambda a, b: np.isclose(a, b, rtol=0.0, atol=0.1))
case(L, "isclose_broadcast", [inp("a", [2, 3]), inp("b", [3])], np.isclose)
case(L, "allclose_true", [inp("a", [3, 4], near)], lambda a: np.allclose(a, a + 1e-9))
case(L, "allclose_false", pair, np.allclose)
case(L, "allclose_nan", [inp("a", [2], fixed([np.nan, 1.0]))], lambda a: np.allclose(a, a))
case(L, "allclose_nan_equal", [inp("a", [2], fixed([np.nan, 1.0]))], lambda a: np.allclose(a, a, equal_nan=True))
case(L, "array_equal", [inp("a", [2, 3])], lambda a: np.array_equal(a, a.copy()))
case(L, "array_equal_shapes_differ", [inp("a", [2, 3])], lambda a: np.array_equal(a, a.reshape(3, 2)))
case(L, "isnan_isinf_isfinite", [inp("x", [5], fixed([0.0, np.nan, np.inf, -np.inf, -2.0]))], lambda x: [np.isnan(x), np.isinf(x), np.isfinite(x)])
case(L, "any_all", [inp("x", [3, 4], lambda rng, s: rng.randint(0, 2, s).astype(float))], lambda x: [np.any(x), np.all(x)])
case(L, "any_axis_0", [inp("x", [3, 4], lambda rng, s: rng.randint(0, 2, s).astype(float))], lambda x: np.any(x, axis=0))
case(L, "all_axis_1_keepdims", [inp("x", [3, 4], lambda rng, s: (rng.randint(0, 4, s) > 0).astype(float))], lambda x: np.all(x, axis=1, keepdims=True))
case(L, "any_all_of_empty", [inp("x", [0])], lambda x: [np.any(x), np.all(x)])
case(L, "any_all_nan_is_true", [inp("x", [2], fixed([np.nan, 1.0]))], lambda x: [np.any(x), np.all(x)])
case(L, "count_nonzero", [inp("x", [3, 4], lambda rng, s: rng.randint(0, 3, s).astype(float))], np.count_nonzero)
case(L, "count_nonzero_axis", [inp("x", [3, 4], lambda rng, s: rng.randint(0, 3, s).astype(float))], lambda x: np.count_nonzero(x, axis=0))
case(L, "nonzero_2d", [inp("x", [3, 4], lambda rng, s: rng.randint(0, 3, s).astype(float))], np.nonzero)
case(L, "unique", [inp("x", [8], fixed([3.0, 1.0, 2.0, 3.0, 1.0, 3.0, -1.0, 2.0]))], np.unique)
case(L, "unique_2d_flattened", [inp("x", [2, 3], fixed([2.0, 2.0, 0.0, 1.0, 0.0, 2.0]))], np.unique)
case(L, "unique_counts", [inp("x", [8], fixed([3.0, 1.0, 2.0, 3.0, 1.0, 3.0, -1.0, 2.0]))], lambda x: np.unique(x, return_counts=True))
case(L, "unique_index_inverse_counts", [inp("x", [6], fixed([5.0, 4.0, 5.0, 0.0, 4.0, 5.0]))],
     lambda x: np.unique(x, return_index=True, return_inverse=True, return_counts=True))
case(L, "unique_nan", [inp("x", [5], fixed([np.nan, 1.0, np.nan, 0.0, 1.0]))], lambda x: np.unique(x, return_counts=True))
ints = lambda hi: (lambda rng, s: rng.randint(0, hi, s).astype(float))
case(L, "bincount", [inp("x", [12], ints(5))], lambda x: np.bincount(x.astype(np.int64)))
case(L, "bincount_minlength", [inp("x", [4], fixed([1.0, 1.0, 3.0, 0.0]))], lambda x: np.bincount(x.astype(np.int64), minlength=7))
case(L, "bincount_minlength_below_max", [inp("x", [3], fixed([4.0, 0.0, 4.0]))], lambda x: np.bincount(x.astype(np.int64), minlength=2))
case(L, "bincount_weights", [inp("x", [6], fixed([0.0, 2.0, 2.0, 1.0, 2.0, 0.0])), inp("w", [6])], lambda x, w: np.bincount(x.astype(np.int64), weights=w))
case(L, "bincount_empty", [inp("x", [0])], lambda x: np.bincount(x.astype(np.int64), minlength=3))
case(L, "bincount_negative", [inp("x", [3], fixed([1.0, -1.0, 0.0]))], lambda x: np.bincount(x.astype(np.int64)))
case(L, "bincount_2d", [inp("x", [2, 2], fixed([1.0, 0.0, 2.0, 1.0]))], lambda x: np.bincount(x.astype(np.int64)))
case(L, "bincount_weights_length", [inp("x", [3], fixed([1.0, 0.0, 2.0])), inp("w", [2])], lambda x, w: np.bincount(x.astype(np.int64), weights=w))
case(L, "mask_plus_mask_is_or", pair, lambda a, b: (a > 0) + (b > 0))
case(L, "mask_times_mask_is_and", pair, lambda a, b: (a > 0) * (b > 0))
case(L, "mask_minus_mask", pair, lambda a, b: (a > 0) - (b > 0))
case(L, "negative_mask", [inp("a", [3])], lambda a: -(a > 0))
case(L, "mask_plus_number", [inp("a", [3])], lambda a: (a > 0) + 1.5)
case(L, "maximum_of_masks", pair, lambda a, b: np.maximum(a > 0, b > 0))
case(L, "logical_ops", pair, lambda a, b: [np.logical_and(a > 0, b), np.logical_or(a > 0, b > 1), np.logical_xor(a > 0, b > 0), np.logical_not(a)])
case(L, "mean_of_mask", [inp("a", [3, 4])], lambda a: (a > 0).mean(axis=0))
case(L, "sum_of_mask", [inp("a", [3, 4])], lambda a: (a > 0).sum())
case(L, "max_of_mask", [inp("a", [3, 4])], lambda a: (a > 0).max(axis=1))
case(L, "min_of_mask", [inp("a", [3, 4])], lambda a: (a > 0).min(axis=1))
case(L, "where_of_masks_is_a_mask", pair, lambda a, b: np.where(a > b, a > 0, b > 0))
case(L, "reshape_of_mask_is_a_mask", pair, lambda a, b: (a > 0).reshape(2, 6).T)
case(L, "astype_bool_and_int", [inp("a", [4], fixed([-1.7, 0.0, 2.9, np.nan]))], lambda a: [a.astype(bool), a[:3].astype(int)])

# ---- 2. elementwise maths ------------------------------------------------------------------------------
M = "maths"
case(M, "round_half_to_even", [inp("x", [7], fixed([0.5, 1.5, 2.5, -0.5, -1.5, 0.49999999999999994, -2.5]))], np.round)
case(M, "round_decimals", [inp("x", [4], fixed([2.675, 1.005, -0.125, 0.015]))], lambda x: np.round(x, 2))
case(M, "round_negative_decimals", [inp("x", [3], fixed([1234.5678, 1250.0, -1350.0]))], lambda x: np.round(x, -2))
case(M, "floor_ceil_trunc", [inp("x", [4], fixed([-1.5, -0.2, 0.2, 1.5]))], lambda x: [np.floor(x), np.ceil(x), np.trunc(x)])
case(M, "mod_signs_and_zero", [inp("a", [6], fixed([5.0, -5.0, 5.0, 6.0, -6.0, 1.0])), inp("b", [6], fixed([3.0, 3.0, -3.0, 3.0, 3.0, 0.0]))], np.mod)
case(M, "mod_infinite_divisor", [inp("a", [2], fixed([5.0, -5.0])), inp("b", [2], fixed([np.inf, np.inf]))], np.mod)
case(M, "log_family", [inp("x", [4], fixed([1.0, 8.0, 1e-10, 1000.0]))], lambda x: [np.log2(x), np.log10(x), np.log1p(x), np.expm1(x / 1000)])
case(M, "tan", [inp("x", [4], fixed([0.0, 0.5, -1.0, 1.5]))], np.tan)
case(M, "solve_singular", [inp("A", [2, 2], fixed([1.0, 2.0, 2.0, 4.0])), inp("b", [2])], np.linalg.solve)
case(M, "inv_singular", [inp("A", [2, 2], fixed([1.0, 2.0, 2.0, 4.0]))], np.linalg.inv)
case(M, "solve_not_square", [inp("A", [2, 3]), inp("b", [2])], np.linalg.solve)
case(M, "solve_not_aligned", [inp("A", [3, 3]), inp("b", [2])], np.linalg.solve)
case(M, "inv_identity", [], lambda: np.linalg.inv(np.eye(3)))

# ---- 3. printing ---------------------------------------------------------------------------------------
T = "printing"
printed(T, "wraps_at_75", [], lambda: np.arange(30.0) * 1.5)
printed(T, "wraps_2d_rows", [], lambda: np.arange(40.0).reshape(2, 20) / 7)
printed(T, "wraps_negative_values", [inp("x", [20], randn(100.0))], lambda x: x)
printed(T, "summarised_1d", [], lambda: np.arange(2000.0) / 2000 + 1)
printed(T, "summarised_2d_rows", [], lambda: (np.arange(2000.0) / 2000 + 1).reshape(1000, 2))
printed(T, "summarised_2d_columns", [], lambda: np.arange(2000.0).reshape(2, 1000))
printed(T, "summarised_3d", [], lambda: np.arange(8000.0).reshape(20, 20, 20))
printed(T, "summarised_long_numbers_shape_on_new_line", [], lambda: np.arange(1001.0) * -123456.789)
printed(T, "scientific_unit", [], lambda: np.array([1e-5, 1.0]))
printed(T, "scientific_padded_mantissa", [], lambda: np.array([1.5e-5, 1.0]))
printed(T, "scientific_three_digit_exponent", [], lambda: np.array([1e-5, 1e100]))
printed(T, "scientific_large", [], lambda: np.array([1e8, 1.0]))
printed(T, "scientific_wide_range", [], lambda: np.array([1234.5, 0.001]))
printed(T, "scientific_with_nan_and_inf", [], lambda: np.array([1e-7, np.nan, -np.inf, 2.0]))
printed(T, "scientific_negative_zero", [], lambda: np.array([-0.0, 1e-6]))
printed(T, "fixed_negative_zero", [], lambda: np.array([-0.0, 0.0, 1.5]))
printed(T, "fixed_tie_rounds_to_even", [], lambda: np.array([0.001953125, 0.5]))
printed(T, "fixed_shortest_digits", [], lambda: np.array([0.1 + 0.2, 1 / 3, 12345678.9]))
printed(T, "fixed_rounds_to_integer", [], lambda: np.array([0.999999999, 2.0]))
printed(T, "fixed_random", [inp("x", [3, 3])], lambda x: x / 7)
printed(T, "nan_inf_only", [], lambda: np.array([np.nan, np.inf]))
printed(T, "nan_negative_inf_only", [], lambda: np.array([np.nan, -np.inf]))
printed(T, "zero_d", [], lambda: np.array(3.25))
printed(T, "zero_d_scientific", [], lambda: np.array(1e-9))
printed(T, "bool_1d", [], lambda: np.array([True, False, True]))
printed(T, "bool_all_true", [], lambda: np.array([True, True]))
printed(T, "bool_2d", [inp("x", [3, 4])], lambda x: x > 0)
printed(T, "bool_0d", [], lambda: np.array(False))
printed(T, "bool_wraps", [], lambda: np.arange(20) % 3 == 0)
printed(T, "empty_1d", [], lambda: np.zeros(0))
printed(T, "empty_2d", [], lambda: np.zeros((0, 3)))
printed(T, "empty_columns", [], lambda: np.zeros((2, 0)))
printed(T, "empty_bool", [], lambda: np.zeros(0, dtype=bool))
printed(T, "integers_as_floats", [], lambda: np.arange(12.0).reshape(3, 4))
printed(T, "large_integers", [], lambda: np.array([1e7, 2.0, 99999999.0]))


def main():
    tf.write_fixtures(CASES, OUT_DIR, run_case, f'"generator":"tools/numpy-fixtures.py","numpy":"{np.__version__}"')


if __name__ == "__main__":
    main()
