// `np`: the numpy-flavoured namespace a lesson's cells use. numpy's names (in camelCase) and argument
// order; shapes as arrays where numpy takes tuples; keyword arguments as an options object.
// Every function refuses what it does not implement rather than ignoring it: an unknown option is
// named by the function's own check, and an extra positional argument (numpy's dtype, out, ...)
// by `strictArity` below.
import * as F from "./ops/functional.ts";
import * as C from "./ops/composites.ts";
import * as A from "./ops/arrays.ts";
import * as S from "./ops/statistics.ts";
import * as L from "./ops/logic.ts";
import { einsum } from "./ops/einsum.ts";
import { softmaxCrossEntropy } from "./ops/softmax-cross-entropy.ts";
import { sigmoidBinaryCrossEntropy } from "./ops/sigmoid-binary-cross-entropy.ts";
import { linalg as linalgFunctions } from "./ops/linalg.ts";
import * as create from "./tensor/create.ts";
import { NEWAXIS } from "./tensor/indexing.ts";
import { Tensor } from "./tensor/tensor.ts";
import { RandomState } from "./tensor/random.ts";
import { noGrad } from "./autograd/mode.ts";
import { setBackend, getBackend } from "./tensor/backend.ts";
import { wasmReady } from "./wasm/backend.ts";
import { setNumThreads, getNumThreads, parallelInfo } from "./wasm/threads.ts";
import { gradcheck } from "./autograd/gradcheck.ts";
import { traceOf, activeTrace, markEpoch, markBatch } from "./trace/active.ts";
import type { Phase } from "./trace/record.ts";

export const random = new RandomState(0);

/** Label the steps `fn` records (e.g. a hand-written loss as "loss"); a no-op when no trace is on. */
function phase<T>(name: Phase, fn: () => T): T {
  const trace = activeTrace();
  return trace === null ? fn() : trace.withPhase(name, fn);
}

/** Functions that take any number of arguments (no arity to check). */
const VARIADIC = new Set(["slice", "meshgrid", "einsum"]);
/** Not numpy's, and not called with numpy's habits: left as they are. */
const NOT_NUMPY = new Set(["noGrad", "gradcheck", "trace", "phase"]);

/**
 * Each function of `ns`, refusing more arguments than it declares (`fn.length`: the functions
 * behind np declare optional parameters with `?`, not defaults, so that count is exact; a test
 * compares it with the TypeScript signatures). np.zeros([2], "float32") or np.clip(x, 0, 1, out)
 * would otherwise run with the extra argument silently dropped.
 */
function strictArity<T extends Record<string, unknown>>(prefix: string, ns: T): T {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(ns)) {
    if (typeof value !== "function" || VARIADIC.has(name) || NOT_NUMPY.has(name) || /^[A-Z]/.test(name)) {
      out[name] = value;
      continue;
    }
    const fn = value as (...args: unknown[]) => unknown;
    const max = fn.length;
    if (max > 4) throw new Error(`np: ${prefix}${name} declares ${max} parameters; strictArity passes at most 4`);
    const checked = function (a?: unknown, b?: unknown, c?: unknown, d?: unknown): unknown {
      if (arguments.length > max) {
        throw new Error(`${prefix}${name}: takes at most ${max} argument${max === 1 ? "" : "s"}, got ${arguments.length} (numpy's other arguments, such as dtype or out, are not supported)`);
      }
      return fn(a, b, c, d);
    };
    Object.defineProperty(checked, "name", { value: name });
    Object.defineProperty(checked, "length", { value: max });
    out[name] = checked;
  }
  return out as T;
}

