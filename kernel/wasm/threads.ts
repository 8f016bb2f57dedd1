// Threads for large matrix products (issue #16): helper threads compute blocks of rows of C while
// the calling thread computes the rest, all in one shared WebAssembly memory.
//
// The module is the second build of the same kernels (kernels-threads.wasm: imported shared memory,
// tools/build-wasm.mjs). Each helper is a worker (Node's worker_threads, or a Web Worker: the kernel
// itself runs in a worker in the app) that instantiates that module on the same memory and sleeps in
// Atomics.wait until a product is handed out. The calling thread copies A and B in, wakes the
// helpers, takes chunks of rows of C as they do (below), waits for the last, copies C out. Chunks
// are multiples of 4 rows and every C[i, j] is the same sum in the same order whoever computes it
// (gemmRows in assembly/gemm.ts), so the bits are the single-threaded kernel's and the js backend's.
//
// Used only where it can work: SharedArrayBuffer exists, the page (if any) is cross-origin isolated,
// and this thread may block in Atomics.wait (Node, a worker; never a page's main thread). Only for
// m k n >= 256^3 (below that, waking a helper costs more than it saves), and only with helpers that
// have started: the first large product starts them and runs on one thread. The memory grows only
// here, on the calling thread, between products, when no helper holds a chunk.
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

// The work of one product is cut into chunks of rows (a multiple of 4), about 4 per thread, and each
// thread, the caller included, takes the next chunk until none is left: if a helper gets no core
// (a busy machine), the caller takes its chunks and waits at most for the chunk the helper began.
// The control words every thread sees (an Int32Array on a SharedArrayBuffer):
// - GO: the product's number; the caller bumps it to wake the helpers (they sleep in Atomics.wait);
// - NEXT: (the product's number mod 2^21) << 10 | the chunks not yet taken; a thread takes chunk
//   c - 1 by changing c to c - 1 with compareExchange, so a helper waking late for an earlier product
//   can never take a chunk of the current one, and once a thread holds a chunk of a product the
//   caller waits for it, so the arguments it reads after taking it are that product's;
// - FINISHED: chunks written (the caller waits for all); BROKEN: set if a helper's call threw (the
//   caller then computes the whole product itself and stops using threads);
// - ARGS..: a, b, c, m, k, n, transA, transB, the rows of a chunk.
// Each helper has its own words too: READY (1 once it has instantiated the module) and PACK (where
// its packing scratch is; 0: take no chunks, as for a helper beyond the number of threads set).
// - HELPED: chunks the helpers have computed, all products together (for the tests and the bench).
const GO = 0, NEXT = 1, FINISHED = 2, BROKEN = 3, HELPED = 4, ARGS = 5, WORK_WORDS = ARGS + 9;
const READY = 0, PACK = 1, HELPER_WORDS = 2;

// The helper's code, the same text in Node (eval'd by worker_threads, arguments in workerData) and in
// a browser (a Blob URL worker, arguments by message): plain JavaScript, so no bundler sees it.
// takeChunks is the loop the caller runs too (the same text, evaluated below for it).
const TAKE_CHUNKS = `function takeChunks(k, work, gen, pack, helper) {
  const tag = (gen & 0x1fffff) << 10;
  for (;;) {
    const v = Atomics.load(work, ${NEXT});
    if ((v & ~1023) !== tag || (v & 1023) === 0) return;
    if (Atomics.compareExchange(work, ${NEXT}, v, v - 1) !== v) continue;
    const a = work.subarray(${ARGS}, ${WORK_WORDS}), i0 = ((v & 1023) - 1) * a[8];
    try {
      k.gemmRows(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], pack, i0, Math.min(a[3], i0 + a[8]));
    } catch (error) {
      Atomics.store(work, ${BROKEN}, 1);
    }
    if (helper) Atomics.add(work, ${HELPED}, 1);
    Atomics.add(work, ${FINISHED}, 1);
    Atomics.notify(work, ${FINISHED});
  }
}`;
const HELPER_SOURCE = `"use strict";
${TAKE_CHUNKS}
function start(module, memory, work, own) {
  const k = new WebAssembly.Instance(module, { env: { memory } }).exports;
  Atomics.store(own, ${READY}, 1);
  let seen = Atomics.load(work, ${GO});
  for (;;) {
    Atomics.wait(work, ${GO}, seen);
    seen = Atomics.load(work, ${GO});
    const pack = Atomics.load(own, ${PACK});
    if (pack !== 0) takeChunks(k, work, seen, pack, true);
  }
}
if (typeof self === "undefined") {
  const { workerData } = require("node:worker_threads");
  start(workerData.module, workerData.memory, workerData.work, workerData.own);
} else self.onmessage = (e) => start(e.data.module, e.data.memory, e.data.work, e.data.own);
`;
type TakeChunks = (k: ThreadKernels, work: Int32Array, gen: number, pack: number, helper: boolean) => void;
// The caller's copy of the same text (a page whose Content-Security-Policy forbids new Function, which
// the app's does not, keeps products on one thread)
let takeChunks: TakeChunks | null = null;
try {
  takeChunks = new Function(`${TAKE_CHUNKS}; return takeChunks;`)() as TakeChunks;
} catch {
  takeChunks = null;
}

