// np.matmul (wasm backend) on 1 and 2 threads side by side, in alternating rounds, at 256^3 and
// 1024^3 (kernel/wasm/threads.ts). Wall time gives GFLOP/s; in Node the process's CPU time per product
// is measured too (both threads' time together), since on a shared machine the helper may not get a
// core: then 2 threads cost CPU time and give no speed. Threads cannot run on a page's main thread,
// so in Chromium the bench page runs this in a worker (bench/browser/threads-worker.ts).
import { np } from "../kernel/np.ts";
import { threadsReady } from "../kernel/wasm/threads.ts";
import { callsFor, median } from "./timing.ts";
import { onBackend } from "./lesson-bench.ts";
import { matmulSizes } from "./matmul.ts";

export const THREAD_SIZES = ["n256", "n1024"] as const;
type ThreadKey = (typeof THREAD_SIZES)[number];

export interface ThreadFigures {
  /** the threads a large product could use here (1: threads cannot run, and nothing else was measured) */
  available: number;
  /** np.matmul GFLOP/s by wall time, on 1 thread and on 2 */
  gflops1?: Record<ThreadKey, number>;
  gflops2?: Record<ThreadKey, number>;
  /** the median of the same-round ratios: 1-thread time / 2-thread time */
  speedup?: Record<ThreadKey, number>;
  /** Node: the process's CPU milliseconds per product (all threads), on 1 thread and on 2 */
  cpuMs1?: Record<ThreadKey, number>;
  cpuMs2?: Record<ThreadKey, number>;
}

const cpuUsage = (globalThis as { process?: { cpuUsage?: () => { user: number; system: number } } }).process?.cpuUsage;
const cpuMs = () => {
  const u = cpuUsage!();
  return (u.user + u.system) / 1000;
};

export async function benchThreads(rounds: number, roundMs: number, maxRows = Infinity): Promise<ThreadFigures> {
  const before = np.getNumThreads();
  try {
    np.setNumThreads(2);
    const available = await threadsReady();
    if (available < 2) return { available };
    const out: Required<ThreadFigures> = { available, gflops1: {} as never, gflops2: {} as never, speedup: {} as never, cpuMs1: {} as never, cpuMs2: {} as never };
    const sizes = matmulSizes(maxRows);
    np.random.seed(3);
    for (const key of THREAD_SIZES) {
      const [m, k, n] = sizes[key];
      const A = np.random.randn(m, k), B = np.random.randn(k, n);
      let sink = 0;
      const product = () => { sink += onBackend("wasm", () => A.matmul(B)).data[0]; };
      const flops = 2 * m * k * n;
      const calls = flops > 1e8 ? 1 : callsFor(product, roundMs);
      const wall: Record<1 | 2, number[]> = { 1: [], 2: [] }, cpu: Record<1 | 2, number[]> = { 1: [], 2: [] };
      for (let r = -1; r < rounds; r++) {
        // alternate which runs first
        for (const t of (r & 1 ? [2, 1] : [1, 2]) as (1 | 2)[]) {
          np.setNumThreads(t);
          const c0 = cpuUsage ? cpuMs() : 0, t0 = performance.now();
          for (let i = 0; i < calls; i++) product();
          const ms = performance.now() - t0, cms = cpuUsage ? cpuMs() - c0 : 0;
          if (r >= 0) {
            wall[t].push(ms / calls);
            cpu[t].push(cms / calls);
          }
        }
      }
      // the bench checks what the tests check, in whichever runtime it runs: the same bits both ways
      np.setNumThreads(1);
      const one = A.matmul(B).data;
      np.setNumThreads(2);
      const two = A.matmul(B).data;
      if (!one.every((v, i) => Object.is(v, two[i]))) throw new Error(`threads bench: ${key} differs on 2 threads`);
      out.gflops1[key] = flops / (median(wall[1]) * 1e6);
      out.gflops2[key] = flops / (median(wall[2]) * 1e6);
      out.speedup[key] = median(wall[1].map((w, r) => w / wall[2][r]));
      out.cpuMs1[key] = median(cpu[1]);
      out.cpuMs2[key] = median(cpu[2]);
      if (Number.isNaN(sink)) throw new Error("threads bench: NaN product");
    }
    if (!cpuUsage) {
      delete (out as ThreadFigures).cpuMs1;
      delete (out as ThreadFigures).cpuMs2;
    }
    return out;
  } finally {
    np.setNumThreads(before);
  }
}
