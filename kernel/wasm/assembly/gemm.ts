// The matrix product of the WASM backend (entry: kernels.ts; the order of every sum is the
// reference's, see kernels.ts).
import { at } from "./memory";

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

/**
 * float64s of scratch a product needs at `pack` (see gemm): a B panel, 4 packed rows of A and a
 * 4 x 4 block for C's right edge. Each thread computing rows of one product has its own.
 */
export function gemmPackSize(k: i32, n: i32): i32 {
  return min(k, KC) * ((min(n, NC) + 3) & ~3) + 4 * min(k, KC) + 16;
}

/**
 * C (m x n) = op(A) op(B), all row-major and contiguous; op(A) is m x k, stored k x m if transA
 * (and op(B) k x n, stored n x k if transB). C is overwritten. `pack` points at gemmPackSize(k, n)
 * float64s of scratch, 16-byte aligned.
 */
export function gemm(a: usize, b: usize, c: usize, m: i32, k: i32, n: i32, transA: bool, transB: bool, pack: usize): void {
  gemmRows(a, b, c, m, k, n, transA, transB, pack, 0, m);
}

/**
 * Rows i0 .. i1 of the product gemm computes (the rest of C untouched): what one thread does when
 * several share a product (kernel/wasm/threads.ts). Each row's numbers are the same sums in the same
 * order whichever rows a call takes, so the bits do not depend on how the rows are split.
 */
export function gemmRows(a: usize, b: usize, c: usize, m: i32, k: i32, n: i32, transA: bool, transB: bool, pack: usize, i0: i32, i1: i32): void {
  if (k == 0) {
    memory.fill(at(c, i0 * n), 0, <usize>(i1 - i0) * <usize>n * 8);
    return;
  }
  const ldc = <usize>n << 3;
  for (let k0: i32 = 0; k0 < k; k0 += KC) {
    const kc = min(KC, k - k0);
    const first = k0 == 0;
    const packA = pack + <usize>kc * <usize>((min(n, NC) + 3) & ~3) * 8;
    const edge = packA + (<usize>kc << 5);
    for (let j0: i32 = 0; j0 < n; j0 += NC) {
      const nc = min(NC, n - j0);
      packPanelB(b, k, n, transB, k0, kc, j0, nc, pack);
      let i: i32 = i0;
      for (; i + 4 <= i1; i += 4) {
        packRowsA(a, m, k, transA, i, 4, k0, kc, packA);
        for (let jb: i32 = 0; jb < nc; jb += 4) {
          const bp = pack + <usize>jb * <usize>kc * 8;
          const cb = at(c, i * n + j0 + jb);
          const w = min(4, nc - jb);
          if (w == 4) block4x4(packA, bp, cb, ldc, kc, first);
          else {
            // the last columns: through a 4 x 4 block of scratch
            if (!first) copyBlock(cb, ldc, edge, 32, 4, w);
            block4x4(packA, bp, edge, 32, kc, first);
            copyBlock(edge, 32, cb, ldc, 4, w);
          }
        }
      }
      // the last rows, one at a time
      for (; i < i1; i++) {
        packRowsA(a, m, k, transA, i, 1, k0, kc, packA);
        for (let jb: i32 = 0; jb < nc; jb += 4) {
          const bp = pack + <usize>jb * <usize>kc * 8;
          const cb = at(c, i * n + j0 + jb);
          const w = min(4, nc - jb);
          if (w == 4) block1x4(packA, bp, cb, kc, first);
          else {
            if (!first) copyBlock(cb, ldc, edge, 32, 1, w);
            block1x4(packA, bp, edge, kc, first);
            copyBlock(edge, 32, cb, ldc, 1, w);
          }
        }
      }
    }
  }
}

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
