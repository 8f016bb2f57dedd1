// Elementwise loops with numpy broadcasting. Every elementwise op's forward pass is one call here.
//
// Why each op gets its own copy of the binary loops: `f` runs once per element, so the JIT has to
// inline it into the loop, or every element pays a function call and boxes its numbers (tanh's
// backward on a 300x16 batch took 4x as long). V8 inlines a call that has only ever gone to one
// function; a loop shared by add, mul, div, tanh's backward... has seen many and stops inlining.
// So `loopsFor(op)` compiles the loops below once per op name (new Function gives every copy its
// own call-site feedback) and keeps them. `unary` needs no copies: it is small enough that V8 inlines
// the whole of it into each op (tanh, exp, ...), which gives every op its own loop anyway.
import { Tensor } from "./tensor.ts";
import { broadcastShapes, broadcastStrides, formatShape, sameShape, sizeOf } from "./shape.ts";
import { backend, type MapName } from "./backend.ts";

/** out[i] = f(x[i]); a map with a `name` may be done by the backend instead (backend.ts). */
export function unary(a: Tensor, f: (x: number) => number, name?: MapName): Tensor {
  const x = a.data;
  const n = x.length;
  const out = new Float64Array(n);
  if (name === undefined || !backend.current.map(name, x, out)) {
    for (let i = 0; i < n; i++) out[i] = f(x[i]);
  }
  return new Tensor(out, a.shape);
}

type Fn2 = (x: number, y: number) => number;
interface Loops {
  /** same shapes: out[i] = f(x[i], y[i]) */
  same: (x: Float64Array, y: Float64Array, out: Float64Array, f: Fn2) => void;
  /** a number on the right: out[i] = f(x[i], v) (X * 0.5) */
  scalarRight: (x: Float64Array, v: number, out: Float64Array, f: Fn2) => void;
  /** a number on the left: out[i] = f(v, y[i]) (1 - X) */
  scalarLeft: (v: number, y: Float64Array, out: Float64Array, f: Fn2) => void;
  /** a broadcast walked as rows x cols, each input with its own strides (see BroadcastPlan) */
  rows: (x: Float64Array, y: Float64Array, out: Float64Array, f: Fn2, p: BroadcastPlan) => void;
}

const LOOPS: Record<keyof Loops, [string[], string]> = {
  same: [["x", "y", "out", "f"], "for (let i = 0; i < out.length; i++) out[i] = f(x[i], y[i]);"],
  scalarRight: [["x", "v", "out", "f"], "for (let i = 0; i < out.length; i++) out[i] = f(x[i], v);"],
  scalarLeft: [["v", "y", "out", "f"], "for (let i = 0; i < out.length; i++) out[i] = f(v, y[i]);"],
  rows: [["x", "y", "out", "f", "p"], `
    const { rows, cols, xRow, xCol, yRow, yCol } = p;
    for (let r = 0, o = 0; r < rows; r++) {
      for (let c = 0, i = r * xRow, j = r * yRow; c < cols; c++, o++, i += xCol, j += yCol) out[o] = f(x[i], y[j]);
    }`],
};

const loopsByOp = new Map<string, Loops>();

function loopsFor(op: string): Loops {
  let loops = loopsByOp.get(op);
  if (loops === undefined) {
    loops = compileLoops(op);
    loopsByOp.set(op, loops);
  }
  return loops;
}

function compileLoops(op: string): Loops {
  // The op's name goes into the source: V8 caches compiled code by source text, and copies with
  // the same text would share their feedback again. It also names the loops in a profile.
  const tag = `stepbook-loop-${op.replace(/[^\w.]/g, "_")}`;
  try {
    const compile = (name: keyof Loops) => {
      const [params, body] = LOOPS[name];
      return new Function(...params, `${body}\n//# sourceURL=${tag}-${name}`);
    };
    return { same: compile("same"), scalarRight: compile("scalarRight"), scalarLeft: compile("scalarLeft"), rows: compile("rows") } as Loops;
  } catch {
    // a page whose Content-Security-Policy forbids new Function: the same loops, shared (slower)
    return sharedLoops;
  }
}

