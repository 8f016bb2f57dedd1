// np.linalg: norm, solve and inv for the small matrices of a course (the normal equations of linear
// regression: w = solve(XᵀX, Xᵀy)). solve is a primitive (solve.ts); inv(A) is solve(A, I); the
// norms are the vector p-norm primitive (norm.ts) or max/min/sum of |A|.
import type { Tensor, TensorLike } from "../tensor/tensor.ts";
import { normalizeAxes, formatShape, describe } from "../tensor/shape.ts";
import { checkOptions } from "../tensor/options.ts";
import { eye } from "../tensor/create.ts";
import { apply } from "../autograd/op.ts";
import { norm as normOp } from "./norm.ts";
import { solve as solveOp } from "./solve.ts";
import * as F from "./functional.ts";
import * as C from "./composites.ts";

export type NormOrder = number | "fro" | "nuc" | null;
export interface NormOptions {
  /** one axis (vector norms along it), two (matrix norms over them), or none: the whole array */
  axis?: number | readonly [number, number] | null;
  keepdims?: boolean;
}

/** The p-norm of vectors along `axes`; p = ±inf and 0 are max |x|, min |x| and the count of non-zeros. */
function vectorNorm(x: Tensor, ord: number, axes: number[], keepdims: boolean): Tensor {
  if (ord === Infinity) return F.max(F.abs(x), { axis: axes, keepdims });
  if (ord === -Infinity) return C.min(F.abs(x), { axis: axes, keepdims });
  if (ord === 0) return F.sum(F.notEqual(x, 0), { axis: axes, keepdims });
  return apply(normOp, [x], { ord, axes, keepdims, ndim: x.ndim });
}

/** Matrix norms over the axes (row axis, column axis). */
function matrixNorm(x: Tensor, ord: NormOrder, [row, col]: number[], keepdims: boolean): Tensor {
  let out: Tensor;
  if (ord === null || ord === "fro") {
    out = apply(normOp, [x], { ord: 2, axes: [row, col].sort(), keepdims: false, ndim: x.ndim });
  } else if (ord === 1 || ord === -1 || ord === Infinity || ord === -Infinity) {
    // 1: the largest column sum of |x|; inf: the largest row sum (-1, -inf: the smallest)
    const [sumAxis, overAxis] = Math.abs(ord) === 1 ? [row, col] : [col, row];
    const sums = F.sum(F.abs(x), { axis: sumAxis });
    const over = overAxis > sumAxis ? overAxis - 1 : overAxis;
    out = ord > 0 ? F.max(sums, { axis: over }) : C.min(sums, { axis: over });
  } else if (ord === 2 || ord === -2 || ord === "nuc") {
    throw new Error(`linalg.norm: ord ${JSON.stringify(ord)} for matrices needs singular values, which are not supported (use "fro", 1, -1, Infinity or -Infinity)`);
  } else {
    throw new Error(`linalg.norm: invalid norm order ${describe(ord)} for matrices`);
  }
  if (!keepdims) return out;
  return F.reshape(out, x.shape.map((d, i) => (i === row || i === col ? 1 : d)));
}

/**
 * numpy's np.linalg.norm(x, ord, {axis, keepdims}). Without ord: the 2-norm of the flattened array
 * (the Frobenius norm of a matrix). Vector ords: any number, Infinity, -Infinity, 0; matrix ords:
 * "fro", 1, -1, Infinity, -Infinity. np.linalg.norm(x, {axis: 1}) takes the options without an ord.
 */
export function norm(x: TensorLike, ord?: NormOrder | NormOptions, options?: NormOptions): Tensor {
  if (ord !== null && typeof ord === "object") [ord, options] = [undefined, ord];
  const t = F.asTensor(x);
  checkOptions("linalg.norm", options, ["axis", "keepdims"]);
  const order = ord ?? null;
  const keepdims = options?.keepdims ?? false;
  const axis = options?.axis ?? null;
  if (order !== null && typeof order !== "number" && order !== "fro" && order !== "nuc") {
    throw new Error(`linalg.norm: invalid norm order ${describe(order)}`);
  }
  if (axis === null) {
    if (order === null) return vectorNorm(t, 2, normalizeAxes("linalg.norm", null, t.ndim), keepdims);
    if (t.ndim === 1) return norm(t, order, { axis: 0, keepdims });
    if (t.ndim === 2) return norm(t, order, { axis: [0, 1], keepdims });
    throw new Error(`linalg.norm: improper number of dimensions to norm (shape ${formatShape(t.shape)}, give an axis)`);
  }
  const axes = typeof axis === "number" ? [axis] : [...axis];
  if (axes.length === 1) {
    const [a] = normalizeAxes("linalg.norm", axes[0], t.ndim);
    if (typeof order === "string") throw new Error(`linalg.norm: invalid norm order "${order}" for vectors`);
    return vectorNorm(t, order ?? 2, [a], keepdims);
  }
  if (axes.length !== 2) throw new Error(`linalg.norm: improper number of dimensions to norm: axis ${JSON.stringify(axis)}`);
  const pair = axes.map((a) => normalizeAxes("linalg.norm", a, t.ndim)[0]);
  if (pair[0] === pair[1]) throw new Error(`linalg.norm: duplicate axes given: ${JSON.stringify(axis)}`);
  return matrixNorm(t, order, pair, keepdims);
}

function square(name: string, a: Tensor): number {
  if (a.ndim !== 2) throw new Error(`linalg.${name}: A must be a 2-d square matrix, got shape ${formatShape(a.shape)} (stacks of matrices are not supported)`);
  if (a.shape[0] !== a.shape[1]) throw new Error(`linalg.${name}: last 2 dimensions of the array must be square, got shape ${formatShape(a.shape)}`);
  return a.shape[0];
}

/** x with A x = b, for a square A (n, n) and b (n,) or (n, k). Throws "Singular matrix" when A has no inverse. */
export function solve(a: TensorLike, b: TensorLike): Tensor {
  const A = F.asTensor(a);
  const B = F.asTensor(b);
  const n = square("solve", A);
  if (B.ndim !== 1 && B.ndim !== 2) throw new Error(`linalg.solve: b must be 1-d or 2-d, got shape ${formatShape(B.shape)}`);
  if (B.shape[0] !== n) throw new Error(`linalg.solve: shapes ${formatShape(A.shape)} and ${formatShape(B.shape)} are not aligned: ${n} != ${B.shape[0]}`);
  if (B.ndim === 1) return F.reshape(apply(solveOp, [A, F.reshape(B, [n, 1])], undefined), [n]);
  return apply(solveOp, [A, B], undefined);
}

/** The inverse of a square matrix: solve(A, I). (To solve A x = b, solve is faster and more accurate than inv(A) b.) */
export function inv(a: TensorLike): Tensor {
  const A = F.asTensor(a);
  const n = square("inv", A);
  try {
    return apply(solveOp, [A, eye(n)], undefined);
  } catch (e) {
    if (e instanceof Error && e.message === "linalg.solve: Singular matrix") throw new Error("linalg.inv: Singular matrix");
    throw e;
  }
}

/** np.linalg. */
export const linalg = { norm, solve, inv };
