// The public functions behind np.* and the Tensor methods: they turn numpy-style arguments into
// op attributes and call the one dispatch (apply). Composites built from these live in composites.ts.
import { apply, type OpDef } from "../autograd/op.ts";
import { Tensor, type TensorLike, type ReduceOptions, type Axis } from "../tensor/tensor.ts";
import { array } from "../tensor/create.ts";
import { normalizeAxes, formatShape, sizeOf, sameShape } from "../tensor/shape.ts";
import { planIndex, type Index } from "../tensor/indexing.ts";
import { mode } from "../autograd/mode.ts";
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
import { broadcastTo as broadcastToOp } from "./broadcast-to.ts";
import { matmul as matmulOp } from "./matmul.ts";
import { reshape as reshapeOp } from "./reshape.ts";
import { transpose as transposeOp } from "./transpose.ts";
import { gather } from "./gather.ts";
import { concatenate as concatenateOp } from "./concatenate.ts";
import { copy as copyOp } from "./copy.ts";
import { argmax as argmaxOp, argmin as argminOp } from "./argmax.ts";

export type { Index };

/** Numbers and nested lists become tensors, so X.add(1) and np.add(X, [1, 2]) work as in numpy. */
export function asTensor(x: TensorLike): Tensor {
  if (x instanceof Tensor) return x;
  if (typeof x === "number") return new Tensor(new Float64Array([x]), []);
  if (typeof x === "boolean") return new Tensor(new Float64Array([x ? 1 : 0]), []);
  return array(x as never);
}

// The op is looked up when called, not when this module loads: op files and the Tensor class import
// each other, and whichever loads first must not find the other half-initialised.
const un = (op: () => OpDef<undefined>) => (x: TensorLike) => apply(op(), [asTensor(x)], undefined);
const bin = (op: () => OpDef<undefined>) => (a: TensorLike, b: TensorLike) => apply(op(), [asTensor(a), asTensor(b)], undefined);

export const add = bin(() => addOp);
export const sub = bin(() => subOp);
export const subtract = sub;
export const mul = bin(() => mulOp);
export const multiply = mul;
export const div = bin(() => divOp);
export const divide = div;
export const pow = bin(() => powOp);
export const power = pow;
export const maximum = bin(() => maximumOp);
export const minimum = bin(() => minimumOp);
export const greater = bin(() => cmp.greater);
export const greaterEqual = bin(() => cmp.greaterEqual);
export const less = bin(() => cmp.less);
export const lessEqual = bin(() => cmp.lessEqual);
export const equal = bin(() => cmp.equal);
export const notEqual = bin(() => cmp.notEqual);

export const negative = un(() => negOp);
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
export const square = (x: TensorLike) => pow(x, 2);
export const copy = un(() => copyOp);

export function where(cond: TensorLike, a: TensorLike, b: TensorLike): Tensor {
  return apply(whereOp, [asTensor(cond), asTensor(a), asTensor(b)], undefined);
}

