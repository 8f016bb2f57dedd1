// The WASM GEMM kernel alone: operands already in the module's memory, no copies in or out, no op
// bookkeeping: what kernel/wasm/assembly/gemm.ts's gemm does by itself (bench/matmul.ts prints it
// beside np.matmul on the wasm backend, whose difference is the copies and the op around it).
import { KERNELS_WASM_BASE64 } from "../kernel/wasm/build/kernels-wasm.ts";
import { bytesOf } from "../kernel/wasm/bytes.ts";

interface GemmExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  gemm(a: number, b: number, c: number, m: number, k: number, n: number, transA: number, transB: number, pack: number): void;
  gemmPackSize(k: number, n: number): number;
}

let kernels: GemmExports | null = null;

function instance(): GemmExports {
  if (kernels === null) {
    const bytes = bytesOf(KERNELS_WASM_BASE64);
    kernels = new WebAssembly.Instance(new WebAssembly.Module(bytes as BufferSource), {}).exports as unknown as GemmExports;
  }
  return kernels;
}

/** A function computing C = A B (m x k times k x n, A transposed in memory if transA) in WASM memory. */
export function gemmKernelCall(m: number, k: number, n: number, transA: boolean): () => void {
  const w = instance();
  const base = w.heapBase() / 8;
  const pa = base, pb = pa + m * k + 2, pc = pb + k * n + 2, pp = pc + m * n + 2;
  const need = (pp + w.gemmPackSize(k, n)) * 8;
  if (need > w.memory.buffer.byteLength) w.memory.grow(Math.ceil((need - w.memory.buffer.byteLength) / 65536));
  const heap = new Float64Array(w.memory.buffer);
  for (let i = 0; i < m * k + k * n + 2; i++) heap[pa + i] = Math.sin(i);
  return () => w.gemm(pa * 8, pb * 8, pc * 8, m, k, n, transA ? 1 : 0, 0, pp * 8);
}
