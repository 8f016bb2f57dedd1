// The backend seam: where ops hand over their hot arithmetic. Two backends, one interface:
// - "js", the reference: readable TypeScript (gemm.ts here, the loops in elementwise.ts and
//   reduce.ts). A learner reads it; the tests compare the other backend against it.
// - "wasm", the default: the same arithmetic compiled from AssemblyScript with float64 SIMD (kernel/wasm/).
// A backend says `false` for work it does not do, and the op falls back to the reference loop, so a
// backend can start small. Tensors stay ordinary Float64Arrays either way (see kernel/wasm/backend.ts).
import { gemm as referenceGemm } from "./gemm.ts";
import { wasmBackend, wasmReady } from "../wasm/backend.ts";

export type BackendName = "js" | "wasm";
/** the unary maps a backend may take over (unary(a, f, name) in elementwise.ts) */
export type MapName = "exp" | "log" | "tanh" | "sigmoid" | "relu" | "sqrt";
/** a reduction along one axis of x viewed as (outer, mid, inner) */
export type ReduceName = "sum" | "max";

export interface Backend {
  readonly name: BackendName;
  /**
   * C (m x n, at cOff) = op(A) op(B), op(X) = Xᵀ when trans says so; A is m x k (stored k x m if
   * transA), B is k x n (stored n x k if transB). C is overwritten.
   */
  gemm(a: Float64Array, aOff: number, b: Float64Array, bOff: number, c: Float64Array, cOff: number,
    m: number, k: number, n: number, transA: boolean, transB: boolean): void;
  /** out[i] = name(x[i]); false if this backend leaves the map to the reference loop */
  map(name: MapName, x: Float64Array, out: Float64Array): boolean;
  /** out[r, c] = x[r xRow + c xCol] op y[r yRow + c yCol] (op is the op's name: "add", "tanh.backward") */
  binary(op: string, x: Float64Array, y: Float64Array, out: Float64Array,
    rows: number, cols: number, xRow: number, xCol: number, yRow: number, yCol: number): boolean;
  reduce(op: ReduceName, x: Float64Array, out: Float64Array, outer: number, mid: number, inner: number): boolean;
}

/** Copy the k x m matrix at x[off] into a new m x k one: how the reference handles a transposed operand. */
function transposed(x: Float64Array, off: number, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = x[off + r * cols + c];
  return out;
}

export const jsBackend: Backend = {
  name: "js",
  gemm(a, aOff, b, bOff, c, cOff, m, k, n, transA, transB) {
    c.fill(0, cOff, cOff + m * n);
    // a transposed operand is copied the right way round first: each C[i, j] is then summed in the
    // same order as for the plain product, so the result is the same to the last bit
    if (transA) [a, aOff] = [transposed(a, aOff, k, m), 0];
    if (transB) [b, bOff] = [transposed(b, bOff, n, k), 0];
    referenceGemm(a, aOff, b, bOff, c, cOff, m, k, n);
  },
  map: () => false,
  binary: () => false,
  reduce: () => false,
};

const BACKENDS: Record<BackendName, () => Backend | null> = { js: () => jsBackend, wasm: wasmBackend };

/**
 * The backend every op uses now. Read it as `backend.current` (a property, so a switch is seen).
 * The default is "wasm" wherever WebAssembly runs; on a page's main thread, where the module
 * compiles in the background, the reference runs until it is ready (unless a backend was chosen).
 */
export const backend: { current: Backend } = { current: wasmBackend() ?? jsBackend };
let chosen = false;
if (backend.current === jsBackend) {
  void wasmReady().then((ok) => {
    if (ok && !chosen) backend.current = wasmBackend()!;
  });
}

/**
 * Choose the backend: np.setBackend("js") for the readable reference, "wasm" for WebAssembly SIMD.
 * "wasm" throws where WebAssembly is missing (or its module has not finished loading on a page's
 * main thread: await np.backendReady() first there).
 */
export function setBackend(name: BackendName): void {
  const make = BACKENDS[name];
  if (make === undefined) throw new Error(`setBackend: unknown backend "${String(name)}"; use "js" or "wasm"`);
  const b = make();
  if (b === null) throw new Error(`setBackend: the "${name}" backend is not available here (no WebAssembly, or it is still loading: await np.backendReady())`);
  backend.current = b;
  chosen = true;
}

/** The name of the backend in use. */
export function getBackend(): BackendName {
  return backend.current.name;
}