interface NodeWorkerThreads {
  Worker: new (code: string, options: { eval: true; workerData: unknown }) => { unref(): void };
}
interface NodeProcess {
  versions?: { node?: string };
  getBuiltinModule?: (name: string) => unknown;
}
const nodeProcess = (globalThis as { process?: NodeProcess }).process;
const inNode = typeof nodeProcess?.versions?.node === "string";

/** Why this thread cannot share products ("" when it can): shared memory, isolation, and Atomics.wait allowed here. */
function whyNotPossible(): string {
  // (a browser gives SharedArrayBuffer only to a cross-origin isolated page and its workers)
  if ((globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === false) {
    return "the page is not cross-origin isolated (served without the COOP and COEP headers, as a static site is)";
  }
  if (typeof SharedArrayBuffer !== "function" || typeof Atomics !== "object" || typeof WebAssembly !== "object") {
    return "this runtime has no SharedArrayBuffer";
  }
  if (inNode) return typeof nodeProcess!.getBuiltinModule === "function" ? "" : "this Node has no process.getBuiltinModule (Node 20.16 or later has)";
  // a browser: only in a worker (a page's main thread may not block), and one that may start workers
  if (typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope === "undefined") return "a page's main thread may not wait for other threads";
  return typeof Worker === "function" ? "" : "this worker cannot start workers";
}

function coreCount(): number {
  if (inNode) {
    const os = nodeProcess!.getBuiltinModule?.("node:os") as { availableParallelism?: () => number } | undefined;
    return os?.availableParallelism?.() ?? 1;
  }
  return (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1;
}

const notPossible = takeChunks === null ? "the page's Content-Security-Policy forbids new Function" : whyNotPossible();
const possible = notPossible === "";
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
  /** the control words all threads share (GO, NEXT, ...) */
  work: Int32Array;
  /** each helper's own words (READY, PACK), in the order they were started */
  helpers: Int32Array[];
}
let shared: Shared | null = null;
/** set when a shared WebAssembly memory could not be made after all (products then stay on one thread) */
let noSharedMemory = false;

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
  const work = new Int32Array(new SharedArrayBuffer(WORK_WORDS * 4));
  return { memory, module, kernels, heap: new Float64Array(memory.buffer), base: kernels.heapBase() / 8, work, helpers: [] };
}

function startHelper(s: Shared): void {
  const own = new Int32Array(new SharedArrayBuffer(HELPER_WORDS * 4));
  const message = { module: s.module, memory: s.memory, work: s.work, own };
  if (inNode) {
    const { Worker: NodeWorker } = nodeProcess!.getBuiltinModule!("node:worker_threads") as NodeWorkerThreads;
    // unref: a sleeping helper does not keep the process alive
    new NodeWorker(HELPER_SOURCE, { eval: true, workerData: message }).unref();
  } else {
    const url = URL.createObjectURL(new Blob([HELPER_SOURCE], { type: "text/javascript" }));
    new Worker(url).postMessage(message);
    URL.revokeObjectURL(url);
  }
  s.helpers.push(own);
}

