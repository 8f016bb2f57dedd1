// Threads for large matrix products (issue #16): helper threads compute blocks of rows of C while
// the calling thread computes the rest, all in one shared WebAssembly memory.
//
// The module is the second build of the same kernels (kernels-threads.wasm: imported shared memory,
// tools/build-wasm.mjs). Each helper is a worker (Node's worker_threads, or a Web Worker: the kernel
// itself runs in a worker in the app) that instantiates that module on the same memory and sleeps in
// Atomics.wait on its own control words until a product is handed to it. The calling thread copies
// A and B in, wakes the helpers, computes its own rows, waits for theirs, copies C out. Rows are
// split in multiples of 4 and every C[i, j] is the same sum in the same order whoever computes it
// (gemmRows in assembly/gemm.ts), so the bits are the single-threaded kernel's and the js backend's.
//
// Used only where it can work: SharedArrayBuffer exists, the page (if any) is cross-origin isolated,
// and this thread may block in Atomics.wait (Node, a worker; never a page's main thread). Only for
// m k n >= 256^3 (below that, waking a helper costs more than it saves), and only with helpers that
// have started: the first large product starts them and runs on one thread. The memory grows only
// here, on the calling thread, between products, while every helper sleeps.
// Measured: docs/speed.md, fourth pass.
import { KERNELS_THREADS_WASM_BASE64 } from "./build/kernels-threads-wasm.ts";
import { bytesOf } from "./bytes.ts";

interface ThreadKernels {
  heapBase(): number;
  gemmRows(a: number, b: number, c: number, m: number, k: number, n: number, transA: number, transB: number,
    pack: number, i0: number, i1: number): void;
  gemmPackSize(k: number, n: number): number;
}

/** products of at least this many multiply-adds (m k n) are shared between threads */
export const THREADS_MIN_WORK = 256 ** 3;
const MAX_PAGES = 65536; // as declared by the build (a shared memory must declare its maximum)

// A helper's control words (an Int32Array on its own SharedArrayBuffer): READY is set to 1 once it
// has instantiated the module; the caller bumps GO to hand it a product (the arguments in ARGS..),
// the helper sets DONE to GO's value when its rows are written, or FAILED to 1 first if its call
// threw (the caller then computes those rows itself and never uses that helper again: a helper
// that died without answering would leave the caller waiting for ever).
const READY = 0, GO = 1, DONE = 2, FAILED = 3, ARGS = 4, CONTROL_WORDS = ARGS + 11;

// The helper's code, the same text in Node (eval'd by worker_threads, arguments in workerData) and in
// a browser (a Blob URL worker, arguments by message): plain JavaScript, so no bundler sees it.
const HELPER_SOURCE = `"use strict";
function start(module, memory, ctl) {
  const k = new WebAssembly.Instance(module, { env: { memory } }).exports;
  Atomics.store(ctl, ${READY}, 1);
  let seen = 0;
  for (;;) {
    Atomics.wait(ctl, ${GO}, seen);
    seen = Atomics.load(ctl, ${GO});
    const a = ctl.subarray(${ARGS}, ${CONTROL_WORDS});
    try {
      k.gemmRows(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10]);
    } catch {
      Atomics.store(ctl, ${FAILED}, 1);
    }
    Atomics.store(ctl, ${DONE}, seen);
    Atomics.notify(ctl, ${DONE});
  }
}
if (typeof self === "undefined") {
  const { workerData } = require("node:worker_threads");
  start(workerData.module, workerData.memory, workerData.ctl);
} else self.onmessage = (e) => start(e.data.module, e.data.memory, e.data.ctl);
`;

interface NodeWorkerThreads {
  Worker: new (code: string, options: { eval: true; workerData: unknown }) => { unref(): void };
}
interface NodeProcess {
  versions?: { node?: string };
  getBuiltinModule?: (name: string) => unknown;
}
const nodeProcess = (globalThis as { process?: NodeProcess }).process;
const inNode = typeof nodeProcess?.versions?.node === "string";

/** Whether this thread can share products: shared memory, isolation, and Atomics.wait allowed here. */
function threadsPossible(): boolean {
  if (typeof SharedArrayBuffer !== "function" || typeof Atomics !== "object" || typeof WebAssembly !== "object") return false;
  if ((globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === false) return false;
  if (inNode) return typeof nodeProcess!.getBuiltinModule === "function";
  // a browser: only in a worker (a page's main thread may not block), and one that may start workers
  return typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== "undefined" && typeof Worker === "function";
}

function coreCount(): number {
  if (inNode) {
    const os = nodeProcess!.getBuiltinModule?.("node:os") as { availableParallelism?: () => number } | undefined;
    return os?.availableParallelism?.() ?? 1;
  }
  return (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1;
}

const possible = threadsPossible();
/** the threads a large product may use (the caller and numThreads - 1 helpers) */
let numThreads = possible ? Math.max(1, Math.min(coreCount(), 4)) : 1;

interface Shared {
  memory: WebAssembly.Memory;
  module: WebAssembly.Module;
  kernels: ThreadKernels;
  /** the memory as float64s; replaced when it grows */
  heap: Float64Array;
  /** where the scratch area starts, in float64s */
  base: number;
  /** the control words of each helper started, in order */
  helpers: Int32Array[];
}
let shared: Shared | null = null;

/**
 * Set how many threads a large product may use (like torch.set_num_threads): 1 turns threads off.
 * Where threads cannot run (no cross-origin isolation, a page's main thread) products stay on one
 * thread whatever is set.
 */
export function setNumThreads(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new Error(`setNumThreads: expected a whole number >= 1, got ${n}`);
  numThreads = n;
}

/** The threads a large product uses here: the number set (by default the cores, at most 4), or 1 where threads cannot run. */
export function getNumThreads(): number {
  return possible ? numThreads : 1;
}

function startShared(): Shared {
  const module = new WebAssembly.Module(bytesOf(KERNELS_THREADS_WASM_BASE64) as BufferSource);
  const memory = new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });
  const kernels = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as ThreadKernels;
  return { memory, module, kernels, heap: new Float64Array(memory.buffer), base: kernels.heapBase() / 8, helpers: [] };
}

