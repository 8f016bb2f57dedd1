// Large products on several threads (kernel/wasm/threads.ts) give the single-threaded kernel's bits
// and the reference backend's, for every transpose, odd sizes, 2 and 3 threads, after the shared
// memory grows; np.setNumThreads(1) turns threads off. No timings here (bench/matmul.ts has them).
import { afterAll, describe, expect, it } from "vitest";
import { jsBackend } from "../../../kernel/tensor/backend.ts";
import { WASM, wasmReady } from "../../../kernel/wasm/backend.ts";
import { helperChunks, threadedGemm, THREADS_MIN_WORK } from "../../../kernel/wasm/threads.ts";
import { np } from "../../../kernel/np.ts";

const bitsEqual = (x: Float64Array, y: Float64Array) => x.length === y.length && x.every((v, i) => Object.is(v, y[i]));

function randomArray(n: number, seed: number): Float64Array {
  np.random.seed(seed);
  return np.random.randn(n).data.slice();
}

type Case = [m: number, k: number, n: number, transA: boolean, transB: boolean];

/** The product on threads (waiting for the helpers to start if need be), single-threaded, and by the reference. */
async function threeWays([m, k, n, ta, tb]: Case, seed: number) {
  const a = randomArray(m * k + 3, seed), b = randomArray(k * n + 2, seed + 1);
  const threaded = new Float64Array(m * n + 4).fill(9), single = threaded.slice(), reference = threaded.slice();
  const deadline = Date.now() + 20_000;
  // the first large product starts the helpers and runs on one thread: retry until they are up
  while (!threadedGemm(a, 3, b, 2, threaded, 4, m, k, n, ta, tb)) {
    if (Date.now() > deadline) throw new Error("the helper threads did not start");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const before = np.getNumThreads();
  np.setNumThreads(1);
  WASM.gemm(a, 3, b, 2, single, 4, m, k, n, ta, tb);
  np.setNumThreads(before);
  jsBackend.gemm(a, 3, b, 2, reference, 4, m, k, n, ta, tb);
  return { threaded, single, reference };
}

const threadsHere = typeof SharedArrayBuffer === "function" && await wasmReady();

describe.skipIf(!threadsHere)("threaded products", () => {
  const initial = np.getNumThreads();
  afterAll(() => np.setNumThreads(initial));

  // each at least 256^3 multiply-adds: odd sizes, few rows (8 and 9: one block of 4 rows for the
  // helper), a short k, and one k over the kernel's 256-row panels with n over its 512 columns
  const cases: Case[] = [[257, 255, 259, false, false], [301, 263, 217, true, false], [259, 257, 261, false, true],
    [263, 259, 253, true, true], [8, 2100, 1000, false, false], [9, 1900, 1001, true, true], [1000, 17, 1001, false, true],
    [260, 300, 520, true, false]];
  for (const threads of [2, 3]) {
    for (const c of cases) {
      it(`${threads} threads, ${c[0]}x${c[1]}x${c[2]}${c[3] ? ", A transposed" : ""}${c[4] ? ", B transposed" : ""}: the same bits`, async () => {
        expect(c[0] * c[1] * c[2]).toBeGreaterThanOrEqual(THREADS_MIN_WORK);
        np.setNumThreads(threads);
        const { threaded, single, reference } = await threeWays(c, c[0] + c[1] + threads);
        expect(bitsEqual(threaded, reference)).toBe(true);
        expect(bitsEqual(single, reference)).toBe(true);
        expect(threaded[3]).toBe(9); // nothing written before cOff
      }, 60_000);
    }
  }

  it("the helpers did compute rows in the products above (not only the calling thread)", () => {
    // (each thread takes the next chunk of rows; on a busy machine the caller may take them all for
    // one product, but not for all of them)
    expect(helperChunks()).toBeGreaterThan(0);
    // np.parallelInfo() says the same
    const info = np.parallelInfo();
    expect(info).toMatchObject({ numThreads: 3, helperChunks: helperChunks(), minWork: 256 ** 3, oneThreadBecause: "" });
    expect(info.helpersReady).toBeGreaterThanOrEqual(1);
  });

  it("a larger product after smaller ones (the shared memory grows): the same bits", async () => {
    np.setNumThreads(2);
    await threeWays([257, 255, 259, false, false], 1);
    const { threaded, reference } = await threeWays([600, 601, 599, false, true], 2);
    expect(bitsEqual(threaded, reference)).toBe(true);
  }, 120_000);

  it("np.setNumThreads(1) keeps products on one thread; np.matmul is the same bits both ways", async () => {
    np.setNumThreads(2);
    await threeWays([256, 256, 256, false, false], 3); // the helpers are up
    np.random.seed(4);
    const A = np.random.randn(256, 300), B = np.random.randn(300, 260);
    const two = A.matmul(B).data.slice();
    np.setNumThreads(1);
    expect(np.getNumThreads()).toBe(1);
    expect(np.parallelInfo()).toMatchObject({ numThreads: 1, oneThreadBecause: "np.setNumThreads(1) was called" });
    const a = A.data, b = B.data, c = new Float64Array(256 * 260);
    expect(threadedGemm(a, 0, b, 0, c, 0, 256, 300, 260, false, false)).toBe(false);
    const one = A.matmul(B).data.slice();
    expect(bitsEqual(one, two)).toBe(true);
  }, 60_000);

  it("small products stay on one thread", () => {
    np.setNumThreads(2);
    const c = new Float64Array(255 * 256);
    expect(threadedGemm(new Float64Array(255 * 256), 0, new Float64Array(256 * 256), 0, c, 0, 255, 256, 256, false, false)).toBe(false);
  });

  it("np.setNumThreads takes a whole number of at least 1", () => {
    expect(() => np.setNumThreads(0)).toThrow(/whole number >= 1/);
    expect(() => np.setNumThreads(1.5)).toThrow(/whole number >= 1/);
  });
});
