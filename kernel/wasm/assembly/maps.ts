// The unary maps of the WASM backend (entry: kernels.ts; accuracy bounds there).
import { at } from "./memory";

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
