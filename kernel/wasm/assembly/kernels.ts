// The WASM backend's arithmetic, in AssemblyScript (compiled by `asc`, see tools/build-wasm.mjs).
// Every function works on float64 arrays at byte offsets into this module's memory; the JavaScript
// side (kernel/wasm/backend.ts) copies operands in, calls one function, and copies the result out.
//
// Results match the TypeScript reference backend bit for bit wherever the operations are the same
// IEEE operations in the same order: the matrix product (each C[i, j] is 0 + a[i,0] b[0,j] + a[i,1] b[1,j]
// + ... in that order, with separate multiply and add, no fused multiply-add), the elementwise binary
// ops, sqrt, relu, and the reductions. exp and tanh are our own f64x2 polynomials (below) and log is
// AssemblyScript's port of musl's: they differ from V8's Math.exp/tanh/log by a few ulp at most, and
// so does sigmoid, built on exp. The bounds are measured over millions of points and the special
// values in tests/kernel/wasm/backend.test.ts: exp 1, log 1, tanh 2, sigmoid 2 ulp.

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

// exp(x) two lanes at a time. x = n ln2 + r with |r| <= ln2/2 (Cody and Waite: ln2 in two parts,
// n ln2hi exact), e^r by its Taylor series to r^13/13! (the first term left out is below 2^-60
// relative), then times 2^n. NaN stays NaN; x is clamped to [-746, 710] first, where e^x is
// already 0 or Infinity.
const LOG2E: f64 = 1.4426950408889634;
const LN2HI: f64 = 6.93147180369123816490e-01;
const LN2LO: f64 = 1.90821492927058770002e-10;

// @ts-ignore: decorator
@inline
function splat(x: f64): v128 {
  return f64x2.splat(x);
}

// @ts-ignore: decorator
@inline
function madd(a: v128, b: v128, c: v128): v128 {
  return f64x2.add(f64x2.mul(a, b), c);
}

// The round-to-integer trick: adding 1.5 * 2^52 leaves round(v) in the low bits of the sum.
const SHIFTER: f64 = 6755399441055744.0;

function exp2x(x: v128): v128 {
  x = f64x2.max(f64x2.min(x, splat(710)), splat(-746));
  const shifted = madd(x, splat(LOG2E), splat(SHIFTER)); // n in its low bits
  const n = f64x2.sub(shifted, splat(SHIFTER));
  const r = f64x2.sub(f64x2.sub(x, f64x2.mul(n, splat(LN2HI))), f64x2.mul(n, splat(LN2LO)));
  // Estrin's scheme: the same polynomial as Horner's, in a tree of independent multiply-adds
  // (Horner's chain of 13 dependent steps left the CPU waiting; measured ~1.5x slower)
  // e^r = 1 + (r + r² P(r)), P(r) = 1/2! + r/3! + ... + r^11/13!, the last additions in the order
  // that rounds least. P by Estrin's scheme: a tree of independent multiply-adds (Horner's chain of
  // dependent steps left the CPU waiting for each result)
  const r2 = f64x2.mul(r, r), r4 = f64x2.mul(r2, r2), r8 = f64x2.mul(r4, r4);
  const a0 = madd(r, splat(1.0 / 6.0), splat(0.5));
  const a1 = madd(r, splat(1.0 / 120.0), splat(1.0 / 24.0));
  const a2 = madd(r, splat(1.0 / 5040.0), splat(1.0 / 720.0));
  const a3 = madd(r, splat(1.0 / 362880.0), splat(1.0 / 40320.0));
  const a4 = madd(r, splat(1.0 / 39916800.0), splat(1.0 / 3628800.0));
  const a5 = madd(r, splat(1.0 / 6227020800.0), splat(1.0 / 479001600.0));
  const P = madd(madd(a5, r2, a4), r8, madd(madd(a3, r2, a2), r4, madd(a1, r2, a0)));
  const p = f64x2.add(splat(1), madd(r2, P, r));
  // 2^n from the exponent bits: (n + 1023) << 52, exact for n in [-1022, 1023]; outside that
  // (|x| > 708, rare) 2^n is applied in two halves, lane by lane, so it neither overflows too early
  // nor rounds a subnormal twice
  if (v128.any_true(f64x2.gt(f64x2.abs(x), splat(708)))) {
    const n0 = f64x2.extract_lane(n, 0), n1 = f64x2.extract_lane(n, 1);
    const h0 = floor(n0 * 0.5), h1 = floor(n1 * 0.5);
    return f64x2(
      f64x2.extract_lane(p, 0) * scale(h0) * scale(n0 - h0),
      f64x2.extract_lane(p, 1) * scale(h1) * scale(n1 - h1),
    );
  }
  return f64x2.mul(p, i64x2.shl(i64x2.add(shifted, i64x2.splat(1023)), 52));
}

