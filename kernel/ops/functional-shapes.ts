// The np.* functions that move, pick or overwrite elements without arithmetic: reshape, transpose,
// broadcastTo, squeeze, expandDims, concatenate, stack, slice, take, and the in-place assignments.
// Like functional.ts (which re-exports them) they turn numpy-style arguments into op attributes and
// call the one dispatch (apply).
import { apply } from "../autograd/op.ts";
import { Tensor, type TensorLike, type Axis } from "../tensor/tensor.ts";
import { array } from "../tensor/create.ts";
import { normalizeAxes, formatShape, sizeOf, sameShape, describe } from "../tensor/shape.ts";
import { planIndex, type Index } from "../tensor/indexing.ts";
import { checkOptions, singleAxis, positionalOrOption } from "../tensor/options.ts";
import { mode } from "../autograd/mode.ts";
import { broadcastTo as broadcastToOp } from "./broadcast-to.ts";
import { reshape as reshapeOp } from "./reshape.ts";
import { transpose as transposeOp } from "./transpose.ts";
import { gather } from "./gather.ts";
import { concatenate as concatenateOp } from "./concatenate.ts";
import { asTensor } from "./functional.ts";

// ---- shapes ------------------------------------------------------------------------------------
export function reshape(x: TensorLike, shape: number | readonly number[]): Tensor {
  const t = asTensor(x);
  if (typeof shape === "number") shape = [shape];
  if (!Array.isArray(shape)) throw new Error(`reshape: the new shape must be a list of sizes, got ${describe(shape)}`);
  const known = shape.filter((d) => d !== -1);
  const inferred = shape.length - known.length;
  if (inferred > 1) throw new Error("reshape: can only specify one unknown dimension (-1)");
  // -1 next to a 0 could be any size at all, so numpy refuses it (even for an empty array)
  if (inferred === 1 && sizeOf(known) === 0) throw new Error(`reshape: cannot reshape array of size ${t.size} into shape ${formatShape(shape)}: -1 is ambiguous next to a size of 0`);
  const target = shape.map((d) => (d === -1 ? t.size / sizeOf(known) : d));
  if (sizeOf(target) !== t.size || target.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new Error(`reshape: cannot reshape array of size ${t.size} (shape ${formatShape(t.shape)}) into shape ${formatShape(shape)}`);
  }
  if (sameShape(target, t.shape)) return t;
  return apply(reshapeOp, [t], { shape: target });
}
export function transpose(x: TensorLike, axes?: readonly number[] | { axes?: readonly number[] }): Tensor {
  const t = asTensor(x);
  axes = positionalOrOption<readonly number[] | undefined>("transpose", axes, "axes");
  if (axes !== undefined && !Array.isArray(axes)) throw new Error(`transpose: axes must be a list of axes, e.g. [1, 0], got ${describe(axes)}`);
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
export function squeeze(x: TensorLike, axis?: Axis | { axis?: Axis }): Tensor {
  const t = asTensor(x);
  axis = positionalOrOption<Axis>("squeeze", axis, "axis");
  const axes = axis === undefined || axis === null ? t.shape.flatMap((d, i) => (d === 1 ? [i] : [])) : normalizeAxes("squeeze", axis, t.ndim);
  for (const a of axes) if (t.shape[a] !== 1) throw new Error(`squeeze: cannot select an axis to squeeze out which has size not equal to one (axis ${a}, shape ${formatShape(t.shape)})`);
  return reshape(t, t.shape.filter((_, i) => !axes.includes(i)));
}
export function expandDims(x: TensorLike, axis: number | { axis: number }): Tensor {
  const t = asTensor(x);
  const given = positionalOrOption<number>("expandDims", axis, "axis");
  if (typeof given !== "number") throw new Error(`expandDims: axis must be an integer, got ${describe(given)}`);
  const [at] = normalizeAxes("expandDims", given, t.ndim + 1);
  const shape = [...t.shape];
  shape.splice(at, 0, 1);
  return reshape(t, shape);
}
function listOfArrays(name: string, parts: readonly TensorLike[]): Tensor[] {
  if (!Array.isArray(parts)) throw new Error(`${name}: expected a list of arrays, e.g. np.${name}([a, b]), got ${describe(parts)}`);
  if (parts.length === 0) throw new Error(`${name}: need at least one array to ${name === "stack" ? "stack" : "concatenate"}`);
  return parts.map(asTensor);
}
/** Join arrays along an existing axis (0 by default); {axis: null} flattens them first, as numpy. */
export function concatenate(parts: readonly TensorLike[], options?: { axis?: number | null }): Tensor {
  let ts = listOfArrays("concatenate", parts);
  checkOptions("concatenate", options, ["axis"]);
  const flat = options !== undefined && "axis" in options && options.axis === null;
  if (flat) ts = ts.map((t) => reshape(t, [t.size]));
  if (ts[0].ndim === 0) throw new Error("concatenate: zero-dimensional arrays cannot be concatenated");
  const axis = normalizeAxes("concatenate", flat ? 0 : singleAxis("concatenate", options?.axis) ?? 0, ts[0].ndim)[0];
  return apply(concatenateOp, ts, { axis });
}
/** Join arrays along a new axis (numpy's np.stack). */
export function stack(parts: readonly TensorLike[], options?: { axis?: number }): Tensor {
  const ts = listOfArrays("stack", parts);
  checkOptions("stack", options, ["axis"]);
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
/**
 * Elements by index along an axis: np.take(x, idx, {axis}) has shape x.shape[:axis] + idx.shape +
 * x.shape[axis+1:]. Without an axis it takes from the flattened array, as numpy. Indices are always
 * numbers here (np.take reads a bool list as 0 and 1, as numpy does, not as a mask).
 */
export function take(x: TensorLike, indices: TensorLike, options?: { axis?: number | null }): Tensor {
  const t = asTensor(x);
  checkOptions("take", options, ["axis"]);
  const idx = asTensor(indices);
  const numeric = idx.dtype === "bool" ? new Tensor(idx.data, idx.shape) : idx;
  const axis = options?.axis;
  if (axis === undefined || axis === null) return slice(reshape(t, [t.size]), numeric);
  const at = normalizeAxes("take", singleAxis("take", axis)!, t.ndim)[0];
  const index: Index[] = t.shape.map((_, i) => (i === at ? numeric : null));
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
