// The public functions behind np.* and the Tensor methods: they turn numpy-style arguments into
// op attributes and call the one dispatch (apply). Composites built from these live in composites.ts.
import { apply, type OpDef } from "../autograd/op.ts";
import { Tensor, type TensorLike, type ReduceOptions } from "../tensor/tensor.ts";
import { array, full } from "../tensor/create.ts";
import { normalizeAxes, formatShape, describe } from "../tensor/shape.ts";
import type { Index } from "../tensor/indexing.ts";
import { checkOptions, singleAxis } from "../tensor/options.ts";
import { add as addOp } from "./add.ts";
import { sub as subOp } from "./sub.ts";
import { mul as mulOp } from "./mul.ts";
import { div as divOp } from "./div.ts";
import { pow as powOp } from "./pow.ts";
import { negative as negOp } from "./negative.ts";
import { exp as expOp } from "./exp.ts";
import { log as logOp } from "./log.ts";
import { sqrt as sqrtOp } from "./sqrt.ts";
import { abs as absOp } from "./abs.ts";
import { sign as signOp } from "./sign.ts";
import { tanh as tanhOp } from "./tanh.ts";
import { sin as sinOp } from "./sin.ts";
import { cos as cosOp } from "./cos.ts";
import { sigmoid as sigmoidOp } from "./sigmoid.ts";
import { relu as reluOp } from "./relu.ts";
import { maximum as maximumOp } from "./maximum.ts";
import { minimum as minimumOp } from "./minimum.ts";
import { where as whereOp } from "./where.ts";
import * as cmp from "./compare.ts";
import { sum as sumOp } from "./sum.ts";
import { max as maxOp } from "./max.ts";
import { matmul as matmulOp } from "./matmul.ts";
import { copy as copyOp, astype as astypeOp } from "./copy.ts";
import { argmax as argmaxOp, argmin as argminOp } from "./argmax.ts";
import { tan as tanOp } from "./tan.ts";
import { log1p as log1pOp } from "./log1p.ts";
import { expm1 as expm1Op } from "./expm1.ts";
import { log2 as log2Op, log10 as log10Op } from "./log2.ts";
import * as rounding from "./rounding.ts";
import { mod as modOp } from "./mod.ts";
import { isnan as isnanOp, isinf as isinfOp, isfinite as isfiniteOp } from "./isnan.ts";
import * as logical from "./logical.ts";
import { clip as clipOp } from "./clip.ts";
import { prod as prodOp } from "./prod.ts";
import { cumsum as cumsumOp } from "./cumsum.ts";
import { argsort as argsortOp } from "./argsort.ts";

export type { Index };

/** Numbers and nested lists become tensors, so X.add(1) and np.add(X, [1, 2]) work as in numpy. */
export function asTensor(x: TensorLike): Tensor {
  if (x instanceof Tensor) return x;
  if (typeof x === "number") return new Tensor(new Float64Array([x]), []);
  if (typeof x === "boolean") {
    const t = new Tensor(new Float64Array([x ? 1 : 0]), []);
    t.dtype = "bool";
    return t;
  }
  if (!Array.isArray(x) && !ArrayBuffer.isView(x)) throw new Error(`expected an array, a list or a number, got ${describe(x)}`);
  return array(x as never);
}

/** Zeros of x's dtype (false for a mask), for where(mask, x, 0) that should keep a mask a mask. */
export const zerosOf = (x: Tensor, shape: readonly number[]) => full(shape, x.dtype === "bool" ? false : 0);

// The op is looked up when called, not when this module loads: op files and the Tensor class import
// each other, and whichever loads first must not find the other half-initialised.
const un = (op: () => OpDef<undefined>) => (x: TensorLike) => apply(op(), [asTensor(x)], undefined);
const bin = (op: () => OpDef<undefined>) => (a: TensorLike, b: TensorLike) => apply(op(), [asTensor(a), asTensor(b)], undefined);

/**
 * numpy's arithmetic between two bool arrays stays logical: mask1 + mask2 is "or", mask1 * mask2 is
 * "and", maximum/minimum are "or"/"and", and subtracting or negating bools is an error. Anything
 * with a number in it is ordinary arithmetic on 1 and 0.
 */