/** 2^n for a whole number n in [-1022, 1023] */
function scale(n: f64): f64 {
  return reinterpret<f64>((<i64>n + 1023) << 52);
}

// tanh(x) two lanes at a time. For |x| >= 0.55: 1 - 2 / (e^{2|x|} + 1), with the sign put back
// (2/(e+1) <= 0.5 there, so the subtraction loses at most one bit; e^{2|x|} = Infinity gives 1).
// For |x| < 0.55, where that subtraction would cancel: x + x u h(u) with u = x², h a degree-10
// polynomial fitted to (tanh(√u)/√u - 1)/u on [0, 0.3025] (mpmath chebyfit, error 8e-18); x u h(u)
// is at most a tenth of x, so its error barely reaches the result.
const TANH_H: StaticArray<f64> = [
  -0.000020602765376366341605, 0.000085113136855776715155, -0.00023463474108872371445,
  0.00058893605200740577697, -0.0014556618301007160336, 0.0035921103786890238773,
  -0.0088632343978143548378, 0.021869488493666941903, -0.053968253967434014504,
  0.13333333333332714826, -0.33333333333333332561,
];

function tanh2x(x: v128): v128 {
  const ax = f64x2.abs(x);
  const isBig = f64x2.ge(ax, splat(0.55));
  let big = x, small = x;
  if (v128.any_true(isBig)) {
    const e = exp2x(f64x2.add(ax, ax));
    big = f64x2.sub(splat(1), f64x2.div(splat(2), f64x2.add(e, splat(1))));
    big = v128.or(big, v128.and(x, i64x2.splat(0x8000000000000000))); // the sign of x
  }
  if (!i64x2.all_true(isBig)) {
    const u = f64x2.mul(x, x);
    let h = splat(unchecked(TANH_H[0]));
    for (let i = 1; i < 11; i++) h = madd(h, u, splat(unchecked(TANH_H[i])));
    small = madd(f64x2.mul(x, u), h, x);
  }
  // small for |x| < 0.55 (and NaN, which stays NaN), big elsewhere
  return v128.bitselect(big, small, isBig);
}

// sigmoid as the reference computes it: 1 / (1 + e^-x) for x >= 0, e^x / (1 + e^x) below,
// with e^-|x| from exp2x: never e^x for large positive x.
function sigmoid2x(x: v128): v128 {
  const e = exp2x(f64x2.neg(f64x2.abs(x)));
  const pos = f64x2.div(splat(1), f64x2.add(splat(1), e));
  const neg = f64x2.div(e, f64x2.add(splat(1), e));
  return v128.bitselect(pos, neg, f64x2.ge(x, splat(0)));
}

export const EXP = 0, LOG = 1, TANH = 2, SIGMOID = 3, RELU = 4, SQRT = 5;

/** out[i] = f(x[i]) for the map `op` (EXP, LOG, ...). */
export function map(op: i32, x: usize, out: usize, n: i32): void {
  const end = at(x, n);
  const shift = out - x;
  // the SIMD maps take pairs; an odd last element goes through the same code with a copy of itself
  if (op == SQRT || op == EXP || op == TANH || op == SIGMOID) {
    let p = x;
    for (; p + 16 <= end; p += 16) {
      const v = v128.load(p);
      v128.store(p + shift, op == SQRT ? f64x2.sqrt(v) : op == EXP ? exp2x(v) : op == TANH ? tanh2x(v) : sigmoid2x(v));
    }
    if (p < end) {
      const v = f64x2.splat(load<f64>(p));
      const r = op == SQRT ? f64x2.sqrt(v) : op == EXP ? exp2x(v) : op == TANH ? tanh2x(v) : sigmoid2x(v);
      store<f64>(p + shift, f64x2.extract_lane(r, 0));
    }
  } else if (op == LOG) {
    for (let p = x; p < end; p += 8) store<f64>(p + shift, Math.log(load<f64>(p)));
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
