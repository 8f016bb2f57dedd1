// The n-dimensional array: a flat Float64Array in row-major order plus a shape.
// Op outputs are never changed after they are made (the trace keeps them by reference); only the
// explicit in-place updates (assign, assignAdd, assignSub) change a tensor, and they say so.
import type { GradNode } from "../autograd/op.ts";
import { formatTensor } from "./format.ts";
import { notANumberMessage } from "./not-a-number.ts";
import { sizeOf, stridesOf, formatShape, markShape, type Shape } from "./shape.ts";
import * as F from "../ops/functional.ts";
import * as C from "../ops/composites.ts";
import * as A from "../ops/arrays.ts";
import * as L from "../ops/logic.ts";
import { backward } from "../autograd/backward.ts";
import type { Index } from "./indexing.ts";
import { mode } from "../autograd/mode.ts";

export type NestedArray = number | boolean | NestedArray[];
export type TensorLike = Tensor | NestedArray | readonly number[];
export type Axis = number | readonly number[] | null | undefined;
/** float64 numbers, or booleans (stored as 1 and 0): the masks that comparisons give. */
export type DType = "float64" | "bool";
export interface ReduceOptions {
  axis?: Axis;
  keepdims?: boolean;
}

let nextId = 1;

export class Tensor {
  readonly id: number;
  data: Float64Array;
  readonly shape: number[];
  /** dL/d(this), filled by loss.backward(). */
  grad: Tensor | null = null;
  /** true for parameters (set by requiresGrad()) and for every op output computed from one. */
  needsGrad = false;
  /** the op and inputs that produced this tensor, when gradients are tracked. */
  node: GradNode | null = null;
  /** the variable name a student knows it by (Z1, dW1); set by .named() or by the runtime. */
  name: string | null = null;
  /** for a detached copy: the tensor it was detached from (only so formulas can say what it is). */
  detachedFrom: Tensor | null = null;
  /** "float64", or "bool" for a mask (X.greater(0)): X.slice(mask) selects where it is true. */
  dtype: DType = "float64";

  constructor(data: Float64Array, shape: Shape) {
    this.id = nextId++;
    this.data = data;
    this.shape = shape as number[];
    markShape(shape);
  }

  // ---- facts -------------------------------------------------------------------------------
  get size(): number {
    return this.data.length;
  }
  get ndim(): number {
    return this.shape.length;
  }
  get strides(): number[] {
    return stridesOf(this.shape);
  }
  get isLeaf(): boolean {
    return this.node === null;
  }

  // ---- autograd ----------------------------------------------------------------------------
  /** Mark as a parameter: gradients will flow into `.grad` (PyTorch's requires_grad_()). */
  requiresGrad(on = true): this {
    if (!this.isLeaf) throw new Error("requiresGrad: only leaf tensors can be marked; use .detach() first");
    this.needsGrad = on;
    return this;
  }
  /** Back-propagate from this tensor (a scalar loss, or give the upstream gradient). */
  backward(grad?: TensorLike): void {
    backward(this, grad === undefined ? undefined : F.asTensor(grad));
  }
  zeroGrad(): this {
    this.grad = null;
    return this;
  }
  /** The same values, cut off from the graph. */
  detach(): Tensor {
    const t = new Tensor(this.data, this.shape);
    t.name = this.name;
    t.detachedFrom = this;
    t.dtype = this.dtype;
    return t;
  }
  /** Give this tensor a name for the trace and the inspector (Z1, A1, loss). */
  named(name: string): this {
    mode.trace?.bind(this, name);
    this.name = name;
    return this;
  }

  // ---- arithmetic (broadcasting, like numpy) -----------------------------------------------
  add(other: TensorLike): Tensor { return F.add(this, other); }
  sub(other: TensorLike): Tensor { return F.sub(this, other); }
  mul(other: TensorLike): Tensor { return F.mul(this, other); }
  div(other: TensorLike): Tensor { return F.div(this, other); }
  pow(exponent: TensorLike): Tensor { return F.pow(this, exponent); }
  neg(): Tensor { return F.negative(this); }
  /** The remainder with the sign of the divisor, as numpy's x % y. */
  mod(other: TensorLike): Tensor { return F.mod(this, other); }
  matmul(other: TensorLike): Tensor { return F.matmul(this, other); }
  dot(other: TensorLike): Tensor { return F.dot(this, other); }
  maximum(other: TensorLike): Tensor { return F.maximum(this, other); }
  minimum(other: TensorLike): Tensor { return F.minimum(this, other); }