const functions = {
  Tensor,
  // creation
  array: create.array,
  asarray: create.asarray,
  zeros: create.zeros,
  ones: create.ones,
  full: create.full,
  eye: create.eye,
  arange: create.arange,
  linspace: create.linspace,
  zerosLike: create.zerosLike,
  onesLike: create.onesLike,
  fullLike: create.fullLike,
  meshgrid: A.meshgrid,
  diag: A.diag,
  triu: A.triu,
  tril: A.tril,
  // elementwise
  add: F.add, subtract: F.sub, sub: F.sub, multiply: F.mul, mul: F.mul, divide: F.div, div: F.div,
  power: F.pow, pow: F.pow, negative: F.negative, neg: F.negative, mod: F.mod, remainder: F.remainder,
  exp: F.exp, expm1: F.expm1, log: F.log, log1p: F.log1p, log2: F.log2, log10: F.log10,
  sqrt: F.sqrt, abs: F.abs, sign: F.sign, square: F.square,
  tanh: F.tanh, sin: F.sin, cos: F.cos, tan: F.tan, sigmoid: F.sigmoid, relu: F.relu,
  floor: F.floor, ceil: F.ceil, trunc: F.trunc, round: F.round, around: F.around,
  maximum: F.maximum, minimum: F.minimum, where: F.where, clip: F.clip,
  // comparisons and logic (bool results: masks)
  greater: F.greater, greaterEqual: F.greaterEqual, less: F.less, lessEqual: F.lessEqual,
  equal: F.equal, notEqual: F.notEqual,
  isnan: F.isnan, isinf: F.isinf, isfinite: F.isfinite, isclose: L.isclose, allclose: L.allclose,
  arrayEqual: L.arrayEqual,
  logicalAnd: F.logicalAnd, logicalOr: F.logicalOr, logicalXor: F.logicalXor, logicalNot: F.logicalNot,
  any: L.any, all: L.all, countNonzero: L.countNonzero, nonzero: L.nonzero, unique: L.unique, bincount: L.bincount,
  astype: F.astype,
  // reductions and statistics
  sum: F.sum, prod: F.prod, mean: C.mean, max: F.max, min: C.min, var: C.variance, std: C.std,
  argmax: F.argmax, argmin: F.argmin, logsumexp: C.logsumexp, cumsum: F.cumsum,
  median: S.median, percentile: S.percentile, quantile: S.quantile,
  sort: S.sort, argsort: F.argsort,
  // products
  matmul: F.matmul, dot: F.dot, outer: F.outer, einsum,
  // shapes and indexing
  reshape: F.reshape, transpose: F.transpose, swapaxes: A.swapaxes, broadcastTo: F.broadcastTo,
  squeeze: F.squeeze, expandDims: F.expandDims, concatenate: F.concatenate, stack: F.stack,
  vstack: A.vstack, hstack: A.hstack, repeat: A.repeat, tile: A.tile,
  slice: F.slice, take: F.take, takeAlongAxis: S.takeAlongAxis, copy: F.copy,
  // neural-network helpers
  softmax: C.softmax, logSoftmax: C.logSoftmax, oneHot: C.oneHot,
  softmaxCrossEntropy, sigmoidBinaryCrossEntropy,
  // autograd and tracing
  noGrad,
  gradcheck,
  // which arithmetic runs the ops: "wasm" (WebAssembly SIMD) or "js" (the readable reference)
  setBackend,
  getBackend,
  backendReady: wasmReady,
  // threads for large products (as torch.set_num_threads): np.setNumThreads(1) turns them off
  setNumThreads,
  getNumThreads,
  parallelInfo,
  // np.trace(fn) records what fn does; np.trace.epoch(e) / np.trace.batch(k) mark a training loop's
  // epochs and mini-batches for the step-through (no-ops when nothing is traced)
  trace: Object.assign((fn: () => void, policy?: Parameters<typeof traceOf>[1]) => traceOf(fn, policy), { epoch: markEpoch, batch: markBatch }),
  phase,
};

export const np = {
  ...strictArity("", functions),
  random,
  linalg: strictArity("linalg.", linalgFunctions),
  // numpy's constants
  pi: Math.PI,
  e: Math.E,
  nan: NaN,
  inf: Infinity,
  /** X.slice(null, np.newaxis) is numpy's X[:, np.newaxis] (null already means ":") */
  newaxis: NEWAXIS,
};

export type NP = typeof np;
