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

// C is computed in blocks of 4 rows x 4 columns held in eight f64x2 registers while k runs (the
// micro-kernel). What feeds it decides the speed: both operands are first copied ("packed") into
// the order the micro-kernel reads them, so its inner loop reads two consecutive runs of memory:
// - a panel of B, KC rows x NC columns, as blocks of 4 columns: block after block, each KC rows of
//   4 numbers in a row (a short last block is padded with zeros, whose products are never stored);
// - 4 rows of A over the same KC, interleaved: a[i,p] a[i+1,p] a[i+2,p] a[i+3,p], p = 0, 1, ...
// Packing is also where a transposed operand is read the right way round, so Aᵀ B and A Bᵀ cost no
// extra pass. Every 4 rows of A (8 KB, in L1) run over the B panel (1 MB: more than the 512 KB L2
// per core of this machine's Zen 3, so it streams from L3; panels of 64 to 512 columns, KC 128 to 512,
// a 5x4 micro-kernel and a loop unrolled by two were measured and none was faster: docs/speed.md).
// Measured at 1024^3 in Node against the unpacked 4x4 kernel it replaced, which read B straight from
// its rows 8 KB apart: ~1.6-2x (docs/speed.md).
//
// Every C[i, j] is still 0 + a[i,0] b[0,j] + a[i,1] b[1,j] + ... in order p = 0, 1, 2, ...: a block
// starts from 0 in the first k panel and from C's value in the next, so the bits are the reference's.
const KC: i32 = 256;
const NC: i32 = 512;

/** float64s of scratch the products need at `pack` (see gemm): a B panel and 4 packed rows of A */
export function gemmPackSize(k: i32, n: i32): i32 {
  return min(k, KC) * ((min(n, NC) + 3) & ~3) + 4 * min(k, KC);
}

// @ts-ignore: decorator
@inline
function at(base: usize, index: i32): usize {
  return base + (<usize>index << 3);
}

/**
 * C (m x n) = op(A) op(B), all row-major and contiguous; op(A) is m x k, stored k x m if transA
 * (and op(B) k x n, stored n x k if transB). C is overwritten. `pack` points at gemmPackSize(k, n)
 * float64s of scratch, 16-byte aligned.
 */
export function gemm(a: usize, b: usize, c: usize, m: i32, k: i32, n: i32, transA: bool, transB: bool, pack: usize): void {
  if (k == 0) {
    memory.fill(c, 0, <usize>m * <usize>n * 8);
    return;
  }
  const ldc = <usize>n << 3;
  for (let k0: i32 = 0; k0 < k; k0 += KC) {
    const kc = min(KC, k - k0);
    const first = k0 == 0;
    const packA = pack + <usize>kc * <usize>((min(n, NC) + 3) & ~3) * 8;
    for (let j0: i32 = 0; j0 < n; j0 += NC) {
      const nc = min(NC, n - j0);
      packPanelB(b, k, n, transB, k0, kc, j0, nc, pack);
      let i: i32 = 0;
      for (; i + 4 <= m; i += 4) {
        packRowsA(a, m, k, transA, i, 4, k0, kc, packA);
        for (let jb: i32 = 0; jb < nc; jb += 4) {
          const bp = pack + <usize>jb * <usize>kc * 8;
          const cb = at(c, i * n + j0 + jb);
          const w = min(4, nc - jb);
          if (w == 4) block4x4(packA, bp, cb, ldc, kc, first);
          else {
            // the last columns: through a 4 x 4 block of scratch
            if (!first) copyBlock(cb, ldc, EDGE, 32, 4, w);
            block4x4(packA, bp, EDGE, 32, kc, first);
            copyBlock(EDGE, 32, cb, ldc, 4, w);
          }
        }
      }
      // the last rows, one at a time
      for (; i < m; i++) {
        packRowsA(a, m, k, transA, i, 1, k0, kc, packA);
        for (let jb: i32 = 0; jb < nc; jb += 4) {
          const bp = pack + <usize>jb * <usize>kc * 8;
          const cb = at(c, i * n + j0 + jb);
          const w = min(4, nc - jb);
          if (w == 4) block1x4(packA, bp, cb, kc, first);
          else {
            if (!first) copyBlock(cb, ldc, EDGE, 32, 1, w);
            block1x4(packA, bp, EDGE, kc, first);
            copyBlock(EDGE, 32, cb, ldc, 1, w);
          }
        }
      }
    }
  }
}

