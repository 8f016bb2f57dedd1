// The WASM backend's arithmetic, in AssemblyScript (compiled by `asc`, see tools/build-wasm.mjs).
// Every function works on float64 arrays at byte offsets into this module's memory; the JavaScript
// side (kernel/wasm/backend.ts) copies operands in, calls one function, and copies the result out.
//
// Results match the TypeScript reference backend bit for bit wherever the operations are the same
// IEEE operations in the same order: the matrix product (each C[i, j] is 0 + a[i,0] b[0,j] + a[i,1] b[1,j]
// + ... in that order, with separate multiply and add, no fused multiply-add), the elementwise binary
// ops, sqrt, relu, and the reductions. exp, log and tanh are AssemblyScript's own ports of musl's
// functions, not V8's fdlibm ports: they differ from Math.exp/log/tanh by at most 1 ulp (measured in
// tests/kernel/wasm/ulp.test.ts), and so do sigmoid and softmax, built on exp.

// ---- matrix product ---------------------------------------------------------------------------

const TILE_K: i32 = 128;
const TILE_J: i32 = 512;

/**
 * C (m x n) = A (m x k) B (k x n), all row-major and contiguous. C is overwritten.
 * Blocks of 4 rows x 4 columns of C stay in eight f64x2 registers while k runs; tiles over k and j
 * keep the part of B in use in cache. Across k tiles C is reloaded and added to, so every C[i, j] is
 * still summed in order p = 0, 1, 2, ...
 */
export function gemm(a: usize, b: usize, c: usize, m: i32, k: i32, n: i32): void {
  memory.fill(c, 0, <usize>m * <usize>n * 8);
  for (let k0: i32 = 0; k0 < k; k0 += TILE_K) {
    const k1 = min(k, k0 + TILE_K);
    for (let j0: i32 = 0; j0 < n; j0 += TILE_J) {
      const j1 = min(n, j0 + TILE_J);
      let i: i32 = 0;
      for (; i + 4 <= m; i += 4) rows4(a, b, c, i, k, n, k0, k1, j0, j1);
      for (; i < m; i++) row1(a, b, c, i, k, n, k0, k1, j0, j1);
    }
  }
}

// @ts-ignore: decorator
@inline
function at(base: usize, index: i32): usize {
  return base + (<usize>index << 3);
}

function rows4(a: usize, b: usize, c: usize, i: i32, k: i32, n: i32, k0: i32, k1: i32, j0: i32, j1: i32): void {
  const a0 = at(a, i * k), a1 = at(a0, k), a2 = at(a1, k), a3 = at(a2, k);
  const c0 = at(c, i * n), c1 = at(c0, n), c2 = at(c1, n), c3 = at(c2, n);
  let j = j0;
  for (; j + 4 <= j1; j += 4) {
    let s00 = v128.load(at(c0, j)), s01 = v128.load(at(c0, j + 2));
    let s10 = v128.load(at(c1, j)), s11 = v128.load(at(c1, j + 2));
    let s20 = v128.load(at(c2, j)), s21 = v128.load(at(c2, j + 2));
    let s30 = v128.load(at(c3, j)), s31 = v128.load(at(c3, j + 2));
    let bp = at(b, k0 * n + j);
    const step = <usize>n << 3;
    for (let p = k0; p < k1; p++, bp += step) {
      const b0 = v128.load(bp), b1 = v128.load(bp + 16);
      let x = f64x2.splat(load<f64>(at(a0, p)));
      s00 = f64x2.add(s00, f64x2.mul(x, b0)); s01 = f64x2.add(s01, f64x2.mul(x, b1));
      x = f64x2.splat(load<f64>(at(a1, p)));
      s10 = f64x2.add(s10, f64x2.mul(x, b0)); s11 = f64x2.add(s11, f64x2.mul(x, b1));
      x = f64x2.splat(load<f64>(at(a2, p)));
      s20 = f64x2.add(s20, f64x2.mul(x, b0)); s21 = f64x2.add(s21, f64x2.mul(x, b1));
      x = f64x2.splat(load<f64>(at(a3, p)));
      s30 = f64x2.add(s30, f64x2.mul(x, b0)); s31 = f64x2.add(s31, f64x2.mul(x, b1));
    }
    v128.store(at(c0, j), s00); v128.store(at(c0, j + 2), s01);
    v128.store(at(c1, j), s10); v128.store(at(c1, j + 2), s11);
    v128.store(at(c2, j), s20); v128.store(at(c2, j + 2), s21);
    v128.store(at(c3, j), s30); v128.store(at(c3, j + 2), s31);
  }
  for (; j < j1; j++) {
    let s0 = load<f64>(at(c0, j)), s1 = load<f64>(at(c1, j)), s2 = load<f64>(at(c2, j)), s3 = load<f64>(at(c3, j));
    let bp = at(b, k0 * n + j);
    const step = <usize>n << 3;
    for (let p = k0; p < k1; p++, bp += step) {
      const bv = load<f64>(bp);
      s0 += load<f64>(at(a0, p)) * bv; s1 += load<f64>(at(a1, p)) * bv;
      s2 += load<f64>(at(a2, p)) * bv; s3 += load<f64>(at(a3, p)) * bv;
    }
    store<f64>(at(c0, j), s0); store<f64>(at(c1, j), s1); store<f64>(at(c2, j), s2); store<f64>(at(c3, j), s3);
  }
}