const boolAware = (name: string, op: () => OpDef<undefined>, onBools: (() => OpDef<undefined>) | string) => (a: TensorLike, b: TensorLike) => {
  const x = asTensor(a);
  const y = asTensor(b);
  if (x.dtype === "bool" && y.dtype === "bool") {
    if (typeof onBools === "string") throw new Error(`${name}: numpy boolean ${name} is not supported (${onBools})`);
    return apply(onBools(), [x, y], undefined);
  }
  return apply(op(), [x, y], undefined);
};

export const add = boolAware("add", () => addOp, () => logical.logicalOr);
export const sub = boolAware("subtract", () => subOp, "use np.logicalXor, or .astype(\"float64\") first to subtract 0/1 values");
export const subtract = sub;
export const mul = boolAware("multiply", () => mulOp, () => logical.logicalAnd);
export const multiply = mul;
export const div = bin(() => divOp);
export const divide = div;
export const pow = bin(() => powOp);
export const power = pow;
export const maximum = boolAware("maximum", () => maximumOp, () => logical.logicalOr);
export const minimum = boolAware("minimum", () => minimumOp, () => logical.logicalAnd);
/** The remainder with the sign of the divisor (numpy's np.mod and x % y; not JavaScript's %). */
export const mod = bin(() => modOp);
export const remainder = mod;
export const logicalAnd = bin(() => logical.logicalAnd);
export const logicalOr = bin(() => logical.logicalOr);
export const logicalXor = bin(() => logical.logicalXor);
export const logicalNot = un(() => logical.logicalNot);
export const greater = bin(() => cmp.greater);
export const greaterEqual = bin(() => cmp.greaterEqual);
export const less = bin(() => cmp.less);
export const lessEqual = bin(() => cmp.lessEqual);
export const equal = bin(() => cmp.equal);
export const notEqual = bin(() => cmp.notEqual);

export const negative = (x: TensorLike) => {
  const t = asTensor(x);
  if (t.dtype === "bool") throw new Error("negative: numpy boolean negative is not supported (use np.logicalNot for a mask)");
  return apply(negOp, [t], undefined);
};
export const exp = un(() => expOp);
export const log = un(() => logOp);
export const sqrt = un(() => sqrtOp);
export const abs = un(() => absOp);
export const sign = un(() => signOp);
export const tanh = un(() => tanhOp);
export const sin = un(() => sinOp);
export const cos = un(() => cosOp);
export const sigmoid = un(() => sigmoidOp);
export const relu = un(() => reluOp);
export const tan = un(() => tanOp);
export const log1p = un(() => log1pOp);
export const expm1 = un(() => expm1Op);
export const log2 = un(() => log2Op);
export const log10 = un(() => log10Op);
export const floor = un(() => rounding.floor);
export const ceil = un(() => rounding.ceil);
export const trunc = un(() => rounding.trunc);
export const isnan = un(() => isnanOp);
export const isinf = un(() => isinfOp);
export const isfinite = un(() => isfiniteOp);
/** Round half to even to `decimals` places, as numpy's np.round (np.round(2.5) is 2). */
export function round(x: TensorLike, decimals?: number): Tensor {
  decimals ??= 0;
  if (!Number.isInteger(decimals)) throw new Error(`round: decimals must be an integer, got ${describe(decimals)}`);
  return apply(rounding.round, [asTensor(x)], { decimals });
}
export const around = round;
export const square = (x: TensorLike) => pow(x, 2);
export const copy = un(() => copyOp);

export function where(cond: TensorLike, a?: TensorLike, b?: TensorLike): Tensor {
  if (a === undefined || b === undefined) {
    throw new Error("where: give both x and y (np.where(cond, x, y)); for the indices where cond is true, use np.nonzero(cond)");
  }
  return apply(whereOp, [asTensor(cond), asTensor(a), asTensor(b)], undefined);
}

/**
 * clip(x, lo, hi): values below lo become lo, above hi become hi; null leaves a side open (numpy's
 * None). The gradient passes where lo <= x <= hi, bounds included, as PyTorch's clamp (see clip.ts).
 */
