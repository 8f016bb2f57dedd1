// Elementwise loops with numpy broadcasting. Every elementwise op's forward pass is one call here;
// the fast paths cover what lessons do most (same shapes, a scalar, a bias row added to every row).
import { Tensor } from "./tensor.ts";
import { broadcastShapes, broadcastStrides, formatShape, sameShape, sizeOf } from "./shape.ts";

export function unary(a: Tensor, f: (x: number) => number): Tensor {
  const x = a.data;
  const n = x.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = f(x[i]);
  return new Tensor(out, a.shape);
}

export function binary(op: string, a: Tensor, b: Tensor, f: (x: number, y: number) => number): Tensor {
  const x = a.data;
  const y = b.data;
  if (sameShape(a.shape, b.shape)) {
    const n = x.length;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = f(x[i], y[i]);
    return new Tensor(out, a.shape);
  }
  const shape = broadcastShapes(op, a.shape, b.shape);
  const n = sizeOf(shape);
  const out = new Float64Array(n);
  if (y.length === 1 && x.length === n) {
    const v = y[0];
    for (let i = 0; i < n; i++) out[i] = f(x[i], v);
  } else if (x.length === 1 && y.length === n) {
    const v = x[0];
    for (let i = 0; i < n; i++) out[i] = f(v, y[i]);
  } else if (x.length === n && isTrailing(b.shape, shape)) {
    // b repeats every y.length elements (a bias row broadcast over the rows of a batch)
    const m = y.length;
    for (let i = 0; i < n; i += m) for (let j = 0; j < m; j++) out[i + j] = f(x[i + j], y[j]);
  } else if (y.length === n && isTrailing(a.shape, shape)) {
    const m = x.length;
    for (let i = 0; i < n; i += m) for (let j = 0; j < m; j++) out[i + j] = f(x[j], y[i + j]);
  } else {
    general(x, a.shape, y, b.shape, shape, out, f);
  }
  return new Tensor(out, shape);
}

/** true when `small`, padded with leading 1s, equals the trailing part of `full` exactly. */
function isTrailing(small: readonly number[], full: readonly number[]): boolean {
  let k = small.length - 1;
  let i = full.length - 1;
  for (; k >= 0; k--, i--) if (small[k] !== full[i]) break;
  for (; k >= 0; k--) if (small[k] !== 1) return false;
  return true;
}

/** Any broadcast: walk the output index like an odometer, moving each input by its (0 or real) stride. */
function general(
  x: Float64Array, xs: readonly number[], y: Float64Array, ys: readonly number[],
  shape: number[], out: Float64Array, f: (x: number, y: number) => number,
): void {
  const nd = shape.length;
  const sx = broadcastStrides(xs, shape);
  const sy = broadcastStrides(ys, shape);
  const idx = new Array<number>(nd).fill(0);
  let ix = 0;
  let iy = 0;
  for (let o = 0; o < out.length; o++) {
    out[o] = f(x[ix], y[iy]);
    for (let d = nd - 1; d >= 0; d--) {
      idx[d]++;
      ix += sx[d];
      iy += sy[d];
      if (idx[d] < shape[d]) break;
      ix -= sx[d] * shape[d];
      iy -= sy[d] * shape[d];
      idx[d] = 0;
    }
  }
}

/** Copy `a` into the given broadcast `shape` (used by where/ternary ops and broadcastTo). */
export function broadcastTo(op: string, a: Tensor, shape: readonly number[]): Float64Array {
  const target = broadcastShapes(op, a.shape, shape);
  if (!sameShape(target, shape)) {
    throw new Error(`${op}: cannot broadcast shape ${formatShape(a.shape)} to ${formatShape(shape)}`);
  }
  if (sameShape(a.shape, shape)) return a.data;
  const out = new Float64Array(sizeOf(shape));
  general(a.data, a.shape, new Float64Array(1), [], [...shape], out, (v) => v);
  return out;
}