/** 4 x 4 float64s of scratch for the blocks at C's right edge */
const EDGE = memory.data(4 * 4 * 8, 16);

function copyBlock(from: usize, fromStride: usize, to: usize, toStride: usize, rows: i32, cols: i32): void {
  for (let r: i32 = 0; r < rows; r++, from += fromStride, to += toStride) {
    for (let q: i32 = 0; q < cols; q++) store<f64>(at(to, q), load<f64>(at(from, q)));
  }
}

/** B[k0 .. k0+kc, j0 .. j0+nc] into blocks of 4 columns, kc rows of 4 each, zero padded */
function packPanelB(b: usize, k: i32, n: i32, transB: bool, k0: i32, kc: i32, j0: i32, nc: i32, out: usize): void {
  for (let jb: i32 = 0; jb < nc; jb += 4) {
    const w = min(4, nc - jb), j = j0 + jb;
    let dst = out + <usize>jb * <usize>kc * 8;
    if (!transB && w == 4) {
      // 4 consecutive numbers of a row of B: two f64x2 copies
      const step = <usize>n << 3;
      for (let src = at(b, k0 * n + j), p: i32 = 0; p < kc; p++, src += step, dst += 32) {
        v128.store(dst, v128.load(src));
        v128.store(dst, v128.load(src, 16), 16);
      }
    } else {
      // B[p, j + q] is stored at b[(j + q) k + p] when transposed, at b[p n + j + q] when not
      const rowStep: i32 = transB ? 1 : n, colStep: i32 = transB ? k : 1;
      for (let p: i32 = 0; p < kc; p++, dst += 32) {
        const src = at(b, (k0 + p) * rowStep + j * colStep);
        for (let q: i32 = 0; q < 4; q++) store<f64>(at(dst, q), q < w ? load<f64>(at(src, q * colStep)) : 0);
      }
    }
  }
}

/** rows i .. i+rows of A over k0 .. k0+kc, interleaved: out[p rows + r] = A[i + r, k0 + p] */
function packRowsA(a: usize, m: i32, k: i32, transA: bool, i: i32, rows: i32, k0: i32, kc: i32, out: usize): void {
  if (transA) {
    // A[i + r, p] is stored at a[p m + i + r]: the rows wanted sit side by side already
    let src = at(a, k0 * m + i);
    const step = <usize>m << 3;
    if (rows == 4) {
      for (let p: i32 = 0; p < kc; p++, src += step, out += 32) {
        store<f64>(out, load<f64>(src)); store<f64>(out, load<f64>(src, 8), 8);
        store<f64>(out, load<f64>(src, 16), 16); store<f64>(out, load<f64>(src, 24), 24);
      }
    } else for (let p: i32 = 0; p < kc; p++, src += step, out += 8) store<f64>(out, load<f64>(src));
    return;
  }
  const a0 = at(a, i * k + k0);
  if (rows == 4) {
    const lda = <usize>k << 3;
    const a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
    for (let off: usize = 0, end = <usize>kc << 3; off < end; off += 8, out += 32) {
      store<f64>(out, load<f64>(a0 + off)); store<f64>(out, load<f64>(a1 + off), 8);
      store<f64>(out, load<f64>(a2 + off), 16); store<f64>(out, load<f64>(a3 + off), 24);
    }
  } else memory.copy(out, a0, <usize>kc << 3);
}

