#!/usr/bin/python3
"""PyTorch float64 reference values for every Stepbook op: forward output and gradients.

Run from the repository root with Debian's Python (packages python3-torch and python3-numpy):

    /usr/bin/python3 tools/torch-fixtures.py

It rewrites tests/fixtures/torch/*.json; tests/kernel/ops/torch-reference.test.ts reads them and runs
the same computation with our `np`. The output is deterministic (same bytes on every run): inputs come
from numpy's RandomState seeded by the case name, rounded to 3 decimals so the files stay small and
readable. Commit the regenerated files together with the change that needed them.

Each case stores its inputs (those with "grad": true are differentiated), the forward output `out`,
a fixed weight array `weight` of the output's shape, and `grads`: d/d(input) of sum(out * weight).
JSON has no NaN or Infinity, so those are written as the strings "NaN", "Infinity", "-Infinity".
"""
import json
import math
import os
import zlib

import numpy as np
import torch

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures", "torch")
torch.set_num_threads(1)  # one thread: reductions add up in the same order every run


# ---- input makers: each takes a RandomState and a shape ------------------------------------------
def randn(scale=1.0):
    return lambda rng, shape: np.round(scale * rng.randn(*shape), 3)


def positive(lo=0.5, hi=2.0):
    return lambda rng, shape: np.round(rng.uniform(lo, hi, shape), 3)


def away_from_zero(lo=0.2, hi=2.0):
    """Values with |x| >= lo: relu, abs, clip and division are differentiable there."""
    return lambda rng, shape: np.round(rng.choice([-1.0, 1.0], shape) * rng.uniform(lo, hi, shape), 3)


def fixed(values):
    return lambda rng, shape: np.array(values, dtype=np.float64).reshape(shape)


def inp(name, shape, make=randn(), grad=True):
    return {"name": name, "shape": list(shape), "make": make, "grad": grad}


CASES = {}  # file name -> list of (case name, inputs, torch function)


def case(file, name, inputs, fn):
    group = CASES.setdefault(file, [])
    if any(c[0] == name for cs in CASES.values() for c in cs):
        raise ValueError(f"duplicate case {name}")
    group.append((name, inputs, fn))


