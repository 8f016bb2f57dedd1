// The WASM backend against the reference backend, function by function (kernel/tensor/backend.ts).
// Same IEEE operations in the same order give the same bits: the matrix product with every
// transpose, the elementwise binary ops, sqrt, relu, the reductions. exp and tanh are our own f64x2
// polynomials, log is AssemblyScript's port of musl's, not V8's: their distance from Math.* in ulps is bounded below
// (the bounds documented in kernel/wasm/assembly/kernels.ts and README.md).
import { describe, expect, it } from "vitest";
import { jsBackend, setBackend, getBackend, type MapName } from "../../../kernel/tensor/backend.ts";
import { WASM, wasmBackend } from "../../../kernel/wasm/backend.ts";
import { np } from "../../../kernel/np.ts";

const hasWasm = wasmBackend() !== null;

/** a seeded float64 array with a few awkward values mixed in */
function randomArray(n: number, seed: number): Float64Array {
  np.random.seed(seed);
  return np.random.randn(n).data.slice();
}

const bitsEqual = (x: Float64Array, y: Float64Array) => x.length === y.length && x.every((v, i) => Object.is(v, y[i]));

const view = new DataView(new ArrayBuffer(8));
/** float64s in order as integers, so that the difference of two counts the doubles between them */
function ordered(x: number): bigint {
  view.setFloat64(0, x);
  const b = view.getBigInt64(0);
  return b < 0n ? -(b & 0x7fffffffffffffffn) : b;
}
function ulps(a: number, b: number): number {
  if (Object.is(a, b) || (a !== a && b !== b)) return 0;
  if (a !== a || b !== b) return Infinity;
  const d = ordered(a) - ordered(b);
  return Number(d < 0n ? -d : d);
}

const SPECIALS = [0, -0, Infinity, -Infinity, NaN, 5e-324, -5e-324, 2.2250738585072014e-308, 1e-300, -1e-300,
  709.782712893384, 709.7827128933841, -745.1332191019411, -745.1332191019412, 1, -1, 19.06, -19.06, 22, -22, 1e-8, 0.55];