/** The loops of LOOPS as ordinary functions, shared by every op (the fallback). */
const sharedLoops: Loops = {
  same: (x, y, out, f) => {
    for (let i = 0; i < out.length; i++) out[i] = f(x[i], y[i]);
  },
  scalarRight: (x, v, out, f) => {
    for (let i = 0; i < out.length; i++) out[i] = f(x[i], v);
  },
  scalarLeft: (v, y, out, f) => {
    for (let i = 0; i < out.length; i++) out[i] = f(v, y[i]);
  },
  rows: (x, y, out, f, { rows, cols, xRow, xCol, yRow, yCol }) => {
    for (let r = 0, o = 0; r < rows; r++) {
      for (let c = 0, i = r * xRow, j = r * yRow; c < cols; c++, o++, i += xCol, j += yCol) out[o] = f(x[i], y[j]);
    }
  },
};

export function binary(op: string, a: Tensor, b: Tensor, f: Fn2): Tensor {
  const x = a.data;
  const y = b.data;
  const be = backend.current;
  if (sameShape(a.shape, b.shape)) {
    const out = new Float64Array(x.length);
    if (!be.binary(op, x, y, out, 1, x.length, 0, 1, 0, 1)) loopsFor(op).same(x, y, out, f);
    return new Tensor(out, a.shape);
  }
  const p = planBroadcast(op, a.shape, b.shape);
  const out = new Float64Array(p.size);
  if (p.general) general(x, a.shape, y, b.shape, p.shape, out, f);
  else if (be.binary(op, x, y, out, p.rows, p.cols, p.xRow, p.xCol, p.yRow, p.yCol)) { /* done by the backend */ }
  else if (y.length === 1 && x.length === p.size) loopsFor(op).scalarRight(x, y[0], out, f);
  else if (x.length === 1 && y.length === p.size) loopsFor(op).scalarLeft(x[0], y, out, f);
  else loopsFor(op).rows(x, y, out, f, p);
  return new Tensor(out, p.shape);
}

/**
 * How to walk a broadcast: as rows x cols (the last axis) with one stride per input along each,
 * 0 where the input repeats. That covers what lessons do: a scalar (strides 0, 0), a bias row added to
 * every row (0, 1), a column kept with keepdims such as a row's max (1, 0), the full array (cols, 1).
 * Anything else (size-1 axes in the middle) is `general`.
 */
interface BroadcastPlan {
  shape: number[];
  size: number;
  general: boolean;
  rows: number;
  cols: number;
  xRow: number;
  xCol: number;
  yRow: number;
  yCol: number;
}

function planBroadcast(op: string, xs: readonly number[], ys: readonly number[]): BroadcastPlan {
  const shape = broadcastShapes(op, xs, ys);
  const size = sizeOf(shape);
  const cols = shape.length === 0 ? 1 : shape[shape.length - 1];
  const rows = cols === 0 ? 0 : size / cols;
  const x = strides2d(xs, shape, cols);
  const y = strides2d(ys, shape, cols);
  const general = x === null || y === null;
  return { shape, size, general, rows, cols, xRow: x?.[0] ?? 0, xCol: x?.[1] ?? 0, yRow: y?.[0] ?? 0, yCol: y?.[1] ?? 0 };
}

/** [row stride, col stride] of an input broadcast to `shape`, or null if it needs a general walk. */
function strides2d(s: readonly number[], shape: readonly number[], cols: number): [number, number] | null {
  const size = sizeOf(s);
  if (size === 1) return [0, 0]; // a scalar, or any all-ones shape
  if (size === sizeOf(shape)) return [cols, 1]; // the full array (same values in row-major order)
  const last = s.length === 0 ? 1 : s[s.length - 1];
  if (last === cols && size === cols) return [0, 1]; // one row, repeated
  if (last === 1 && cols !== 1 && sameLeading(s, shape)) return [1, 0]; // a column, repeated along rows
  return null;
}

/** true when `s` equals `shape` on every axis but the last (allowing missing leading 1s). */
function sameLeading(s: readonly number[], shape: readonly number[]): boolean {
  const offset = shape.length - s.length;
  for (let i = 0; i < s.length - 1; i++) if (s[i] !== shape[offset + i]) return false;
  for (let i = 0; i < offset; i++) if (shape[i] !== 1) return false;
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
  const x = a.data;
  const p = planBroadcast(op, a.shape, shape);
  if (p.general) {
    general(x, a.shape, new Float64Array(1), [], [...shape], out, (v) => v);
  } else {
    for (let r = 0, o = 0; r < p.rows; r++) {
      const xr = r * p.xRow;
      for (let c = 0; c < p.cols; c++, o++) out[o] = x[xr + c * p.xCol];
    }
  }
  return out;
}
