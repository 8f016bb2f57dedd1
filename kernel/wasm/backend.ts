// The WASM backend's JavaScript side: loads kernels.wasm (compiled from assembly/kernels.ts) and
// runs an op's arithmetic in it.
//
// Operands are copied into the module's memory, one function runs, the result is copied out into
// the op's own Float64Array. Why not keep tensors in WASM memory: freeing them would rest on
// FinalizationRegistry, whose callbacks run only between tasks, and a training loop is one long
// synchronous task: 1000 epochs would pile up every temporary until the loop ends. Copies in and
// out are memcpy (about what an elementwise add costs), small against a matrix product or a
// transcendental map, which is where the time goes. The memory is a scratch area, reused by every call.
import { KERNELS_WASM_BASE64 } from "./build/kernels-wasm.ts";
import type { Backend, MapName, ReduceName } from "../tensor/backend.ts";
import { bytesOf } from "./bytes.ts";
import { threadedGemm } from "./threads.ts";

interface Kernels {
  memory: WebAssembly.Memory;
  heapBase(): number;
  gemm(a: number, b: number, c: number, m: number, k: number, n: number, transA: number, transB: number, pack: number): void;
  gemmPackSize(k: number, n: number): number;
  map(op: number, x: number, out: number, n: number): void;
  binary(op: number, x: number, y: number, out: number, rows: number, cols: number, xRow: number, xCol: number, yRow: number, yCol: number): void;
  reduce(op: number, x: number, out: number, outer: number, mid: number, inner: number): void;
}

// the op codes of assembly/maps.ts and assembly/elementwise.ts
const MAPS: Record<MapName, number> = { exp: 0, log: 1, tanh: 2, sigmoid: 3, relu: 4, sqrt: 5 };
const BINARY: Record<string, number> = { add: 0, sub: 1, mul: 2, div: 3, "tanh.backward": 4, "sigmoid.backward": 5 };
const REDUCE: Record<ReduceName, number> = { sum: 0, max: 1 };

let kernels: Kernels | null = null;
let loading: Promise<void> | null = null;
/** the module's memory as float64s; replaced whenever the memory grows (the old view is then detached) */
let heap = new Float64Array(0);
/** where the scratch area starts (in float64s) */
let base = 0;

function start(instance: WebAssembly.Instance): void {
  kernels = instance.exports as unknown as Kernels;
  heap = new Float64Array(kernels.memory.buffer);
  base = kernels.heapBase() / 8;
}

/**
 * Compile now if this thread may (Node, a worker); a page's main thread may not compile a module
 * this size synchronously, so there it compiles in the background and the reference backend runs
 * until it is ready.
 */
function load(): void {
  if (kernels !== null || loading !== null || typeof WebAssembly === "undefined") return;
  const bytes = bytesOf(KERNELS_WASM_BASE64);
  try {
    start(new WebAssembly.Instance(new WebAssembly.Module(bytes as BufferSource), {}));
  } catch {
    loading = WebAssembly.instantiate(bytes as BufferSource, {}).then(({ instance }) => start(instance));
  }
}

/** Resolves when the WASM backend can be used (at once in Node and workers). */
export async function wasmReady(): Promise<boolean> {
  load();
  if (loading !== null) await loading.catch(() => undefined);
  return kernels !== null;
}

/** Room for `count` float64s from the scratch area's start; returns the kernels. */
function reserve(count: number): Kernels {
  const k = kernels!;
  const need = (base + count) * 8;
  const have = k.memory.buffer.byteLength;
  if (need > have) {
    // grow at least by doubling, so a growing model does not grow the memory every op
    const pages = Math.ceil((Math.max(need, have * 2) - have) / 65536);
    k.memory.grow(pages);
    heap = new Float64Array(k.memory.buffer);
  }
  return k;
}

/** 16-byte aligned float64 offsets, so f64x2 loads and stores are aligned */
const align2 = (n: number) => n + (n & 1);

export const WASM: Backend = {
  name: "wasm",
  gemm(a, aOff, b, bOff, c, cOff, m, k, n, transA, transB) {
    // a large product on several threads where they can run (threads.ts), the same bits
    if (threadedGemm(a, aOff, b, bOff, c, cOff, m, k, n, transA, transB)) return;
    // operands go in as stored: the kernel reads a transposed one the right way round as it packs
    const pa = base, pb = pa + align2(m * k), pc = pb + align2(k * n), pp = pc + align2(m * n);
    const w = reserve(pp - base + kernels!.gemmPackSize(k, n));
    heap.set(a.subarray(aOff, aOff + m * k), pa);
    heap.set(b.subarray(bOff, bOff + k * n), pb);
    w.gemm(pa * 8, pb * 8, pc * 8, m, k, n, transA ? 1 : 0, transB ? 1 : 0, pp * 8);
    c.set(heap.subarray(pc, pc + m * n), cOff);
  },
  map(name, x, out) {
    const n = x.length;
    const w = reserve(n);
    heap.set(x, base);
    w.map(MAPS[name], base * 8, base * 8, n);
    out.set(heap.subarray(base, base + n));
    return true;
  },
  binary(op, x, y, out, rows, cols, xRow, xCol, yRow, yCol) {
    // a handful of numbers: the call and the copies would cost more than the loop (the reference
    // gives the same bits for these ops, so which one runs is not visible)
    if (out.length < 16) return false;
    const code = BINARY[op];
    if (code === undefined) return false;
    const px = base, py = px + align2(x.length), po = py + align2(y.length);
    const w = reserve(po - base + out.length);
    heap.set(x, px);
    heap.set(y, py);
    w.binary(code, px * 8, py * 8, po * 8, rows, cols, xRow, xCol, yRow, yCol);
    out.set(heap.subarray(po, po + out.length));
    return true;
  },
  reduce(op, x, out, outer, mid, inner) {
    const px = base, po = px + align2(x.length);
    const w = reserve(po - base + out.length);
    heap.set(x, px);
    w.reduce(REDUCE[op], px * 8, po * 8, outer, mid, inner);
    out.set(heap.subarray(po, po + out.length));
    return true;
  },
};

/** The WASM backend, or null where WebAssembly is missing or still loading. */
export function wasmBackend(): Backend | null {
  load();
  return kernels === null ? null : WASM;
}