  exp(): Tensor { return F.exp(this); }
  log(): Tensor { return F.log(this); }
  sqrt(): Tensor { return F.sqrt(this); }
  abs(): Tensor { return F.abs(this); }
  tanh(): Tensor { return F.tanh(this); }
  sin(): Tensor { return F.sin(this); }
  cos(): Tensor { return F.cos(this); }
  tan(): Tensor { return F.tan(this); }
  log1p(): Tensor { return F.log1p(this); }
  expm1(): Tensor { return F.expm1(this); }
  log2(): Tensor { return F.log2(this); }
  log10(): Tensor { return F.log10(this); }
  floor(): Tensor { return F.floor(this); }
  ceil(): Tensor { return F.ceil(this); }
  /** Round half to even, as numpy (0.5 -> 0, 1.5 -> 2); x.round(2) keeps two decimals. */
  round(decimals?: number): Tensor { return F.round(this, decimals); }
  sigmoid(): Tensor { return F.sigmoid(this); }
  relu(): Tensor { return F.relu(this); }
  square(): Tensor { return F.square(this); }
  clip(min: number | null, max: number | null): Tensor { return F.clip(this, min, max); }
  softmax(options?: { axis?: number }): Tensor { return C.softmax(this, options); }
  logSoftmax(options?: { axis?: number }): Tensor { return C.logSoftmax(this, options); }

  // ---- comparisons (0/1 results, no gradient) -----------------------------------------------
  greater(other: TensorLike): Tensor { return F.greater(this, other); }
  greaterEqual(other: TensorLike): Tensor { return F.greaterEqual(this, other); }
  less(other: TensorLike): Tensor { return F.less(this, other); }
  lessEqual(other: TensorLike): Tensor { return F.lessEqual(this, other); }
  equal(other: TensorLike): Tensor { return F.equal(this, other); }
  notEqual(other: TensorLike): Tensor { return F.notEqual(this, other); }

  // ---- reductions ---------------------------------------------------------------------------
  sum(options?: ReduceOptions): Tensor { return F.sum(this, options); }
  mean(options?: ReduceOptions): Tensor { return C.mean(this, options); }
  max(options?: ReduceOptions): Tensor { return F.max(this, options); }
  min(options?: ReduceOptions): Tensor { return C.min(this, options); }
  var(options?: ReduceOptions & { ddof?: number }): Tensor { return C.variance(this, options); }
  std(options?: ReduceOptions & { ddof?: number }): Tensor { return C.std(this, options); }
  argmax(options?: { axis?: number | null; keepdims?: boolean }): Tensor { return F.argmax(this, options); }
  argmin(options?: { axis?: number | null; keepdims?: boolean }): Tensor { return F.argmin(this, options); }
  prod(options?: ReduceOptions): Tensor { return F.prod(this, options); }
  /** Running sums along an axis (the flattened array when no axis is given, as numpy). */
  cumsum(options?: { axis?: number | null }): Tensor { return F.cumsum(this, options); }
  /** Is any element true (non-zero)? A boolean; with options, a bool array along the axes. */
  any(): boolean;
  any(options: ReduceOptions): Tensor;
  any(options?: ReduceOptions): boolean | Tensor { return options === undefined ? L.any(this) : L.any(this, options); }
  /** Are all elements true (non-zero)? A boolean; with options, a bool array along the axes. */
  all(): boolean;
  all(options: ReduceOptions): Tensor;
  all(options?: ReduceOptions): boolean | Tensor { return options === undefined ? L.all(this) : L.all(this, options); }
  /** The indices that would sort the array along an axis (the last by default). */
  argsort(options?: { axis?: number | null; kind?: "stable" | "quicksort" | "mergesort" | "heapsort" }): Tensor { return F.argsort(this, options); }
  /**
   * numpy's a.sort() sorts in place; tensors never change after they are made (the trace keeps
   * them), so this throws and points at np.sort, which returns a sorted copy.
   */
  sort(): never { throw new Error("sort: x.sort() would sort in place, as numpy's does, and tensors never change; use np.sort(x) for a sorted copy"); }
  /** The indices of the non-zero (true) elements, one index array per axis (numpy's nonzero). */
  nonzero(): Tensor[] { return L.nonzero(this); }