function row1(a: usize, b: usize, c: usize, i: i32, k: i32, n: i32, k0: i32, k1: i32, j0: i32, j1: i32): void {
  const ar = at(a, i * k), cr = at(c, i * n);
  const step = <usize>n << 3;
  let j = j0;
  for (; j + 2 <= j1; j += 2) {
    let s = v128.load(at(cr, j));
    let bp = at(b, k0 * n + j);
    for (let p = k0; p < k1; p++, bp += step) s = f64x2.add(s, f64x2.mul(f64x2.splat(load<f64>(at(ar, p))), v128.load(bp)));
    v128.store(at(cr, j), s);
  }
  for (; j < j1; j++) {
    let s = load<f64>(at(cr, j));
    let bp = at(b, k0 * n + j);
    for (let p = k0; p < k1; p++, bp += step) s += load<f64>(at(ar, p)) * load<f64>(bp);
    store<f64>(at(cr, j), s);
  }
}

/** out (cols x rows) = the transpose of x (rows x cols): packs a transposed operand for gemm. */
export function transpose(x: usize, out: usize, rows: i32, cols: i32): void {
  for (let r: i32 = 0; r < rows; r++) {
    const xr = at(x, r * cols);
    for (let c: i32 = 0; c < cols; c++) store<f64>(at(out, c * rows + r), load<f64>(at(xr, c)));
  }
}

// ---- unary maps -------------------------------------------------------------------------------

export const EXP = 0, LOG = 1, TANH = 2, SIGMOID = 3, RELU = 4, SQRT = 5;

/** out[i] = f(x[i]) for the map `op` (EXP, LOG, ...). */
export function map(op: i32, x: usize, out: usize, n: i32): void {
  const end = at(x, n);
  const shift = out - x;
  if (op == SQRT) {
    let p = x;
    for (; p + 16 <= end; p += 16) v128.store(p + shift, f64x2.sqrt(v128.load(p)));
    for (; p < end; p += 8) store<f64>(p + shift, sqrt<f64>(load<f64>(p)));
  } else if (op == EXP) {
    for (let p = x; p < end; p += 8) store<f64>(p + shift, Math.exp(load<f64>(p)));
  } else if (op == LOG) {
    for (let p = x; p < end; p += 8) store<f64>(p + shift, Math.log(load<f64>(p)));
  } else if (op == TANH) {
    for (let p = x; p < end; p += 8) store<f64>(p + shift, Math.tanh(load<f64>(p)));
  } else if (op == SIGMOID) {
    // as the reference: never e^x for large positive x
    for (let p = x; p < end; p += 8) {
      const v = load<f64>(p);
      let s: f64;
      if (v >= 0) s = 1 / (1 + Math.exp(-v));
      else {
        const e = Math.exp(v);
        s = e / (1 + e);
      }
      store<f64>(p + shift, s);
    }
  } else if (op == RELU) {
    // x > 0 ? x : (NaN stays NaN) 0
    for (let p = x; p < end; p += 8) {
      const v = load<f64>(p);
      store<f64>(p + shift, v > 0 ? v : v != v ? v : 0);
    }
  } else unreachable();
}

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

/** Where the memory the JavaScript side may use starts (after this module's static data). */
export function heapBase(): usize {
  return (__heap_base + 15) & ~15;
}