/** The shared memory and the helpers numThreads asks for, started if they are not (null: threads cannot run). */
function helpers(): Shared | null {
  if (!possible || numThreads < 2 || (shared !== null && Atomics.load(shared.work, BROKEN) === 1)) return null;
  if (shared === null) {
    try {
      shared = startShared();
    } catch {
      numThreads = 1;
      noSharedMemory = true;
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
  const up = () => s.helpers.slice(0, numThreads - 1).filter((own) => Atomics.load(own, READY) === 1).length;
  while (up() < numThreads - 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  return 1 + up();
}

/** How many chunks of rows the helper threads have computed so far, all products together. */
export function helperChunks(): number {
  return shared === null ? 0 : Atomics.load(shared.work, HELPED);
}

/** What np.parallelInfo() reports (as torch.__config__.parallel_info()). */
export interface ParallelInfo {
  /** the threads a large product uses here: getNumThreads() */
  numThreads: number;
  /** helper threads started and ready (they start at the first product of m k n >= 256^3) */
  helpersReady: number;
  /** chunks of rows of C the helpers have computed, all products together */
  helperChunks: number;
  /** products of at least this many multiply-adds (m k n) are shared between threads */
  minWork: number;
  /** why products stay on one thread here; "" when they are shared */
  oneThreadBecause: string;
}

/** Whether large products run on several threads here, and if not, why. */
export function parallelInfo(): ParallelInfo {
  const broken = shared !== null && Atomics.load(shared.work, BROKEN) === 1;
  const because = !possible ? notPossible
    : noSharedMemory ? "no shared WebAssembly memory could be made here"
    : broken ? "a helper thread failed, so products run on one thread from then on"
    : numThreads < 2 ? (coreCount() < 2 ? "this machine reports one core" : "np.setNumThreads(1) was called")
    : "";
  const helpersReady = shared === null ? 0 : shared.helpers.filter((own) => Atomics.load(own, READY) === 1).length;
  return { numThreads: getNumThreads(), helpersReady, helperChunks: helperChunks(), minWork: THREADS_MIN_WORK, oneThreadBecause: because };
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
  const used = numThreads - 1;
  const ready = s.helpers.slice(0, used).filter((own) => Atomics.load(own, READY) === 1).length;
  if (ready === 0) return false;
  // the scratch: A, B, C, then a packing area for each helper started and one for the caller
  const packSize = align2(s.kernels.gemmPackSize(k, n));
  const pa = s.base, pb = pa + align2(m * k), pc = pb + align2(k * n), pp = pc + align2(m * n);
  const bytes = (pp + (s.helpers.length + 1) * packSize) * 8;
  const have = s.memory.buffer.byteLength;
  if (bytes > have) {
    if (bytes > MAX_PAGES * 65536) return false;
    const pages = Math.min(Math.ceil((Math.max(bytes, have * 2) - have) / 65536), MAX_PAGES - have / 65536);
    s.memory.grow(pages);
    s.heap = new Float64Array(s.memory.buffer);
  }
  s.heap.set(a.subarray(aOff, aOff + m * k), pa);
  s.heap.set(b.subarray(bOff, bOff + k * n), pb);
  // about 4 chunks per thread, of a multiple of 4 rows
  const chunkRows = Math.max(4, Math.ceil(m / (4 * (ready + 1)) / 4) * 4);
  const chunks = Math.ceil(m / chunkRows);
  const w = s.work;
  // every helper started gets its area, or 0 (take no chunks: beyond numThreads); one that comes up
  // while this product runs may join it
  s.helpers.forEach((own, t) => Atomics.store(own, PACK, t < used ? (pp + t * packSize) * 8 : 0));
  w.set([pa * 8, pb * 8, pc * 8, m, k, n, transA ? 1 : 0, transB ? 1 : 0, chunkRows], ARGS);
  Atomics.store(w, FINISHED, 0);
  const gen = (Atomics.load(w, GO) + 1) | 0;
  Atomics.store(w, NEXT, ((gen & 0x1fffff) << 10) | chunks);
  Atomics.store(w, GO, gen);
  Atomics.notify(w, GO);
  const ownPack = (pp + s.helpers.length * packSize) * 8;
  takeChunks!(s.kernels, w, gen, ownPack, false);
  for (let f = Atomics.load(w, FINISHED); f < chunks; f = Atomics.load(w, FINISHED)) Atomics.wait(w, FINISHED, f);
  if (Atomics.load(w, BROKEN) === 1) {
    // a helper's call threw: the whole product here, and no threads from now on (helpers() says null)
    s.kernels.gemmRows(pa * 8, pb * 8, pc * 8, m, k, n, transA ? 1 : 0, transB ? 1 : 0, ownPack, 0, m);
  }
  c.set(s.heap.subarray(pc, pc + m * n), cOff);
  return true;
}
