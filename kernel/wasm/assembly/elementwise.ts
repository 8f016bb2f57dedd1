// Elementwise binary ops with broadcasting, and reductions over an axis (entry: kernels.ts).
import { at } from "./memory";

// ---- elementwise binary ops with broadcasting ------------------------------------------------

export const ADD = 0, SUB = 1, MUL = 2, DIV = 3, TANH_BACKWARD = 4, SIGMOID_BACKWARD = 5;

// @ts-ignore: decorator
@inline
function apply2(op: i32, x: f64, y: f64): f64 {
  switch (op) {
    case ADD: return x + y;
    case SUB: return x - y;
    case MUL: return x * y;
    case DIV: return x / y;
    case TANH_BACKWARD: return x * (1 - y * y);
    case SIGMOID_BACKWARD: return x * y * (1 - y);
    default: unreachable();
  }
  return 0;
}

// @ts-ignore: decorator
@inline
function apply2x2(op: i32, x: v128, y: v128): v128 {
  const one = f64x2.splat(1);
  switch (op) {
    case ADD: return f64x2.add(x, y);
    case SUB: return f64x2.sub(x, y);
    case MUL: return f64x2.mul(x, y);
    case DIV: return f64x2.div(x, y);
    case TANH_BACKWARD: return f64x2.mul(x, f64x2.sub(one, f64x2.mul(y, y)));
    case SIGMOID_BACKWARD: return f64x2.mul(f64x2.mul(x, y), f64x2.sub(one, y));
    default: unreachable();
  }
  return x;
}

/**
 * out[r, c] = x[r xRow + c xCol] op y[r yRow + c yCol] for a rows x cols output: a stride of 0
 * repeats an input (a scalar, a bias row, a column kept by keepdims), as the reference's plan.
 */
export function binary(op: i32, x: usize, y: usize, out: usize, rows: i32, cols: i32, xRow: i32, xCol: i32, yRow: i32, yCol: i32): void {
  // one copy of the loops per op, so the op is chosen once, not per pair of numbers
  if (op == ADD) binaryOf(ADD, x, y, out, rows, cols, xRow, xCol, yRow, yCol);
  else if (op == SUB) binaryOf(SUB, x, y, out, rows, cols, xRow, xCol, yRow, yCol);
  else if (op == MUL) binaryOf(MUL, x, y, out, rows, cols, xRow, xCol, yRow, yCol);
  else if (op == DIV) binaryOf(DIV, x, y, out, rows, cols, xRow, xCol, yRow, yCol);
  else if (op == TANH_BACKWARD) binaryOf(TANH_BACKWARD, x, y, out, rows, cols, xRow, xCol, yRow, yCol);
  else if (op == SIGMOID_BACKWARD) binaryOf(SIGMOID_BACKWARD, x, y, out, rows, cols, xRow, xCol, yRow, yCol);
  else unreachable();
}

// @ts-ignore: decorator
@inline
function binaryOf(op: i32, x: usize, y: usize, out: usize, rows: i32, cols: i32, xRow: i32, xCol: i32, yRow: i32, yCol: i32): void {
  for (let r: i32 = 0; r < rows; r++) {
    const xr = at(x, r * xRow), yr = at(y, r * yRow), or = at(out, r * cols);
    let c: i32 = 0;
    if (xCol == 1 && yCol == 1) {
      for (; c + 2 <= cols; c += 2) v128.store(at(or, c), apply2x2(op, v128.load(at(xr, c)), v128.load(at(yr, c))));
    } else if (xCol == 1 && yCol == 0) {
      const yv = f64x2.splat(load<f64>(yr));
      for (; c + 2 <= cols; c += 2) v128.store(at(or, c), apply2x2(op, v128.load(at(xr, c)), yv));
    } else if (xCol == 0 && yCol == 1) {
      const xv = f64x2.splat(load<f64>(xr));
      for (; c + 2 <= cols; c += 2) v128.store(at(or, c), apply2x2(op, xv, v128.load(at(yr, c))));
    }
    for (; c < cols; c++) store<f64>(at(or, c), apply2(op, load<f64>(at(xr, c * xCol)), load<f64>(at(yr, c * yCol))));
  }
}

// ---- reductions ---------------------------------------------------------------------------------

export const SUM = 0, MAX = 1;

/**
 * Reduce the middle axis of x viewed as (outer, mid, inner) into out (outer x inner), in the
 * reference's order: each output accumulates its inputs m = 0, 1, 2, ... from `init`.
 */
export function reduce(op: i32, x: usize, out: usize, outer: i32, mid: i32, inner: i32): void {
  const init: f64 = op == SUM ? 0 : -Infinity;
  if (inner == 1) {
    // the last axis: each output is one contiguous row, accumulated in a local
    for (let o: i32 = 0; o < outer; o++) {
      let acc = init;
      const row = at(x, o * mid), end = at(row, mid);
      if (op == SUM) for (let p = row; p < end; p += 8) acc += load<f64>(p);
      else for (let p = row; p < end; p += 8) { const v = load<f64>(p); acc = v > acc || v != v ? v : acc; }
      store<f64>(at(out, o), acc);
    }
    return;
  }
  for (let o: i32 = 0; o < outer; o++) {
    const ob = at(out, o * inner);
    for (let i: i32 = 0; i < inner; i++) store<f64>(at(ob, i), init);
    for (let m: i32 = 0; m < mid; m++) {
      const row = at(x, (o * mid + m) * inner);
      let i: i32 = 0;
      if (op == SUM) {
        for (; i + 2 <= inner; i += 2) v128.store(at(ob, i), f64x2.add(v128.load(at(ob, i)), v128.load(at(row, i))));
        for (; i < inner; i++) store<f64>(at(ob, i), load<f64>(at(ob, i)) + load<f64>(at(row, i)));
      } else {
        for (; i < inner; i++) {
          const acc = load<f64>(at(ob, i)), v = load<f64>(at(row, i));
          store<f64>(at(ob, i), v > acc || v != v ? v : acc);
        }
      }
    }
  }
}