/** C[4 x 4 at c, rows ldc bytes apart] (+)= packed A (4 x kc) packed B (kc x 4); from 0 if first */
function block4x4(ap: usize, bp: usize, c: usize, ldc: usize, kc: i32, first: bool): void {
  const c0 = c, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
  let s00 = f64x2.splat(0), s01 = s00, s10 = s00, s11 = s00, s20 = s00, s21 = s00, s30 = s00, s31 = s00;
  if (!first) {
    s00 = v128.load(c0); s01 = v128.load(c0, 16); s10 = v128.load(c1); s11 = v128.load(c1, 16);
    s20 = v128.load(c2); s21 = v128.load(c2, 16); s30 = v128.load(c3); s31 = v128.load(c3, 16);
  }
  for (const end = bp + (<usize>kc << 5); bp < end; bp += 32, ap += 32) {
    const b0 = v128.load(bp), b1 = v128.load(bp, 16);
    // a[i + r, p] in both lanes, straight from memory (one load, no shuffle)
    let x = v128.load64_splat(ap);
    s00 = f64x2.add(s00, f64x2.mul(x, b0)); s01 = f64x2.add(s01, f64x2.mul(x, b1));
    x = v128.load64_splat(ap, 8);
    s10 = f64x2.add(s10, f64x2.mul(x, b0)); s11 = f64x2.add(s11, f64x2.mul(x, b1));
    x = v128.load64_splat(ap, 16);
    s20 = f64x2.add(s20, f64x2.mul(x, b0)); s21 = f64x2.add(s21, f64x2.mul(x, b1));
    x = v128.load64_splat(ap, 24);
    s30 = f64x2.add(s30, f64x2.mul(x, b0)); s31 = f64x2.add(s31, f64x2.mul(x, b1));
  }
  v128.store(c0, s00); v128.store(c0, s01, 16); v128.store(c1, s10); v128.store(c1, s11, 16);
  v128.store(c2, s20); v128.store(c2, s21, 16); v128.store(c3, s30); v128.store(c3, s31, 16);
}

/** one row: C[1 x 4] (+)= packed A (1 x kc) packed B (kc x 4) */
function block1x4(ap: usize, bp: usize, c: usize, kc: i32, first: bool): void {
  let s0 = f64x2.splat(0), s1 = s0;
  if (!first) {
    s0 = v128.load(c); s1 = v128.load(c, 16);
  }
  for (const end = bp + (<usize>kc << 5); bp < end; bp += 32, ap += 8) {
    const x = v128.load64_splat(ap);
    s0 = f64x2.add(s0, f64x2.mul(x, v128.load(bp)));
    s1 = f64x2.add(s1, f64x2.mul(x, v128.load(bp, 16)));
  }
  v128.store(c, s0); v128.store(c, s1, 16);
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

// @ts-ignore: decorator
@inline
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
  // one loop per map, so the choice is made once, not per pair of numbers
  if (op == SQRT) for (let p = x; p < end; p += 8) store<f64>(p + shift, sqrt<f64>(load<f64>(p)));
  else if (op == EXP) map2(x, end, shift, EXP);
  else if (op == TANH) map2(x, end, shift, TANH);
  else if (op == SIGMOID) map2(x, end, shift, SIGMOID);
  else if (op == LOG) {
    for (let p = x; p < end; p += 8) store<f64>(p + shift, Math.log(load<f64>(p)));
  } else if (op == RELU) {
    // x > 0 ? x : (NaN stays NaN) 0
    for (let p = x; p < end; p += 8) {
      const v = load<f64>(p);
      store<f64>(p + shift, v > 0 ? v : v != v ? v : 0);
    }
  } else unreachable();
}

/** A SIMD map over pairs; an odd last element goes through the same code with a copy of itself. */
// @ts-ignore: decorator
@inline
function map2(x: usize, end: usize, shift: usize, op: i32): void {
  let p = x;
  for (; p + 16 <= end; p += 16) v128.store(p + shift, apply1x2(op, v128.load(p)));
  if (p < end) store<f64>(p + shift, f64x2.extract_lane(apply1x2(op, f64x2.splat(load<f64>(p))), 0));
}

// @ts-ignore: decorator
@inline
function apply1x2(op: i32, v: v128): v128 {
  return op == EXP ? exp2x(v) : op == TANH ? tanh2x(v) : sigmoid2x(v);
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

/** Where the memory the JavaScript side may use starts (after this module's static data). */
export function heapBase(): usize {
  return (__heap_base + 15) & ~15;
}