# ---- elementwise -----------------------------------------------------------------------------------
E = "elementwise"
case(E, "add", [inp("a", [3, 4]), inp("b", [3, 4])], lambda a, b: a + b)
case(E, "add_broadcast_row", [inp("a", [3, 4]), inp("b", [4])], lambda a, b: a + b)
case(E, "add_broadcast_both", [inp("a", [2, 1, 3]), inp("b", [4, 1])], lambda a, b: a + b)
case(E, "add_scalar_tensor", [inp("a", [3, 4]), inp("b", [])], lambda a, b: a + b)
case(E, "sub", [inp("a", [3, 4]), inp("b", [3, 4])], lambda a, b: a - b)
case(E, "sub_broadcast_column", [inp("a", [3, 4]), inp("b", [3, 1])], lambda a, b: a - b)
case(E, "mul", [inp("a", [3, 4]), inp("b", [3, 4])], lambda a, b: a * b)
case(E, "mul_broadcast", [inp("a", [4, 1, 3]), inp("b", [2, 3])], lambda a, b: a * b)
case(E, "div", [inp("a", [3, 4]), inp("b", [3, 4], away_from_zero(0.5))], lambda a, b: a / b)
case(E, "div_broadcast", [inp("a", [3, 4]), inp("b", [4], away_from_zero(0.5))], lambda a, b: a / b)
case(E, "pow", [inp("a", [3, 4], positive()), inp("b", [3, 4])], lambda a, b: a ** b)
case(E, "pow_broadcast", [inp("a", [3, 4], positive()), inp("b", [4])], lambda a, b: a ** b)
case(E, "pow_const_2", [inp("x", [3, 4])], lambda x: x ** 2)
case(E, "pow_const_3", [inp("x", [3, 4])], lambda x: x ** 3)
case(E, "pow_const_half", [inp("x", [3, 4], positive())], lambda x: x ** 0.5)
case(E, "pow_const_neg1", [inp("x", [3, 4], away_from_zero(0.5))], lambda x: x ** -1)
case(E, "pow_zero_base", [inp("a", [4], fixed([0.0, 0.0, 2.0, 0.0])), inp("b", [4], fixed([2.0, 0.5, 3.0, 0.0]))], lambda a, b: a ** b)
case(E, "pow_const_0", [inp("x", [3], fixed([0.0, 1.5, -2.0]))], lambda x: x ** 0)
case(E, "square", [inp("x", [3, 4])], lambda x: x ** 2)
case(E, "negative", [inp("x", [3, 4])], lambda x: -x)
case(E, "exp", [inp("x", [3, 4], randn(2.0))], torch.exp)
case(E, "log", [inp("x", [3, 4], positive(0.1, 5.0))], torch.log)
case(E, "sqrt", [inp("x", [3, 4], positive(0.1, 5.0))], torch.sqrt)
case(E, "abs", [inp("x", [3, 4], away_from_zero())], torch.abs)
case(E, "tanh", [inp("x", [3, 4], randn(2.0))], torch.tanh)
case(E, "sin", [inp("x", [3, 4], randn(3.0))], torch.sin)
case(E, "cos", [inp("x", [3, 4], randn(3.0))], torch.cos)
case(E, "sigmoid", [inp("x", [3, 4], randn(3.0))], torch.sigmoid)
case(E, "sigmoid_saturated", [inp("x", [6], fixed([-40.0, -30.0, -5.0, 5.0, 30.0, 40.0]))], torch.sigmoid)
case(E, "relu", [inp("x", [3, 4], away_from_zero())], torch.relu)
ties = lambda rng, shape: np.round(rng.randn(*shape), 3) * np.array([0.0, 1, 1, 1] * (int(np.prod(shape)) // 4)).reshape(shape)
case(E, "maximum", [inp("a", [3, 4]), inp("b", [3, 4])], torch.maximum)
case(E, "maximum_ties", [inp("a", [3, 4], ties), inp("b", [3, 4], ties)], torch.maximum)
case(E, "maximum_broadcast", [inp("a", [3, 4]), inp("b", [4])], torch.maximum)
case(E, "maximum_with_zero", [inp("x", [3, 4], away_from_zero())], lambda x: torch.maximum(x, torch.tensor(0.0, dtype=x.dtype)))
case(E, "minimum", [inp("a", [3, 4]), inp("b", [3, 4])], torch.minimum)
case(E, "minimum_ties", [inp("a", [3, 4], ties), inp("b", [3, 4], ties)], torch.minimum)
case(E, "minimum_broadcast", [inp("a", [3, 1]), inp("b", [3, 4])], torch.minimum)
coin = lambda rng, shape: rng.randint(0, 2, shape).astype(np.float64)
case(E, "where", [inp("cond", [3, 4], coin, grad=False), inp("a", [3, 4]), inp("b", [3, 4])],
     lambda c, a, b: torch.where(c != 0, a, b))
case(E, "where_broadcast", [inp("cond", [3, 1], coin, grad=False), inp("a", [3, 4]), inp("b", [4])],
     lambda c, a, b: torch.where(c != 0, a, b))
def away_from_bounds(rng, shape):
    """clip is not differentiable at its bounds (-1, 0 and 1 here): keep values 0.05 away from them."""
    x = away_from_zero(0.05, 2.0)(rng, shape)
    return np.where(np.abs(np.abs(x) - 1) < 0.05, x * 0.8, x)


case(E, "clip", [inp("x", [3, 4], away_from_bounds)], lambda x: torch.clamp(x, -1.0, 1.0))
case(E, "clip_min_only", [inp("x", [3, 4], away_from_bounds)], lambda x: torch.clamp(x, min=0.0))
# NaN and Infinity are values: they flow through forward and backward like any number
case(E, "exp_overflow", [inp("x", [4], fixed([1000.0, -1000.0, 0.0, 1.0]))], torch.exp)
case(E, "log_of_zero_and_negative", [inp("x", [4], fixed([0.0, -1.0, 1.0, 2.0]))], torch.log)
case(E, "div_by_zero", [inp("a", [4], fixed([0.0, 1.0, -1.0, 2.0])), inp("b", [4], fixed([0.0, 0.0, 0.0, 4.0]))],
     lambda a, b: a / b)

# ---- reductions ------------------------------------------------------------------------------------
R = "reductions"
case(R, "sum_all", [inp("x", [3, 4])], torch.sum)
case(R, "sum_axis_0", [inp("x", [3, 4])], lambda x: x.sum(dim=0))
case(R, "sum_axis_1", [inp("x", [3, 4])], lambda x: x.sum(dim=1))
case(R, "sum_axis_neg1", [inp("x", [2, 3, 4])], lambda x: x.sum(dim=-1))
case(R, "sum_axis_1_keepdims", [inp("x", [3, 4])], lambda x: x.sum(dim=1, keepdim=True))
case(R, "sum_axes_0_2", [inp("x", [2, 3, 4])], lambda x: x.sum(dim=[0, 2]))
case(R, "sum_axes_neg1_neg3_keepdims", [inp("x", [2, 3, 4])], lambda x: x.sum(dim=[-1, -3], keepdim=True))
case(R, "mean_all", [inp("x", [3, 4])], torch.mean)
case(R, "mean_axis_0", [inp("x", [3, 4])], lambda x: x.mean(dim=0))
case(R, "mean_axes_0_1_keepdims", [inp("x", [2, 3, 4])], lambda x: x.mean(dim=[0, 1], keepdim=True))
tied = fixed([1.0, 3.0, 3.0, -2.0, 0.5, 0.5, 0.5, 0.25, -1.0, 2.0, -1.0, 2.0])
case(R, "max_all", [inp("x", [3, 4])], torch.amax)
case(R, "max_all_ties", [inp("x", [3, 4], tied)], torch.amax)
case(R, "max_axis_1_ties", [inp("x", [3, 4], tied)], lambda x: torch.amax(x, dim=1))
case(R, "max_axis_0_keepdims", [inp("x", [3, 4])], lambda x: torch.amax(x, dim=0, keepdim=True))
case(R, "max_axes_0_2", [inp("x", [2, 3, 4])], lambda x: torch.amax(x, dim=[0, 2]))
case(R, "min_all", [inp("x", [3, 4])], torch.amin)
case(R, "min_axis_0_ties", [inp("x", [3, 4], tied)], lambda x: torch.amin(x, dim=0))
case(R, "min_axis_neg1_keepdims", [inp("x", [2, 3, 4])], lambda x: torch.amin(x, dim=-1, keepdim=True))
case(R, "var_all", [inp("x", [3, 4])], lambda x: torch.var(x, unbiased=False))
case(R, "var_axis_0", [inp("x", [3, 4])], lambda x: torch.var(x, dim=0, unbiased=False))
case(R, "var_axis_1_ddof_1", [inp("x", [3, 4])], lambda x: torch.var(x, dim=1, unbiased=True))
case(R, "std_all", [inp("x", [3, 4])], lambda x: torch.std(x, unbiased=False))
case(R, "std_axis_1_keepdims", [inp("x", [3, 4])], lambda x: torch.std(x, dim=1, unbiased=False, keepdim=True))
case(R, "logsumexp_last_axis", [inp("x", [3, 4], randn(2.0))], lambda x: torch.logsumexp(x, dim=-1))
case(R, "logsumexp_axis_0_keepdims", [inp("x", [3, 4], randn(2.0))], lambda x: torch.logsumexp(x, dim=0, keepdim=True))
case(R, "logsumexp_large", [inp("x", [2, 3], fixed([1000.0, 999.0, 998.0, -1000.0, -1001.0, -999.5]))],
     lambda x: torch.logsumexp(x, dim=-1))

# ---- products --------------------------------------------------------------------------------------
P = "products"
case(P, "matmul_2d", [inp("a", [3, 4]), inp("b", [4, 2])], torch.matmul)
case(P, "matmul_batched", [inp("a", [2, 3, 4]), inp("b", [2, 4, 5])], torch.matmul)
case(P, "matmul_batch_broadcast", [inp("a", [2, 1, 3, 4]), inp("b", [5, 4, 2])], torch.matmul)
case(P, "matmul_batched_times_2d", [inp("a", [2, 3, 4]), inp("b", [4, 2])], torch.matmul)
case(P, "matmul_1d_left", [inp("a", [4]), inp("b", [4, 3])], torch.matmul)
case(P, "matmul_1d_right", [inp("a", [3, 4]), inp("b", [4])], torch.matmul)
case(P, "matmul_1d_both", [inp("a", [4]), inp("b", [4])], torch.matmul)
case(P, "matmul_batched_1d_right", [inp("a", [2, 3, 4]), inp("b", [4])], torch.matmul)
case(P, "dot_1d", [inp("a", [5]), inp("b", [5])], torch.dot)
case(P, "dot_2d", [inp("a", [3, 4]), inp("b", [4, 2])], torch.mm)
case(P, "outer", [inp("a", [3]), inp("b", [4])], torch.outer)

# ---- shapes ----------------------------------------------------------------------------------------
S = "shapes"
case(S, "transpose_2d", [inp("x", [3, 4])], lambda x: x.T)
case(S, "transpose_3d_reverse", [inp("x", [2, 3, 4])], lambda x: x.permute(2, 1, 0))
case(S, "transpose_3d_axes_2_0_1", [inp("x", [2, 3, 4])], lambda x: x.permute(2, 0, 1))
case(S, "copy", [inp("x", [3, 4])], torch.clone)
case(S, "reshape", [inp("x", [3, 4])], lambda x: x.reshape(2, 6))
case(S, "reshape_infer", [inp("x", [3, 4])], lambda x: x.reshape(2, -1, 3))
case(S, "broadcast_to_rows", [inp("x", [4])], lambda x: x.broadcast_to(3, 4))
case(S, "broadcast_to_3d", [inp("x", [3, 1])], lambda x: x.broadcast_to(2, 3, 4))
case(S, "concatenate_axis_0", [inp("a", [2, 3]), inp("b", [1, 3]), inp("c", [3, 3])], lambda a, b, c: torch.cat([a, b, c], 0))
case(S, "concatenate_axis_1", [inp("a", [2, 3]), inp("b", [2, 2])], lambda a, b: torch.cat([a, b], 1))
case(S, "concatenate_axis_neg1_3d", [inp("a", [2, 2, 1]), inp("b", [2, 2, 3])], lambda a, b: torch.cat([a, b], -1))
case(S, "stack_axis_0", [inp("a", [3, 4]), inp("b", [3, 4]), inp("c", [3, 4])], lambda a, b, c: torch.stack([a, b, c], 0))
case(S, "stack_axis_1", [inp("a", [3, 4]), inp("b", [3, 4])], lambda a, b: torch.stack([a, b], 1))
case(S, "stack_axis_neg1", [inp("a", [3, 4]), inp("b", [3, 4])], lambda a, b: torch.stack([a, b], -1))

# ---- indexing (numpy semantics; torch agrees on these) ---------------------------------------------
I = "indexing"
case(I, "index_row", [inp("x", [4, 3])], lambda x: x[1])
case(I, "index_negative_row", [inp("x", [4, 3])], lambda x: x[-1])
case(I, "index_element", [inp("x", [4, 3])], lambda x: x[2, -1])
case(I, "slice_rows", [inp("x", [5, 3])], lambda x: x[1:3])
case(I, "slice_column", [inp("x", [4, 3])], lambda x: x[:, 1])
case(I, "slice_columns", [inp("x", [4, 5])], lambda x: x[:, 1:4])
case(I, "slice_step", [inp("x", [5, 3])], lambda x: x[::2])
case(I, "slice_reversed", [inp("x", [5, 3])], lambda x: x.flip(0))  # x[::-1]
case(I, "slice_negative_bounds_and_step", [inp("x", [5, 6])], lambda x: x[-4:-1, ::3])
case(I, "fancy_rows_repeated", [inp("x", [4, 3])], lambda x: x[[2, 0, 2]])
case(I, "fancy_rows_then_column", [inp("x", [4, 3])], lambda x: x[[0, 3], 1])
case(I, "fancy_columns", [inp("x", [4, 3])], lambda x: x[:, [2, 0]])
case(I, "take_columns", [inp("x", [4, 3])], lambda x: x[:, [1, 1, 0]])
labels = lambda rng, shape: rng.randint(0, 3, shape).astype(np.float64)
case(I, "zipped_arange_labels", [inp("P", [5, 3]), inp("y", [5], labels, grad=False)],
     lambda p, y: p[torch.arange(5), y.long()])

# ---- numpy functions added for issue #10 (values and gradients against PyTorch) ----------------------
E2 = "elementwise-more"
case(E2, "tan", [inp("x", [3, 4], lambda rng, s: np.round(rng.uniform(-1.2, 1.2, s), 3))], torch.tan)
case(E2, "log1p", [inp("x", [3, 4], lambda rng, s: np.round(rng.uniform(-0.9, 3.0, s), 3))], torch.log1p)
case(E2, "log1p_tiny", [inp("x", [3], fixed([1e-17, -1e-12, 1e-300]))], torch.log1p)
case(E2, "expm1", [inp("x", [3, 4], randn(2.0))], torch.expm1)
case(E2, "expm1_tiny", [inp("x", [3], fixed([1e-17, -1e-12, 1e-300]))], torch.expm1)
case(E2, "log2", [inp("x", [3, 4], positive(0.1, 9.0))], torch.log2)
case(E2, "log2_powers_of_two", [inp("x", [4], fixed([1.0, 8.0, 0.25, 1024.0]))], torch.log2)
case(E2, "log10", [inp("x", [3, 4], positive(0.1, 9.0))], torch.log10)
case(E2, "log10_powers_of_ten", [inp("x", [4], fixed([1.0, 10.0, 0.001, 1e6]))], torch.log10)
case(E2, "mod", [inp("a", [3, 4], randn(4.0)), inp("b", [3, 4], away_from_zero(0.5, 3.0))], torch.remainder)
case(E2, "mod_broadcast", [inp("a", [3, 4], randn(4.0)), inp("b", [4], away_from_zero(0.5, 3.0))], torch.remainder)
case(E2, "mod_signs", [inp("a", [4], fixed([5.0, -5.0, 5.0, -5.0])), inp("b", [4], fixed([3.0, 3.0, -3.0, -3.0]))], torch.remainder)
# the tie rules: clip passes the whole gradient at a bound (clamp); relu and abs pass none at 0;
# maximum/minimum split it at a tie (see maximum_ties above); max/min split it among equal maxima
case(E2, "clip_at_bounds", [inp("x", [6], fixed([-1.0, -1.5, 0.2, 1.0, 1.5, 1.0]))], lambda x: torch.clamp(x, -1.0, 1.0))
case(E2, "clip_max_only_at_bound", [inp("x", [4], fixed([0.5, 0.7, 0.9, -3.0]))], lambda x: torch.clamp(x, max=0.7))
case(E2, "clip_min_above_max", [inp("x", [4], fixed([-1.0, 0.0, 0.5, 2.0]))], lambda x: torch.clamp(x, 1.0, 0.0))
case(E2, "relu_at_zero", [inp("x", [4], fixed([0.0, -0.0, 1.0, -1.0]))], torch.relu)
case(E2, "abs_at_zero", [inp("x", [4], fixed([0.0, -0.0, 2.0, -2.0]))], torch.abs)

R2 = "reductions-more"
case(R2, "prod_all", [inp("x", [3, 4], positive(0.5, 1.5))], torch.prod)
case(R2, "prod_axis_1", [inp("x", [3, 4])], lambda x: torch.prod(x, dim=1))
case(R2, "prod_axis_0_keepdims", [inp("x", [3, 4])], lambda x: torch.prod(x, dim=0, keepdim=True))
case(R2, "prod_one_zero", [inp("x", [2, 3], fixed([1.5, 0.0, 2.0, -1.0, 3.0, 0.5]))], lambda x: torch.prod(x, dim=1))
case(R2, "prod_two_zeros", [inp("x", [4], fixed([0.0, 2.0, 0.0, 3.0]))], torch.prod)
case(R2, "prod_axes_0_2", [inp("x", [2, 3, 4], positive(0.5, 1.5))], lambda x: torch.prod(torch.prod(x, dim=2), dim=0))
case(R2, "cumsum_axis_0", [inp("x", [3, 4])], lambda x: torch.cumsum(x, dim=0))
case(R2, "cumsum_axis_neg1", [inp("x", [2, 3, 4])], lambda x: torch.cumsum(x, dim=-1))
case(R2, "cumsum_flattened", [inp("x", [3, 4])], lambda x: torch.cumsum(x.flatten(), dim=0))
case(R2, "logsumexp_all_neg_inf", [inp("x", [2, 3], fixed([-math.inf] * 3 + [0.5, -1.0, 2.0]))], lambda x: torch.logsumexp(x, dim=-1))
case(R2, "logsumexp_pos_inf", [inp("x", [3], fixed([math.inf, 1.0, 2.0]))], lambda x: torch.logsumexp(x, dim=-1))
case(R2, "sort_last_axis", [inp("x", [3, 4])], lambda x: torch.sort(x, dim=-1, stable=True).values)
case(R2, "sort_axis_0_ties", [inp("x", [3, 4], tied)], lambda x: torch.sort(x, dim=0, stable=True).values)
case(R2, "sort_flattened", [inp("x", [3, 4])], lambda x: torch.sort(x.flatten(), stable=True).values)
case(R2, "median_odd_axis_1", [inp("x", [4, 5])], lambda x: torch.median(x, dim=1).values)
case(R2, "median_even_axis_1", [inp("x", [3, 4])], lambda x: torch.quantile(x, 0.5, dim=1))
case(R2, "median_all", [inp("x", [3, 5])], lambda x: torch.median(x))
case(R2, "quantile_axis_0", [inp("x", [5, 3])], lambda x: torch.quantile(x, 0.3, dim=0))
case(R2, "quantile_list", [inp("x", [7])], lambda x: torch.quantile(x, torch.tensor([0.1, 0.5, 0.95], dtype=x.dtype)))
case(R2, "percentile_keepdims", [inp("x", [3, 6])], lambda x: torch.quantile(x, 0.9, dim=1, keepdim=True))
case(R2, "norm_vector", [inp("x", [5])], torch.linalg.vector_norm)
case(R2, "norm_vector_zero", [inp("x", [3], fixed([0.0, 0.0, 0.0]))], torch.linalg.vector_norm)
case(R2, "norm_all_2d", [inp("x", [3, 4])], lambda x: torch.linalg.vector_norm(x))
case(R2, "norm_axis_1", [inp("x", [3, 4])], lambda x: torch.linalg.vector_norm(x, dim=1))
case(R2, "norm_ord_1_axis_0_keepdims", [inp("x", [3, 4], away_from_zero())], lambda x: torch.linalg.vector_norm(x, ord=1, dim=0, keepdim=True))
case(R2, "norm_ord_3", [inp("x", [6], away_from_zero())], lambda x: torch.linalg.vector_norm(x, ord=3))
case(R2, "norm_ord_inf", [inp("x", [6])], lambda x: torch.linalg.vector_norm(x, ord=math.inf))
case(R2, "norm_ord_neg_inf", [inp("x", [6], away_from_zero())], lambda x: torch.linalg.vector_norm(x, ord=-math.inf))
case(R2, "norm_fro", [inp("x", [3, 4])], lambda x: torch.linalg.matrix_norm(x, ord="fro"))
case(R2, "norm_matrix_1", [inp("x", [3, 4], away_from_zero())], lambda x: torch.linalg.matrix_norm(x, ord=1))
case(R2, "norm_matrix_inf", [inp("x", [3, 4], away_from_zero())], lambda x: torch.linalg.matrix_norm(x, ord=math.inf))
case(R2, "norm_matrix_neg_1", [inp("x", [3, 4], away_from_zero())], lambda x: torch.linalg.matrix_norm(x, ord=-1))

S2 = "shapes-more"
case(S2, "swapaxes", [inp("x", [2, 3, 4])], lambda x: torch.swapaxes(x, 0, 2))
case(S2, "vstack_1d", [inp("a", [3]), inp("b", [3])], lambda a, b: torch.vstack([a, b]))
case(S2, "vstack_2d", [inp("a", [2, 3]), inp("b", [1, 3])], lambda a, b: torch.vstack([a, b]))
case(S2, "hstack_1d", [inp("a", [3]), inp("b", [2])], lambda a, b: torch.hstack([a, b]))
case(S2, "hstack_2d", [inp("a", [3, 2]), inp("b", [3, 1])], lambda a, b: torch.hstack([a, b]))
case(S2, "repeat_flattened", [inp("x", [2, 3])], lambda x: torch.repeat_interleave(x.flatten(), 2))
case(S2, "repeat_axis_0", [inp("x", [2, 3])], lambda x: torch.repeat_interleave(x, 3, dim=0))
case(S2, "repeat_counts_axis_1", [inp("x", [2, 3])], lambda x: torch.repeat_interleave(x, torch.tensor([1, 0, 2]), dim=1))
case(S2, "tile_1d", [inp("x", [3])], lambda x: torch.tile(x, (2,)))
case(S2, "tile_2d", [inp("x", [2, 3])], lambda x: torch.tile(x, (2, 2)))
case(S2, "tile_more_reps", [inp("x", [3])], lambda x: torch.tile(x, (2, 1, 2)))
case(S2, "diag_build", [inp("v", [3])], torch.diag)
case(S2, "diag_build_k1", [inp("v", [3])], lambda v: torch.diag(v, 1))
case(S2, "diag_build_k_neg2", [inp("v", [2])], lambda v: torch.diag(v, -2))
case(S2, "diag_extract", [inp("x", [3, 4])], torch.diag)
case(S2, "diag_extract_k1", [inp("x", [3, 4])], lambda x: torch.diag(x, 1))
case(S2, "diag_extract_k_neg1", [inp("x", [4, 3])], lambda x: torch.diag(x, -1))
case(S2, "triu", [inp("x", [3, 4])], torch.triu)
case(S2, "triu_k1", [inp("x", [4, 4])], lambda x: torch.triu(x, 1))
case(S2, "tril", [inp("x", [3, 4])], torch.tril)
case(S2, "tril_k_neg1_batched", [inp("x", [2, 3, 3])], lambda x: torch.tril(x, -1))
case(S2, "meshgrid_xy", [inp("x", [3]), inp("y", [2])], lambda x, y: torch.stack(torch.meshgrid(x, y, indexing="xy")))
case(S2, "meshgrid_ij", [inp("x", [3]), inp("y", [2])], lambda x, y: torch.stack(torch.meshgrid(x, y, indexing="ij")))
case(S2, "concatenate_axis_none", [inp("a", [2, 2]), inp("b", [3])], lambda a, b: torch.cat([a.flatten(), b.flatten()]))
case(S2, "einsum_matmul", [inp("a", [3, 4]), inp("b", [4, 2])], lambda a, b: torch.einsum("ij,jk->ik", a, b))
case(S2, "einsum_inner", [inp("a", [5]), inp("b", [5])], lambda a, b: torch.einsum("i,i->", a, b))
case(S2, "einsum_outer", [inp("a", [3]), inp("b", [4])], lambda a, b: torch.einsum("i,j->ij", a, b))
case(S2, "einsum_batched", [inp("a", [2, 3, 4]), inp("b", [2, 4, 5])], lambda a, b: torch.einsum("bij,bjk->bik", a, b))
case(S2, "einsum_elementwise_sum", [inp("a", [3, 4]), inp("b", [3, 4])], lambda a, b: torch.einsum("ij,ij->", a, b))
case(S2, "einsum_rowwise_dot", [inp("a", [3, 4]), inp("b", [3, 4])], lambda a, b: torch.einsum("ij,ij->i", a, b))
case(S2, "einsum_a_bT", [inp("a", [3, 4]), inp("b", [2, 4])], lambda a, b: torch.einsum("ij,kj->ik", a, b))
case(S2, "einsum_implicit", [inp("a", [3, 4]), inp("b", [4, 2])], lambda a, b: torch.einsum("ij,jk", a, b))
case(S2, "einsum_transpose", [inp("a", [3, 4])], lambda a: torch.einsum("ij->ji", a))
case(S2, "einsum_sum_rows", [inp("a", [3, 4])], lambda a: torch.einsum("ij->i", a))
case(S2, "einsum_diagonal", [inp("a", [3, 3])], lambda a: torch.einsum("ii->i", a))
case(S2, "einsum_trace", [inp("a", [3, 3])], lambda a: torch.einsum("ii", a))
case(S2, "einsum_three_operands", [inp("a", [2, 3]), inp("b", [3, 4]), inp("c", [4, 2])], lambda a, b, c: torch.einsum("ij,jk,kl->il", a, b, c))
case(S2, "einsum_contract_then_keep", [inp("a", [2, 3, 4]), inp("b", [4, 3])], lambda a, b: torch.einsum("ijk,kj->i", a, b))

I2 = "indexing-more"
case(I2, "mask_select", [inp("x", [3, 4])], lambda x: x[x > 0])
case(I2, "mask_rows", [inp("x", [4, 3]), inp("m", [4], fixed([1.0, 0.0, 1.0, 1.0]), grad=False)], lambda x, m: x[m != 0])
case(I2, "mask_2d_of_3d", [inp("x", [2, 3, 2]), inp("m", [2, 3], fixed([1.0, 0.0, 0.0, 1.0, 1.0, 0.0]), grad=False)], lambda x, m: x[m != 0])
case(I2, "mask_on_axis_1", [inp("x", [3, 4]), inp("m", [4], fixed([0.0, 1.0, 1.0, 0.0]), grad=False)], lambda x, m: x[:, m != 0])
idx2 = fixed([0.0, 2.0, 1.0, 1.0, 3.0, 0.0])
case(I2, "index_array_2d", [inp("x", [4, 3]), inp("i", [2, 3], idx2, grad=False)], lambda x, i: x[i.long()])
case(I2, "index_array_2d_on_axis_1", [inp("x", [3, 4]), inp("i", [2, 3], idx2, grad=False)], lambda x, i: x[:, i.long()])
case(I2, "index_arrays_broadcast", [inp("x", [4, 3])], lambda x: x[torch.tensor([0, 1, 2]), torch.tensor([0])])
case(I2, "index_arrays_broadcast_2d", [inp("x", [4, 3])], lambda x: x[torch.tensor([[0], [3]]), torch.tensor([0, 2, 1])])
case(I2, "index_arrays_separated_by_slice", [inp("x", [3, 4, 5])], lambda x: x[torch.tensor([0, 2]), :, torch.tensor([1, 4])])
case(I2, "index_arrays_adjacent_after_slice", [inp("x", [3, 4, 5])], lambda x: x[:, torch.tensor([0, 2]), torch.tensor([1, 4])])
case(I2, "index_ellipsis", [inp("x", [2, 3, 4])], lambda x: x[..., 1])
case(I2, "index_newaxis", [inp("x", [3, 4])], lambda x: x[:, None, 1:3])
case(I2, "take_flattened", [inp("x", [3, 4])], lambda x: torch.take(x, torch.tensor([0, 5, 11, 5])))
case(I2, "take_2d_indices_axis_1", [inp("x", [3, 4]), inp("i", [2, 3], idx2, grad=False)], lambda x, i: x[:, i.long()])
case(I2, "take_along_axis", [inp("x", [3, 4]), inp("i", [3, 2], fixed([3.0, 0.0, 1.0, 1.0, 2.0, 0.0]), grad=False)],
     lambda x, i: torch.take_along_dim(x, i.long(), dim=1))

P2 = "products-more"
# numpy's dot on N-D arrays sums over a's last axis and b's second-to-last: torch's tensordot on those
case(P2, "dot_3d_2d", [inp("a", [2, 3, 4]), inp("b", [4, 5])], lambda a, b: torch.tensordot(a, b, dims=([2], [0])))
case(P2, "dot_3d_3d", [inp("a", [2, 3, 4]), inp("b", [5, 4, 2])], lambda a, b: torch.tensordot(a, b, dims=([2], [1])))
case(P2, "dot_2d_3d", [inp("a", [3, 4]), inp("b", [2, 4, 5])], lambda a, b: torch.tensordot(a, b, dims=([1], [1])))
case(P2, "dot_3d_1d", [inp("a", [2, 3, 4]), inp("b", [4])], lambda a, b: torch.tensordot(a, b, dims=([2], [0])))

L2 = "linalg"
well = lambda rng, shape: np.round(rng.randn(*shape) + 3 * np.eye(shape[0]), 3)
case(L2, "solve_matrix", [inp("A", [3, 3], well), inp("B", [3, 2])], torch.linalg.solve)
case(L2, "solve_vector", [inp("A", [4, 4], well), inp("b", [4])], torch.linalg.solve)
case(L2, "solve_needs_pivoting", [inp("A", [3, 3], fixed([0.0, 2.0, 1.0, 1.0, 1.0, 0.0, 3.0, 0.0, 1.0])), inp("b", [3])], torch.linalg.solve)
case(L2, "inv", [inp("A", [3, 3], well)], torch.linalg.inv)


def normal_equations(X, y):
    """Least squares by the normal equations, as a linear-regression lesson writes it: w = (XᵀX)⁻¹ Xᵀy."""
    return torch.linalg.solve(X.T @ X, X.T @ y)


case(L2, "lesson_normal_equations", [inp("X", [8, 3]), inp("y", [8])], normal_equations)


# ---- neural-network pieces and whole lessons ---------------------------------------------------------
N = "nn"
case(N, "softmax_last_axis", [inp("z", [4, 3], randn(2.0))], lambda z: torch.softmax(z, dim=-1))
case(N, "softmax_axis_0", [inp("z", [4, 3], randn(2.0))], lambda z: torch.softmax(z, dim=0))
case(N, "softmax_large_logits", [inp("z", [2, 3], fixed([1000.0, 999.0, 998.0, -1000.0, -1001.0, -999.5]))],
     lambda z: torch.softmax(z, dim=-1))
case(N, "log_softmax_last_axis", [inp("z", [4, 3], randn(2.0))], lambda z: torch.log_softmax(z, dim=-1))
case(N, "log_softmax_axis_0", [inp("z", [4, 3], randn(2.0))], lambda z: torch.log_softmax(z, dim=0))


def mlp_mse(X, Y, W1, b1, W2, b2):
    """A 2-layer tanh network and its mean squared error, as the regression lesson writes it."""
    A1 = torch.tanh(X @ W1 + b1)
    Yhat = A1 @ W2 + b2
    return ((Yhat - Y) ** 2).mean()


case(N, "lesson_mlp_tanh_mse",
     [inp("X", [8, 2], grad=False), inp("Y", [8, 1], grad=False),
      inp("W1", [2, 5], randn(0.5)), inp("b1", [5], randn(0.1)), inp("W2", [5, 1], randn(0.5)), inp("b2", [1], randn(0.1))],
     mlp_mse)

one_hot = lambda rng, shape: np.eye(shape[1])[rng.randint(0, shape[1], shape[0])]


def softmax_cross_entropy(X, Y, W, b):
    """Softmax of X W + b and the categorical cross-entropy with one-hot labels Y, averaged over rows."""
    P = torch.softmax(X @ W + b, dim=-1)
    return -(Y * torch.log(P)).sum(dim=1).mean()


case(N, "lesson_softmax_cross_entropy",
     [inp("X", [6, 2], grad=False), inp("Y", [6, 3], one_hot, grad=False), inp("W", [2, 3]), inp("b", [3], randn(0.1))],
     softmax_cross_entropy)


# ---- fused losses: torch's own, with probabilities (or one-hot rows) as targets ----------------------
def probability_rows(rng, shape):
    e = np.exp(rng.randn(*shape))
    return np.round(e / e.sum(axis=1, keepdims=True), 3)


F = torch.nn.functional
case(N, "softmax_cross_entropy_one_hot", [inp("z", [6, 3], randn(2.0)), inp("Y", [6, 3], one_hot, grad=False)],
     lambda z, Y: F.cross_entropy(z, Y))
case(N, "softmax_cross_entropy_probabilities", [inp("z", [5, 4], randn(2.0)), inp("Y", [5, 4], probability_rows)],
     lambda z, Y: F.cross_entropy(z, Y))
case(N, "softmax_cross_entropy_large_logits",
     [inp("z", [2, 3], fixed([1000.0, 999.0, 998.0, -1000.0, -1001.0, -999.5])), inp("Y", [2, 3], fixed([1, 0, 0, 0, 0, 1]), grad=False)],
     lambda z, Y: F.cross_entropy(z, Y))
case(N, "sigmoid_bce_with_logits", [inp("z", [4, 3], randn(3.0)), inp("y", [4, 3], positive(0.0, 1.0))],
     lambda z, y: F.binary_cross_entropy_with_logits(z, y))
case(N, "sigmoid_bce_with_logits_large",
     [inp("z", [4], fixed([800.0, -800.0, 40.0, -40.0])), inp("y", [4], fixed([1.0, 0.0, 0.0, 1.0]), grad=False)],
     lambda z, y: F.binary_cross_entropy_with_logits(z, y))


# ---- writing -----------------------------------------------------------------------------------------
def encode(v):
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


def as_json(t):
    a = t.detach().numpy() if isinstance(t, torch.Tensor) else t
    return {"shape": list(a.shape), "data": [encode(float(v)) for v in np.asarray(a, dtype=np.float64).ravel()]}


def run_case(name, inputs, fn):
    rng = np.random.RandomState(zlib.crc32(name.encode()))
    values = [np.asarray(spec["make"](rng, spec["shape"]), dtype=np.float64).reshape(spec["shape"]) for spec in inputs]
    tensors = [torch.tensor(v, dtype=torch.float64, requires_grad=spec["grad"]) for v, spec in zip(values, inputs)]
    out = fn(*tensors)
    weight = torch.tensor(np.round(rng.uniform(-1.5, 1.5, tuple(out.shape)), 3), dtype=torch.float64)
    (out * weight).sum().backward()
    return {
        "name": name,
        "inputs": [{"name": s["name"], "grad": s["grad"], **as_json(v)} for s, v in zip(inputs, values)],
        "out": as_json(out),
        "weight": as_json(weight),
        "grads": {s["name"]: as_json(t.grad) for s, t in zip(inputs, tensors) if s["grad"]},
    }


def write_fixtures(cases_by_file, out_dir, run, header):
    """One JSON file per group: `header` (the generator and its library's version), then one case a line."""
    os.makedirs(out_dir, exist_ok=True)
    for file, cases in cases_by_file.items():
        body = ",\n".join(json.dumps(run(*c), allow_nan=False, separators=(",", ":")) for c in cases)
        text = f'{{{header},"cases":[\n{body}\n]}}\n'
        path = os.path.join(out_dir, f"{file}.json")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        print(f"{os.path.relpath(path)}: {len(cases)} cases, {len(text)} bytes")


def main():
    write_fixtures(CASES, OUT_DIR, run_case, f'"generator":"tools/torch-fixtures.py","torch":"{torch.__version__}"')


if __name__ == "__main__":
    main()