export function clip(x: TensorLike, lo: number | null, hi: number | null): Tensor {
  for (const [name, v] of [["lo", lo], ["hi", hi]] as const) {
    if (v !== null && typeof v !== "number") {
      throw new Error(`clip: ${name} must be a number or null, got ${describe(v)} (array bounds are not supported: use np.minimum(np.maximum(x, lo), hi))`);
    }
  }
  if (lo === null && hi === null) throw new Error("clip: one of lo and hi must be given (not both null)");
  return apply(clipOp, [asTensor(x)], { lo, hi });
}

/** A copy as another dtype: "float64" (also "float"), "bool" (x != 0), or "int"/"int32"/"int64" (truncated toward 0, still float64). */
export function astype(x: TensorLike, dtype: "float64" | "float" | "bool" | "int" | "int32" | "int64"): Tensor {
  const t = asTensor(x);
  if (dtype === "bool") return notEqual(t, 0);
  if (dtype === "int" || dtype === "int32" || dtype === "int64") return trunc(t);
  if (dtype === "float64" || dtype === "float") {
    return t.dtype === "float64" ? copy(t) : apply(astypeOp, [t], undefined);
  }
  // numpy's astype(np.float64) passes a name np does not have: undefined
  const asText = dtype === undefined ? ': a dtype is text here, astype("float64") for numpy\'s astype(np.float64)' : "";
  throw new Error(`astype: dtype ${typeof dtype === "string" ? JSON.stringify(dtype) : describe(dtype)} is not supported${asText} (float64, float, bool, int, int32, int64; values are stored as float64)`);
}

// ---- reductions --------------------------------------------------------------------------------
/** The axes and keepdims of a reduction's options, checked (numpy's dtype, out, initial, where are not supported). */
export function axesAttrs(name: string, x: Tensor, options?: ReduceOptions) {
  checkOptions(name, options, ["axis", "keepdims"]);
  return { axes: normalizeAxes(name, options?.axis, x.ndim), keepdims: options?.keepdims ?? false, ndim: x.ndim };
}
export const sum = (x: TensorLike, options?: ReduceOptions) => {
  const t = asTensor(x);
  return apply(sumOp, [t], axesAttrs("sum", t, options));
};
export const max = (x: TensorLike, options?: ReduceOptions) => {
  const t = asTensor(x);
  return apply(maxOp, [t], axesAttrs("max", t, options));
};
/** The product over the axes (all of them by default); 1 for an empty array, as numpy. */
export const prod = (x: TensorLike, options?: ReduceOptions) => {
  const t = asTensor(x);
  return apply(prodOp, [t], axesAttrs("prod", t, options));
};
/** The axis of an op that works along one axis, or null to work on the flattened array. */
function oneAxis(name: string, x: Tensor, axis: unknown): number | null {
  const a = singleAxis(name, axis);
  return a === undefined || a === null ? null : normalizeAxes(name, a, x.ndim)[0];
}
/** Running sums along an axis; without one, of the flattened array (numpy's default). */
export function cumsum(x: TensorLike, options?: { axis?: number | null }): Tensor {
  const t = asTensor(x);
  const axis = oneAxis("cumsum", t, checkOptions("cumsum", options, ["axis"])?.axis);
  if (axis === null) return apply(cumsumOp, [reshape(t, [t.size])], { axis: 0 });
  return apply(cumsumOp, [t], { axis });
}
export interface SortOptions {
  /** the axis to sort along: the last by default; null sorts the flattened array */
  axis?: number | null;
  /** accepted for numpy's sake; every kind is a stable sort here (equal elements keep their order) */
  kind?: "stable" | "quicksort" | "mergesort" | "heapsort";
}
/** The indices that would sort x along an axis (the last by default; null: the flattened array). */
export function argsort(x: TensorLike, options?: SortOptions): Tensor {
  const t = asTensor(x);
  checkOptions("argsort", options, ["axis", "kind"]);
  if (options?.kind !== undefined && !["stable", "quicksort", "mergesort", "heapsort"].includes(options.kind)) {
    throw new Error(`argsort: kind ${JSON.stringify(options.kind)} is not one of stable, quicksort, mergesort, heapsort`);
  }
  if ((options !== undefined && "axis" in options && options.axis === null) || t.ndim === 0) {
    return apply(argsortOp, [reshape(t, [t.size])], { axis: 0 });
  }
  return apply(argsortOp, [t], { axis: oneAxis("argsort", t, options?.axis ?? -1)! });
}
function argAttrs(name: string, x: Tensor, options?: { axis?: number | null; keepdims?: boolean }) {
  checkOptions(name, options, ["axis", "keepdims"]);
  const axis = options?.axis ?? null;
  return { axis: axis === null ? null : normalizeAxes(name, singleAxis(name, axis)!, x.ndim)[0], keepdims: options?.keepdims ?? false };
}
export const argmax = (x: TensorLike, options?: { axis?: number | null; keepdims?: boolean }) => {
  const t = asTensor(x);
  return apply(argmaxOp, [t], argAttrs("argmax", t, options));
};
export const argmin = (x: TensorLike, options?: { axis?: number | null; keepdims?: boolean }) => {
  const t = asTensor(x);
  return apply(argminOp, [t], argAttrs("argmin", t, options));
};