describe.skipIf(!hasWasm)("the wasm backend gives the reference backend's numbers", () => {
  const shapes: [number, number, number][] = [[1, 1, 1], [3, 5, 7], [4, 4, 4], [9, 2, 6], [300, 2, 16], [300, 16, 16], [16, 300, 16], [7, 130, 5], [5, 3, 600], [6, 270, 517], [3, 0, 4]];
  for (const [m, k, n] of shapes) {
    for (const [ta, tb] of [[false, false], [false, true], [true, false], [true, true]] as const) {
      it(`gemm ${m}x${k}x${n}${ta ? ", A transposed" : ""}${tb ? ", B transposed" : ""}: the same bits`, () => {
        const a = randomArray(m * k + 3, m + k), b = randomArray(k * n + 2, n * 7);
        const c1 = new Float64Array(m * n + 4).fill(9), c2 = c1.slice();
        jsBackend.gemm(a, 3, b, 2, c1, 4, m, k, n, ta, tb);
        WASM.gemm(a, 3, b, 2, c2, 4, m, k, n, ta, tb);
        expect(bitsEqual(c1, c2)).toBe(true);
        expect(c2[0]).toBe(9); // nothing written before cOff
      });
    }
  }

  it("np.matmul and its gradients are the same bits on both backends", () => {
    const run = () => {
      np.random.seed(5);
      const X = np.random.randn(30, 7), W = np.random.randn(7, 5).requiresGrad();
      const Z = X.matmul(W);
      Z.mul(Z).sum().backward();
      return [Z.data.slice(), W.grad!.data.slice()];
    };
    const before = getBackend();
    try {
      setBackend("js");
      const [z1, g1] = run();
      setBackend("wasm");
      const [z2, g2] = run();
      expect(bitsEqual(z1, z2)).toBe(true);
      expect(bitsEqual(g1, g2)).toBe(true);
    } finally {
      setBackend(before);
    }
  });

  const x = Float64Array.from([...randomArray(61, 1).map((v) => v * 3), ...SPECIALS]);
  const y = Float64Array.from([...randomArray(61, 2), ...[...SPECIALS].reverse()]);
  const f2: Record<string, (a: number, b: number) => number> = {
    add: (a, b) => a + b, sub: (a, b) => a - b, mul: (a, b) => a * b, div: (a, b) => a / b,
    "tanh.backward": (g, c) => g * (1 - c * c), "sigmoid.backward": (g, c) => g * c * (1 - c),
  };
  for (const [op, f] of Object.entries(f2)) {
    it(`${op}: the same bits, same shapes and every broadcast the plan walks`, () => {
      const cases: [number, number, number, number, number, number][] = [
        [1, x.length, 0, 1, 0, 1], // same shapes
        [1, x.length, 0, 1, 0, 0], // a scalar on the right
        [1, x.length, 0, 0, 0, 1], // on the left
        [3, 27, 27, 1, 0, 1], // a row repeated (a bias)
        [27, 3, 3, 1, 1, 0], // a column repeated (keepdims)
        [3, 27, 0, 1, 27, 1],
      ];
      for (const [rows, cols, xRow, xCol, yRow, yCol] of cases) {
        const want = new Float64Array(rows * cols);
        for (let r = 0, o = 0; r < rows; r++) for (let c = 0; c < cols; c++, o++) want[o] = f(x[r * xRow + c * xCol], y[r * yRow + c * yCol]);
        const got = new Float64Array(rows * cols);
        expect(WASM.binary(op, x, y, got, rows, cols, xRow, xCol, yRow, yCol)).toBe(true);
        expect(bitsEqual(got, want), `${rows}x${cols} strides ${xRow},${xCol} ${yRow},${yCol}`).toBe(true);
      }
    });
  }

  it("an op it does not know is left to the reference (false)", () => {
    expect(WASM.binary("greater", x, y, new Float64Array(x.length), 1, x.length, 0, 1, 0, 1)).toBe(false);
  });

  for (const [op, init, combine] of [["sum", 0, (a: number, v: number) => a + v], ["max", -Infinity, (a: number, v: number) => (v > a || v !== v ? v : a)]] as const) {
    it(`reduce ${op} over (outer, mid, inner): the same bits, NaN included`, () => {
      const data = randomArray(4 * 5 * 6, 9);
      data[17] = NaN;
      for (const [outer, mid, inner] of [[4, 5, 6], [1, 120, 1], [20, 6, 1], [1, 4, 30], [0, 3, 1], [2, 0, 3]]) {
        const want = new Float64Array(outer * inner).fill(init);
        for (let o = 0; o < outer; o++) for (let m = 0; m < mid; m++) for (let i = 0; i < inner; i++) {
          want[o * inner + i] = combine(want[o * inner + i], data[(o * mid + m) * inner + i]);
        }
        const got = new Float64Array(outer * inner);
        WASM.reduce(op, data, got, outer, mid, inner);
        expect(bitsEqual(got, want), `${outer},${mid},${inner}`).toBe(true);
      }
    });
  }

  // max ulps from Math.* over 2 million points (kernels.ts documents the same bounds)
  const BOUNDS: Record<MapName, number> = { sqrt: 0, relu: 0, exp: 1, log: 1, tanh: 2, sigmoid: 2 };
  const REF: Record<MapName, (v: number) => number> = {
    sqrt: Math.sqrt, relu: (v) => (v > 0 ? v : v === v ? 0 : v), exp: Math.exp, log: Math.log, tanh: Math.tanh,
    sigmoid: (v) => (v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v))),
  };
  // each map over its interesting range: exp to its overflow and underflow, log over 600 decades
  const RANGE: Record<MapName, (r: number) => number> = {
    sqrt: (r) => Math.exp((r - 0.5) * 1400), relu: (r) => (r - 0.5) * 10, exp: (r) => (r - 0.5) * 1490,
    log: (r) => Math.exp((r - 0.5) * 1400), tanh: (r) => (r - 0.5) * 60, sigmoid: (r) => (r - 0.5) * 80,
  };
  for (const name of Object.keys(BOUNDS) as MapName[]) {
    it(`${name} is within ${BOUNDS[name]} ulp of the reference over 2e6 points and the special values`, () => {
      const n = 2_000_000;
      const xs = new Float64Array(n + SPECIALS.length);
      for (let i = 0; i < n; i++) xs[i] = RANGE[name](i / n);
      xs.set(SPECIALS, n);
      const out = new Float64Array(xs.length);
      expect(WASM.map(name, xs, out)).toBe(true);
      let worst = 0;
      for (let i = 0; i < xs.length; i++) worst = Math.max(worst, ulps(out[i], REF[name](xs[i])));
      expect(worst).toBeLessThanOrEqual(BOUNDS[name]);
    });
  }

  it("a product bigger than the memory so far grows it, and later small ones still work", () => {
    const big = 700;
    const a = randomArray(big * big, 1), b = randomArray(big * big, 2);
    const c1 = new Float64Array(big * big), c2 = new Float64Array(big * big);
    jsBackend.gemm(a, 0, b, 0, c1, 0, big, big, big, false, false);
    WASM.gemm(a, 0, b, 0, c2, 0, big, big, big, false, false);
    expect(bitsEqual(c1, c2)).toBe(true);
    const small = new Float64Array(4);
    WASM.gemm(a, 0, b, 0, small, 0, 2, 2, 2, false, false);
    expect(small[0]).toBe(0 + a[0] * b[0] + a[1] * b[2]);
  });
});

describe("choosing a backend", () => {
  it("np.setBackend switches, np.getBackend says which, an unknown name is refused", () => {
    const before = np.getBackend();
    try {
      np.setBackend("js");
      expect(np.getBackend()).toBe("js");
      if (hasWasm) {
        np.setBackend("wasm");
        expect(np.getBackend()).toBe("wasm");
      }
      expect(() => np.setBackend("gpu" as never)).toThrow('setBackend: unknown backend "gpu"; use "js" or "wasm"');
    } finally {
      np.setBackend(before);
    }
  });
});