  // ---- shape ----------------------------------------------------------------------------------
  /** The transpose (reverses the axes, like numpy's `.T`). */
  get T(): Tensor { return F.transpose(this); }
  /** numpy's a.transpose(): reversed axes; or an order, as a list or one by one: transpose([2, 0, 1]), transpose(2, 0, 1). */
  transpose(...axes: (number | readonly number[] | { axes?: readonly number[] })[]): Tensor {
    return F.transpose(this, axes.length === 0 ? undefined : axes.length === 1 && typeof axes[0] !== "number" ? axes[0] : (axes as number[]));
  }
  reshape(...shape: (number | readonly number[])[]): Tensor {
    const flat = shape.length === 1 && Array.isArray(shape[0]) ? (shape[0] as number[]) : (shape as number[]);
    return F.reshape(this, flat);
  }
  flatten(): Tensor { return F.reshape(this, [this.size]); }
  broadcastTo(shape: readonly number[]): Tensor { return F.broadcastTo(this, shape); }
  squeeze(axis?: Axis | { axis?: Axis }): Tensor { return F.squeeze(this, axis); }
  expandDims(axis: number | { axis: number }): Tensor { return F.expandDims(this, axis); }
  ravel(): Tensor { return F.reshape(this, [this.size]); }
  swapaxes(axis1: number, axis2: number): Tensor { return A.swapaxes(this, axis1, axis2); }
  /** Each element repeated: x.repeat(2) is [a, a, b, b, ...] (flattened); {axis} repeats along it. */
  repeat(repeats: number | readonly number[], options?: { axis?: number | null }): Tensor { return A.repeat(this, repeats, options); }
  /** A copy as another dtype: "float64", "bool" (x != 0), or "int" (values truncated, still stored as float64). */
  astype(dtype: "float64" | "float" | "bool" | "int" | "int32" | "int64"): Tensor { return F.astype(this, dtype); }

  // ---- indexing -------------------------------------------------------------------------------
  /**
   * numpy's X[...]: an integer, a slice string ("0:10", "::-1"), null for ":", "...", np.newaxis,
   * index arrays (X.slice([2, 0]), P.slice(np.arange(n), y)) or a boolean mask (X.slice(X.greater(0))).
   */
  slice(...index: Index[]): Tensor { return F.slice(this, ...index); }
  /** Elements by index along an axis ({axis}); without one, from the flattened array (numpy's take). */
  take(indices: TensorLike, options?: { axis?: number | null }): Tensor { return F.take(this, indices, options); }

  /** One element as a number: t.get(i, j) (negative indices count from the end). */
  get(...index: number[]): number {
    if (index.length !== this.ndim) {
      throw new Error(`get: expected ${this.ndim} indices for shape ${formatShape(this.shape)}, got ${index.length}`);
    }
    let offset = 0;
    const strides = this.strides;
    for (let i = 0; i < index.length; i++) {
      let k = index[i];
      if (k < 0) k += this.shape[i];
      if (!Number.isInteger(k) || k < 0 || k >= this.shape[i]) {
        throw new Error(`get: index ${index[i]} is out of bounds for axis ${i} with size ${this.shape[i]}`);
      }
      offset += k * strides[i];
    }
    return this.data[offset];
  }
  /** The value of a one-element tensor as a number (numpy's .item()). */
  item(): number {
    if (this.size !== 1) throw new Error(`item: can only convert an array of size 1, got shape ${formatShape(this.shape)}`);
    return this.data[0];
  }
  /** Nested JavaScript arrays (numpy's .tolist()); a bool array gives true and false. */
  toArray(): NestedArray {
    const bool = this.dtype === "bool";
    const build = (axis: number, offset: number): NestedArray => {
      if (axis === this.ndim) return bool ? this.data[offset] !== 0 : this.data[offset];
      const stride = sizeOf(this.shape.slice(axis + 1));
      const out: NestedArray[] = [];
      for (let i = 0; i < this.shape[axis]; i++) out.push(build(axis + 1, offset + i * stride));
      return out;
    };
    return build(0, 0);
  }
  tolist(): NestedArray { return this.toArray(); }
  /**
   * JSON.stringify(X) writes numpy's X.tolist(), the nested lists, not the tensor's fields (id, data as an
   * object of numbered keys, grad, ...); JSON has no NaN or Infinity, so they are null, as in any JavaScript list.
   */
  toJSON(): NestedArray { return this.toArray(); }
  /** A copy that owns its data. */
  copy(): Tensor { return F.copy(this); }

  // ---- in-place updates (the "update" phase of training) --------------------------------------
  assign(value: TensorLike): Tensor { return F.assign(this, value, "assign"); }
  assignAdd(value: TensorLike): Tensor { return F.assign(this, value, "assignAdd"); }
  assignSub(value: TensorLike): Tensor { return F.assign(this, value, "assignSub"); }

  toString(): string { return formatTensor(this); }
  /**
   * JavaScript has no operators for arrays: `x * 2`, `x - y`, `x > 0` would turn the tensor into a
   * number, NaN, and give NaN or false without a word, where numpy's x * 2 is an array. So a tensor
   * refuses to be a number and says what to write, for an operator, Math.exp(x) or Number(x)
   * (not-a-number.ts). As text (`"loss " + L`, `${x}`) it is numpy's repr.
   */
  [Symbol.toPrimitive](hint: "number" | "string" | "default"): string {
    if (hint === "number") throw new TypeError(notANumberMessage(new Error().stack));
    return this.toString();
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string { return this.toString(); }
}