// ---- products ----------------------------------------------------------------------------------
/** numpy's matmul (A @ B); a 1-D operand is treated as a row (left) or column (right) vector. */
export function matmul(a: TensorLike, b: TensorLike): Tensor {
  let x = asTensor(a);
  let y = asTensor(b);
  if (x.ndim === 0 || y.ndim === 0) throw new Error("matmul: input operand does not have enough dimensions (scalars are not allowed; use mul)");
  const vecLeft = x.ndim === 1;
  const vecRight = y.ndim === 1;
  if (vecLeft) x = reshape(x, [1, x.shape[0]]);
  if (vecRight) y = reshape(y, [y.shape[0], 1]);
  if (vecLeft || vecRight) {
    if (x.shape[x.ndim - 1] !== y.shape[y.ndim - 2]) {
      throw new Error(`matmul: shapes ${formatShape(asTensor(a).shape)} and ${formatShape(asTensor(b).shape)} are not aligned: ${x.shape[x.ndim - 1]} != ${y.shape[y.ndim - 2]}`);
    }
  }
  let out = apply(matmulOp, [x, y], undefined);
  if (vecLeft) out = reshape(out, [...out.shape.slice(0, -2), out.shape[out.ndim - 1]]);
  if (vecRight) out = reshape(out, out.shape.slice(0, -1));
  return out;
}
/**
 * numpy's dot. For 1-D and 2-D arrays the same as matmul (the inner product of two vectors). For
 * N-D arrays it is not matmul's batching: dot(a, b)[i, j, k, m] = Σ_s a[i, j, s] b[k, s, m], the sum
 * over the last axis of a and the second-to-last of b, with every other axis of both kept
 * (shape a.shape[:-1] + b.shape[:-2] + b.shape[-1:]). Built from reshape, transpose and matmul.
 */
export function dot(a: TensorLike, b: TensorLike): Tensor {
  const x = asTensor(a);
  const y = asTensor(b);
  if (x.ndim === 0 || y.ndim === 0) return mul(x, y);
  if (x.ndim <= 2 && y.ndim <= 2) return matmul(x, y);
  const k = x.shape[x.ndim - 1];
  const kb = y.ndim === 1 ? y.shape[0] : y.shape[y.ndim - 2];
  if (k !== kb) throw new Error(`dot: shapes ${formatShape(x.shape)} and ${formatShape(y.shape)} not aligned: ${k} (dim ${x.ndim - 1}) != ${kb} (dim ${Math.max(0, y.ndim - 2)})`);
  const rows = reshape(x, [-1, k]);
  if (y.ndim === 1) return reshape(matmul(rows, y), x.shape.slice(0, -1));
  // b's summed axis to the front, everything else flattened into columns: (k, rest of b)
  const axes = [y.ndim - 2, ...[...y.shape.keys()].filter((ax) => ax !== y.ndim - 2)];
  const cols = reshape(transpose(y, axes), [k, -1]);
  return reshape(matmul(rows, cols), [...x.shape.slice(0, -1), ...y.shape.slice(0, -2), y.shape[y.ndim - 1]]);
}
/** The outer product of two vectors: out[i, j] = a[i] b[j]. */
export function outer(a: TensorLike, b: TensorLike): Tensor {
  const x = asTensor(a);
  const y = asTensor(b);
  return mul(reshape(x, [x.size, 1]), reshape(y, [1, y.size]));
}

// the shape, indexing and in-place functions: their own file, the same np.* surface
export * from "./functional-shapes.ts";
import { reshape, transpose } from "./functional-shapes.ts";