// ---- reductions --------------------------------------------------------------------------------
function axesAttrs(name: string, x: Tensor, options?: ReduceOptions) {
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
function argAttrs(name: string, x: Tensor, options?: { axis?: number | null; keepdims?: boolean }) {
  const axis = options?.axis ?? null;
  return { axis: axis === null ? null : normalizeAxes(name, axis, x.ndim)[0], keepdims: options?.keepdims ?? false };
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
/** numpy's dot: for 1-D and 2-D arrays the same as matmul (the inner product of two vectors). */
export function dot(a: TensorLike, b: TensorLike): Tensor {
  const x = asTensor(a);
  const y = asTensor(b);
  if (x.ndim === 0 || y.ndim === 0) return mul(x, y);
  return matmul(x, y);
}
/** The outer product of two vectors: out[i, j] = a[i] b[j]. */
export function outer(a: TensorLike, b: TensorLike): Tensor {
  const x = asTensor(a);
  const y = asTensor(b);
  return mul(reshape(x, [x.size, 1]), reshape(y, [1, y.size]));
}

// ---- shapes ------------------------------------------------------------------------------------
export function reshape(x: TensorLike, shape: readonly number[]): Tensor {
  const t = asTensor(x);
  const known = shape.filter((d) => d !== -1);
  const inferred = shape.length - known.length;
  if (inferred > 1) throw new Error("reshape: can only specify one unknown dimension (-1)");
  const target = shape.map((d) => (d === -1 ? t.size / Math.max(1, sizeOf(known)) : d));
  if (sizeOf(target) !== t.size || target.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new Error(`reshape: cannot reshape array of size ${t.size} (shape ${formatShape(t.shape)}) into shape ${formatShape(shape)}`);
  }
  if (sameShape(target, t.shape)) return t;
  return apply(reshapeOp, [t], { shape: target });
}
export function transpose(x: TensorLike, axes?: readonly number[]): Tensor {
  const t = asTensor(x);
  const perm = axes === undefined ? [...t.shape.keys()].reverse() : normalizeAxesOrder(t, axes);
  if (perm.every((p, i) => p === i)) return t;
  return apply(transposeOp, [t], { axes: perm });
}
function normalizeAxesOrder(t: Tensor, axes: readonly number[]): number[] {
  const perm = axes.map((a) => (a < 0 ? a + t.ndim : a));
  const valid = perm.length === t.ndim && [...perm].sort((p, q) => p - q).every((p, i) => p === i);
  if (!valid) throw new Error(`transpose: axes ${JSON.stringify(axes)} don't match array of shape ${formatShape(t.shape)}`);
  return perm;
}
export function broadcastTo(x: TensorLike, shape: readonly number[]): Tensor {
  const t = asTensor(x);
  if (sameShape(t.shape, shape)) return t;
  return apply(broadcastToOp, [t], { shape: [...shape] });
}
export function squeeze(x: TensorLike, axis?: Axis): Tensor {
  const t = asTensor(x);
  const axes = axis === undefined || axis === null ? t.shape.flatMap((d, i) => (d === 1 ? [i] : [])) : normalizeAxes("squeeze", axis, t.ndim);
  for (const a of axes) if (t.shape[a] !== 1) throw new Error(`squeeze: cannot select an axis to squeeze out which has size not equal to one (axis ${a}, shape ${formatShape(t.shape)})`);
  return reshape(t, t.shape.filter((_, i) => !axes.includes(i)));
}
export function expandDims(x: TensorLike, axis: number): Tensor {
  const t = asTensor(x);
  const at = axis < 0 ? axis + t.ndim + 1 : axis;
  if (at < 0 || at > t.ndim) throw new Error(`expandDims: axis ${axis} is out of bounds for array of dimension ${t.ndim + 1}`);
  const shape = [...t.shape];
  shape.splice(at, 0, 1);
  return reshape(t, shape);
}
export function concatenate(parts: readonly TensorLike[], options?: { axis?: number }): Tensor {
  if (parts.length === 0) throw new Error("concatenate: need at least one array to concatenate");
  const ts = parts.map(asTensor);
  if (ts[0].ndim === 0) throw new Error("concatenate: zero-dimensional arrays cannot be concatenated");
  const axis = normalizeAxes("concatenate", options?.axis ?? 0, ts[0].ndim)[0];
  return apply(concatenateOp, ts, { axis });
}
/** Join arrays along a new axis (numpy's np.stack). */
export function stack(parts: readonly TensorLike[], options?: { axis?: number }): Tensor {
  const ts = parts.map(asTensor);
  if (ts.length === 0) throw new Error("stack: need at least one array to stack");
  for (const t of ts) {
    if (!sameShape(t.shape, ts[0].shape)) throw new Error(`stack: all input arrays must have the same shape, got ${formatShape(ts[0].shape)} and ${formatShape(t.shape)}`);
  }
  const axis = options?.axis ?? 0;
  return concatenate(ts.map((t) => expandDims(t, axis)), { axis });
}

// ---- indexing ----------------------------------------------------------------------------------
export function slice(x: TensorLike, ...index: Index[]): Tensor {
  const t = asTensor(x);
  const plan = planIndex(t, index);
  return apply(gather, [t], plan);
}
export function take(x: TensorLike, indices: TensorLike, options?: { axis?: number }): Tensor {
  const t = asTensor(x);
  const axis = normalizeAxes("take", options?.axis ?? 0, t.ndim)[0];
  const list = Array.from(asTensor(indices).data);
  const index: Index[] = t.shape.map((_, i) => (i === axis ? list : null));
  return slice(t, ...index);
}

// ---- in-place updates --------------------------------------------------------------------------
/**
 * W.assign(v) / W.assignSub(lr * dW): change a tensor's values in place (TensorFlow's Variable.assign).
 * This is the "update" phase of training; the trace keeps a copy, since the tensor keeps changing.
 */
export function assign(target: Tensor, value: TensorLike, kind: "assign" | "assignAdd" | "assignSub"): Tensor {
  const v = asTensor(value);
  if (v.size !== 1 && !sameShape(v.shape, target.shape)) {
    throw new Error(`${kind}: shape ${formatShape(v.shape)} does not match the target's shape ${formatShape(target.shape)}`);
  }
  if (mode.gradEnabled && target.needsGrad && !target.isLeaf) {
    throw new Error(`${kind}: cannot change a tensor that is part of the autograd graph in place; use np.noGrad or .detach()`);
  }
  const trace = mode.trace;
  const before = trace !== null ? trace.beforeUpdate(target) : null;
  const d = target.data;
  const src = v.data;
  const scalar = src.length === 1 && d.length !== 1;
  for (let i = 0; i < d.length; i++) {
    const x = scalar ? src[0] : src[i];
    d[i] = kind === "assign" ? x : kind === "assignAdd" ? d[i] + x : d[i] - x;
  }
  if (trace !== null) trace.recordUpdate(kind, target, before!, v);
  return target;
}
