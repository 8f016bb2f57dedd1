// The same network written by hand on Float64Arrays: plain i-k-j matrix products and the backward
// pass derived on paper. Buffers are allocated once, as a careful hand-written loop would.
import { N, LEARNING_RATE, SIZES, type Problem } from "./lesson-data.ts";

/** C (m x n) = A (m x k) B (k x n), i-k-j order so the inner loop walks rows of B and C. */
function matmul(a: Float64Array, b: Float64Array, c: Float64Array, m: number, k: number, n: number): void {
  c.fill(0);
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) {
      const av = a[i * k + p];
      for (let j = 0; j < n; j++) c[i * n + j] += av * b[p * n + j];
    }
  }
}

/** C (k x n) = Aᵀ B for A (m x k), B (m x n): the weight gradient Xᵀ dZ. */
function matmulTA(a: Float64Array, b: Float64Array, c: Float64Array, m: number, k: number, n: number): void {
  c.fill(0);
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) {
      const av = a[i * k + p];
      for (let j = 0; j < n; j++) c[p * n + j] += av * b[i * n + j];
    }
  }
}

/** C (m x k) = A Bᵀ for A (m x n), B (k x n): the upstream gradient dZ Wᵀ. */
function matmulTB(a: Float64Array, b: Float64Array, c: Float64Array, m: number, n: number, k: number): void {
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += a[i * n + j] * b[p * n + j];
      c[i * k + p] = s;
    }
  }
}

export function trainPlain(p: Problem, epochs: number): number {
  const sizes = SIZES;
  const W = p.W.map((w) => w.slice());
  const b = p.b.map((v) => v.slice());
  // activations A[0] = X, A[1], A[2], and the softmax output A[3]; gradients dZ per layer
  const A = [p.X, ...sizes.slice(1).map((s) => new Float64Array(N * s))];
  const dZ = sizes.slice(1).map((s) => new Float64Array(N * s));
  const dW = W.map((w) => new Float64Array(w.length));
  let loss = NaN;
  for (let epoch = 0; epoch < epochs; epoch++) {
    // forward: Z = A W + b, then tanh (hidden) or softmax (output)
    for (let l = 0; l < 3; l++) {
      const [k, n] = [sizes[l], sizes[l + 1]];
      const out = A[l + 1];
      matmul(A[l], W[l], out, N, k, n);
      for (let i = 0; i < N; i++) for (let j = 0; j < n; j++) out[i * n + j] += b[l][j];
      if (l < 2) for (let i = 0; i < out.length; i++) out[i] = Math.tanh(out[i]);
    }
    const P = A[3];
    const C = sizes[3];
    loss = 0;
    for (let i = 0; i < N; i++) {
      let max = -Infinity;
      for (let j = 0; j < C; j++) max = Math.max(max, P[i * C + j]);
      let sum = 0;
      for (let j = 0; j < C; j++) sum += P[i * C + j] = Math.exp(P[i * C + j] - max);
      for (let j = 0; j < C; j++) {
        P[i * C + j] /= sum;
        if (p.Y[i * C + j] === 1) loss -= Math.log(P[i * C + j]);
      }
    }
    loss /= N;
    // backward: softmax + cross-entropy gives dZ3 = (P - Y) / N; tanh' = 1 - A²
    for (let i = 0; i < P.length; i++) dZ[2][i] = (P[i] - p.Y[i]) / N;
    for (let l = 2; l >= 0; l--) {
      const [k, n] = [sizes[l], sizes[l + 1]];
      matmulTA(A[l], dZ[l], dW[l], N, k, n);
      if (l > 0) {
        matmulTB(dZ[l], W[l], dZ[l - 1], N, n, k);
        const a = A[l];
        for (let i = 0; i < a.length; i++) dZ[l - 1][i] *= 1 - a[i] * a[i];
      }
      // update (after dZ[l-1] used the old W[l])
      const w = W[l];
      for (let i = 0; i < w.length; i++) w[i] -= LEARNING_RATE * dW[l][i];
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let i = 0; i < N; i++) s += dZ[l][i * n + j];
        b[l][j] -= LEARNING_RATE * s;
      }
    }
  }
  return loss;
}
