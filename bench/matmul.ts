// Matrix product throughput, GFLOP/s = 2 m k n / time: our np.matmul (float64) on each backend,
// tfjs's CPU backend (float32) and the plain i-k-j triple loop (float64) that the blocked products
// have to beat. "n16x300x16T" is Aᵀ B with A stored 300 x 16: the weight gradient of a lesson layer.
import * as tf from "@tensorflow/tfjs";
import { np } from "../kernel/np.ts";
import { alternate, callsFor, median } from "./timing.ts";
import { onBackend } from "./lesson-bench.ts";
import { gemmKernelCall } from "./gemm-kernel.ts";
import type { ThreadFigures } from "./threads.ts";

export const MATMUL_SIZES = {
  n300x2x16: [300, 2, 16],
  n300x3x16: [300, 3, 16],
  n300x16x16: [300, 16, 16],
  n16x300x16T: [16, 300, 16],
  n256: [256, 256, 256],
  n1024: [1024, 1024, 1024],
} as const;
export type MatmulKey = keyof typeof MATMUL_SIZES;

export interface MatmulFigures {
  /** np.matmul on the wasm backend */
  gflops: Record<MatmulKey, number>;
  /** the WASM kernel alone, operands already in its memory (bench/gemm-kernel.ts) */
  kernelGflops: Record<MatmulKey, number>;
  /** np.matmul on the js (reference) backend */
  jsGflops: Record<MatmulKey, number>;
  tfjsGflops: Record<MatmulKey, number>;
  plainGflops: Record<MatmulKey, number>;
  /** np.matmul on 1 and 2 threads (bench/threads.ts); the figures above are on one thread */
  threads?: ThreadFigures;
}

/** C = A B, i-k-j: for each row of A, add a[i, p] times row p of B into row i of C. */
function plainMatmul(a: Float64Array, b: Float64Array, m: number, k: number, n: number): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) {
      const av = a[i * k + p];
      for (let j = 0; j < n; j++) c[i * n + j] += av * b[p * n + j];
    }
  }
  return c;
}

/** The sizes measured: a --quick run cuts A of the products over 1e9 flops to `maxRows` rows. */
export function matmulSizes(maxRows = Infinity): Record<MatmulKey, [number, number, number]> {
  const out = {} as Record<MatmulKey, [number, number, number]>;
  for (const [key, [m, k, n]] of Object.entries(MATMUL_SIZES)) {
    out[key as MatmulKey] = [2 * m * k * n > 1e9 ? Math.min(m, maxRows) : m, k, n];
  }
  return out;
}

export function benchMatmul(rounds: number, roundMs: number, maxRows = Infinity): MatmulFigures {
  const out: MatmulFigures = { gflops: {} as never, kernelGflops: {} as never, jsGflops: {} as never, tfjsGflops: {} as never, plainGflops: {} as never };
  const sizes = matmulSizes(maxRows);
  np.random.seed(2);
  for (const key of Object.keys(sizes) as MatmulKey[]) {
    const [m, k, n] = sizes[key];
    const transposed = key.endsWith("T");
    // A is m x k; for the transposed case it is stored k x m and used as A.T
    const A = transposed ? np.random.randn(k, m) : np.random.randn(m, k);
    const B = np.random.randn(k, n);
    const Aplain = transposed ? A.T.copy() : A;
    const tA = tf.tensor2d(Float32Array.from(A.data), transposed ? [k, m] : [m, k]);
    const tB = tf.tensor2d(Float32Array.from(B.data), [k, n]);
    let sink = 0;
    const flops = 2 * m * k * n;
    const product = () => (transposed ? A.T.matmul(B) : A.matmul(B));
    const fns: Record<string, () => void> = {
      kernel: gemmKernelCall(m, k, n, transposed),
      wasm: () => { sink += onBackend("wasm", product).data[0]; },
      js: () => { sink += onBackend("js", product).data[0]; },
      tfjs: () => {
        const c = tf.matMul(tA, tB, transposed, false);
        sink += c.dataSync()[0];
        c.dispose();
      },
      plain: () => { sink += plainMatmul(Aplain.data, B.data, m, k, n)[0]; },
    };
    // A product of more than 1e8 flops takes longer than a round anyway: one call per round, and no
    // calibration call (the smaller sizes before it have warmed the code up).
    const calls = Object.fromEntries(Object.entries(fns).map(([name, fn]) => [name, flops > 1e8 ? 1 : callsFor(fn, roundMs)]));
    const t = alternate(Object.entries(fns).map(([name, fn]) => ({
      name,
      run: () => { for (let i = 0; i < calls[name]; i++) fn(); },
    })), rounds, 0);
    const gflops = (name: string) => (flops * calls[name]) / (median(t[name]) * 1e6);
    out.gflops[key] = gflops("wasm");
    out.kernelGflops[key] = gflops("kernel");
    out.jsGflops[key] = gflops("js");
    out.tfjsGflops[key] = gflops("tfjs");
    out.plainGflops[key] = gflops("plain");
    tf.dispose([tA, tB]);
    if (Number.isNaN(sink)) throw new Error("matmul bench: NaN product");
  }
  return out;
}