function startHelper(s: Shared): void {
  const ctl = new Int32Array(new SharedArrayBuffer(CONTROL_WORDS * 4));
  const message = { module: s.module, memory: s.memory, ctl };
  if (inNode) {
    const { Worker: NodeWorker } = nodeProcess!.getBuiltinModule!("node:worker_threads") as NodeWorkerThreads;
    // unref: a sleeping helper does not keep the process alive
    new NodeWorker(HELPER_SOURCE, { eval: true, workerData: message }).unref();
  } else {
    const url = URL.createObjectURL(new Blob([HELPER_SOURCE], { type: "text/javascript" }));
    new Worker(url).postMessage(message);
    URL.revokeObjectURL(url);
  }
  s.helpers.push(ctl);
}

/** The shared memory and the helpers numThreads asks for, started if they are not (null: threads cannot run). */
function helpers(): Shared | null {
  if (!possible || numThreads < 2) return null;
  if (shared === null) {
    try {
      shared = startShared();
    } catch {
      numThreads = 1; // (no shared WebAssembly memory after all)
      return null;
    }
  }
  while (shared.helpers.length < numThreads - 1) startHelper(shared);
  return shared;
}

/**
 * Start the helper threads now rather than at the first large product, and wait (up to `timeoutMs`)
 * until they are up; resolves to the threads a large product will use.
 */
export async function threadsReady(timeoutMs = 10_000): Promise<number> {
  const s = helpers();
  if (s === null) return 1;
  const deadline = Date.now() + timeoutMs;
  const up = () => s.helpers.slice(0, numThreads - 1).filter((ctl) => Atomics.load(ctl, READY) === 1).length;
  while (up() < numThreads - 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  return 1 + up();
}

const align2 = (n: number) => n + (n & 1);

/**
 * C = op(A) op(B) on several threads, as the backend's gemm (kernel/wasm/backend.ts). Returns false,
 * having done nothing, when the product is small, threads are off or cannot run, or no helper has
 * started yet: the caller then runs it on one thread.
 */
export function threadedGemm(a: Float64Array, aOff: number, b: Float64Array, bOff: number, c: Float64Array, cOff: number,
  m: number, k: number, n: number, transA: boolean, transB: boolean): boolean {
  if (m * k * n < THREADS_MIN_WORK || m < 8) return false;
  const s = helpers();
  if (s === null) return false;
  const ready = s.helpers.slice(0, numThreads - 1).filter((ctl) => Atomics.load(ctl, READY) === 1);
  if (ready.length === 0) return false;
  // the scratch: A, B, C, then one packing area per thread
  const packSize = align2(s.kernels.gemmPackSize(k, n));
  const parts = ready.length + 1;
  const pa = s.base, pb = pa + align2(m * k), pc = pb + align2(k * n), pp = pc + align2(m * n);
  const bytes = (pp + parts * packSize) * 8;
  const have = s.memory.buffer.byteLength;
  if (bytes > have) {
    if (bytes > MAX_PAGES * 65536) return false;
    const pages = Math.min(Math.ceil((Math.max(bytes, have * 2) - have) / 65536), MAX_PAGES - have / 65536);
    s.memory.grow(pages);
    s.heap = new Float64Array(s.memory.buffer);
  }
  s.heap.set(a.subarray(aOff, aOff + m * k), pa);
  s.heap.set(b.subarray(bOff, bOff + k * n), pb);
  // rows [bounds[t], bounds[t + 1]) for thread t: helpers first, the caller last
  const bounds = Array.from({ length: parts + 1 }, (_, t) => (t === parts ? m : Math.round((m * t) / parts / 4) * 4));
  const gens = ready.map((ctl, t) => {
    ctl.set([pa * 8, pb * 8, pc * 8, m, k, n, transA ? 1 : 0, transB ? 1 : 0, (pp + t * packSize) * 8, bounds[t], bounds[t + 1]], ARGS);
    const gen = Atomics.add(ctl, GO, 1) + 1;
    Atomics.notify(ctl, GO);
    return gen;
  });
  s.kernels.gemmRows(pa * 8, pb * 8, pc * 8, m, k, n, transA ? 1 : 0, transB ? 1 : 0, (pp + ready.length * packSize) * 8,
    bounds[ready.length], m);
  ready.forEach((ctl, t) => {
    for (let done = Atomics.load(ctl, DONE); done !== gens[t]; done = Atomics.load(ctl, DONE)) Atomics.wait(ctl, DONE, done);
    if (Atomics.load(ctl, FAILED) === 1) {
      Atomics.store(ctl, READY, 2); // (not 1: never used again)
      s.kernels.gemmRows(pa * 8, pb * 8, pc * 8, m, k, n, transA ? 1 : 0, transB ? 1 : 0, (pp + ready.length * packSize) * 8,
        bounds[t], bounds[t + 1]);
    }
  });
  c.set(s.heap.subarray(pc, pc + m * n), cOff);
  return true;
}
