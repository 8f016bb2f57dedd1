// C += A B for row-major blocks: the one hot loop of a neural network.
// i-k-j order keeps the innermost loop walking rows of B and C contiguously; four rows of A at a
// time reuse each loaded B[k, j] four times, and tiles over k and j keep B's tile in cache.
const TILE_K = 128;
const TILE_J = 512;

export function gemm(
  a: Float64Array, aOff: number, b: Float64Array, bOff: number, c: Float64Array, cOff: number,
  m: number, k: number, n: number,
): void {
  for (let j0 = 0; j0 < n; j0 += TILE_J) {
    const j1 = Math.min(n, j0 + TILE_J);
    for (let k0 = 0; k0 < k; k0 += TILE_K) {
      const k1 = Math.min(k, k0 + TILE_K);
      let i = 0;
      for (; i + 4 <= m; i += 4) {
        const r0 = aOff + i * k, r1 = r0 + k, r2 = r1 + k, r3 = r2 + k;
        const c0 = cOff + i * n, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
        for (let p = k0; p < k1; p++) {
          const a0 = a[r0 + p], a1 = a[r1 + p], a2 = a[r2 + p], a3 = a[r3 + p];
          const bRow = bOff + p * n;
          for (let j = j0; j < j1; j++) {
            const bv = b[bRow + j];
            c[c0 + j] += a0 * bv;
            c[c1 + j] += a1 * bv;
            c[c2 + j] += a2 * bv;
            c[c3 + j] += a3 * bv;
          }
        }
      }
      for (; i < m; i++) {
        const r = aOff + i * k;
        const cr = cOff + i * n;
        for (let p = k0; p < k1; p++) {
          const av = a[r + p];
          const bRow = bOff + p * n;
          for (let j = j0; j < j1; j++) c[cr + j] += av * b[bRow + j];
        }
      }
    }
  }
}
