// `np`: the numpy-flavoured namespace a lesson's cells use. numpy's names and argument order;
// shapes as arrays where numpy takes tuples; keyword arguments as an options object.
import * as F from "./ops/functional.ts";
import * as C from "./ops/composites.ts";
import * as create from "./tensor/create.ts";
import { Tensor } from "./tensor/tensor.ts";
import { RandomState } from "./tensor/random.ts";
import { noGrad } from "./autograd/mode.ts";
import { gradcheck } from "./autograd/gradcheck.ts";
import { traceOf, activeTrace } from "./trace/trace.ts";
import type { Phase } from "./trace/record.ts";

export const random = new RandomState(0);

/** Label the steps `fn` records (e.g. a hand-written loss as "loss"); a no-op when no trace is on. */
function phase<T>(name: Phase, fn: () => T): T {
  const trace = activeTrace();
  return trace === null ? fn() : trace.withPhase(name, fn);
}

export const np = {
  Tensor,
  // creation
  array: create.array,
  asarray: F.asTensor,
  zeros: create.zeros,
  ones: create.ones,
  full: create.full,
  eye: create.eye,
  arange: create.arange,
  linspace: create.linspace,
  zerosLike: create.zerosLike,
  onesLike: create.onesLike,
  fullLike: create.fullLike,
  random,
  // elementwise
  add: F.add, subtract: F.sub, sub: F.sub, multiply: F.mul, mul: F.mul, divide: F.div, div: F.div,
  power: F.pow, pow: F.pow, negative: F.negative, neg: F.negative,
  exp: F.exp, log: F.log, sqrt: F.sqrt, abs: F.abs, sign: F.sign, square: F.square,
  tanh: F.tanh, sin: F.sin, cos: F.cos, sigmoid: F.sigmoid, relu: F.relu,
  maximum: F.maximum, minimum: F.minimum, where: F.where, clip: C.clip,
  greater: F.greater, greaterEqual: F.greaterEqual, less: F.less, lessEqual: F.lessEqual,
  equal: F.equal, notEqual: F.notEqual,
  // reductions
  sum: F.sum, mean: C.mean, max: F.max, min: C.min, var: C.variance, std: C.std,
  argmax: F.argmax, argmin: F.argmin, logsumexp: C.logsumexp,
  // products
  matmul: F.matmul, dot: F.dot, outer: F.outer,
  // shapes and indexing
  reshape: F.reshape, transpose: F.transpose, broadcastTo: F.broadcastTo, squeeze: F.squeeze,
  expandDims: F.expandDims, concatenate: F.concatenate, stack: F.stack, slice: F.slice, take: F.take,
  copy: F.copy,
  // neural-network helpers
  softmax: C.softmax, logSoftmax: C.logSoftmax, oneHot: C.oneHot,
  // autograd and tracing
  noGrad,
  gradcheck,
  trace: traceOf,
  phase,
  // numpy's constants
  pi: Math.PI,
  e: Math.E,
  nan: NaN,
  inf: Infinity,
};

export type NP = typeof np;
