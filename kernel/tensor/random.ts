// np.random: a seeded generator that gives the same numbers in Node and in every browser.
// Only integer ops, + - * / and sqrt are used (all exactly specified by IEEE 754); Math.log and
// Math.cos are not (engines may differ in the last bit), so normals use the polar method with a
// logarithm computed here from basic arithmetic.
import { Tensor, type TensorLike } from "./tensor.ts";
import { checkShape, sizeOf, type ShapeLike } from "./shape.ts";
import { checkOptions } from "./options.ts";
import { noteOrigin } from "../trace/origin.ts";

/** xoshiro128** (Blackman & Vigna), 32-bit state words; seeded through splitmix32. */
class Xoshiro128 {
  private s = new Uint32Array(4);
  constructor(seed: number) {
    this.seed(seed);
  }
  seed(seed: number): void {
    let x = seed >>> 0;
    for (let i = 0; i < 4; i++) {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      this.s[i] = (z ^ (z >>> 16)) >>> 0;
    }
  }
  nextUint32(): number {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  }
  /** A double in [0, 1) with 53 random bits. */
  next(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

const LN2 = 0.6931471805599453;
const view = new DataView(new ArrayBuffer(8));

/** ln x for x > 0, from IEEE-exact operations only: x = m 2^e, ln m = 2 atanh((m-1)/(m+1)). */
export function portableLog(x: number): number {
  if (x !== x || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return Infinity;
  if (x < 2.2250738585072014e-308) return portableLog(x * 18014398509481984) - 54 * LN2; // subnormal: scale by 2^54
  view.setFloat64(0, x);
  let e = ((view.getUint32(0) >>> 20) & 0x7ff) - 1023;
  view.setUint32(0, (view.getUint32(0) & 0x800fffff) | 0x3ff00000);
  let m = view.getFloat64(0); // in [1, 2)
  if (m > 1.4142135623730951) {
    m /= 2;
    e += 1;
  }
  const s = (m - 1) / (m + 1);
  const s2 = s * s;
  // 2 (s + s^3/3 + s^5/5 + ...), |s| < 0.172 so 12 terms reach full double precision
  let sum = 0;
  for (let k = 23; k >= 1; k -= 2) sum = sum * s2 + 1 / k;
  return e * LN2 + 2 * s * sum;
}

type ShapeArgs = (number | readonly number[])[];
const shapeOf = (args: ShapeArgs): number[] => checkShape("random", args.length === 1 && Array.isArray(args[0]) ? [...(args[0] as number[])] : (args as number[]));

export class RandomState {
  private gen: Xoshiro128;
  private spare: number | null = null;

  constructor(seed = 0) {
    this.gen = new Xoshiro128(seed);
  }

  seed(seed: number): void {
    if (!Number.isInteger(seed) || seed < 0) throw new Error(`random.seed: seed must be a non-negative integer, got ${seed}`);
    this.gen.seed(seed);
    this.spare = null;
  }

  /** Uniform [0, 1): np.random.rand(3, 2) or rand([3, 2]); no arguments gives one number. */
  rand(...shape: ShapeArgs): Tensor {
    return this.fill("rand", shapeOf(shape), () => this.gen.next());
  }
  /** Standard normal samples: np.random.randn(300, 2). */
  randn(...shape: ShapeArgs): Tensor {
    return this.fill("randn", shapeOf(shape), () => this.standardNormal());
  }
  /** Uniform in [low, high): uniform(-1, 1, [3, 2]); size may be one integer, as numpy's. */
  uniform(low = 0, high = 1, size: ShapeLike = []): Tensor {
    return this.fill("uniform", checkShape("uniform", size), () => low + (high - low) * this.gen.next());
  }
  normal(loc = 0, scale = 1, size: ShapeLike = []): Tensor {
    return this.fill("normal", checkShape("normal", size), () => loc + scale * this.standardNormal());
  }
  /** Integers in [low, high): randint(10) or randint(0, 10, [5]). */
  randint(low: number, high?: number, size: ShapeLike = []): Tensor {
    if (high === undefined) [low, high] = [0, low];
    if (high <= low) throw new Error(`randint: low >= high (${low} >= ${high})`);
    const span = high - low;
    return this.fill("randint", checkShape("randint", size), () => low + Math.floor(this.gen.next() * span));
  }
  /** A random permutation of arange(n), or of the rows of x. */
  permutation(x: number | Tensor): Tensor {
    if (typeof x === "number") {
      const idx = Float64Array.from({ length: x }, (_, i) => i);
      this.shuffleArray(idx, 1);
      return new Tensor(idx, [x]);
    }
    const copy = new Tensor(x.data.slice(), x.shape);
    this.shuffle(copy);
    return copy;
  }
  /** Shuffle the rows (axis 0) of x in place, as np.random.shuffle. */
  shuffle(x: Tensor): void {
    this.shuffleArray(x.data, x.ndim === 0 ? 1 : x.size / x.shape[0]);
  }
  /** Samples from a (an array, or arange(a) for a number), with or without replacement, optional weights p. */
  choice(a: number | TensorLike, size: ShapeLike = [], options: { replace?: boolean; p?: readonly number[] } = {}): Tensor {
    checkOptions("choice", options, ["replace", "p"]);
    const pool = typeof a === "number" ? Array.from({ length: a }, (_, i) => i) : Array.from(a instanceof Tensor ? a.data : (a as number[]).flat(Infinity) as number[]);
    const n = sizeOf(checkShape("choice", size));
    const replace = options.replace ?? true;
    if (!replace && n > pool.length) throw new Error("choice: cannot take a larger sample than population when replace is false");
    const weights = options.p ? [...options.p] : pool.map(() => 1 / pool.length);
    if (weights.length !== pool.length) throw new Error("choice: a and p must have the same size");
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const total = weights.reduce((s, w) => s + w, 0);
      let r = this.gen.next() * total;
      let k = 0;
      while (k < pool.length - 1 && r >= weights[k]) r -= weights[k++];
      out[i] = pool[k];
      if (!replace) weights[k] = 0;
    }
    return new Tensor(out, checkShape("choice", size));
  }

  private shuffleArray(data: Float64Array, rowSize: number): void {
    const rows = data.length / rowSize;
    const tmp = new Float64Array(rowSize);
    for (let i = rows - 1; i > 0; i--) {
      const j = Math.floor(this.gen.next() * (i + 1));
      if (j === i) continue;
      tmp.set(data.subarray(i * rowSize, (i + 1) * rowSize));
      data.copyWithin(i * rowSize, j * rowSize, (j + 1) * rowSize);
      data.set(tmp, j * rowSize);
    }
  }
  private standardNormal(): number {
    if (this.spare !== null) {
      const v = this.spare;
      this.spare = null;
      return v;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.gen.next() - 1;
      v = 2 * this.gen.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * portableLog(s)) / s);
    this.spare = v * f;
    return u * f;
  }
  /** `origin` names the sampler for the trace's formulas (randn(3, 4) rather than an id). */
  private fill(origin: string, shape: number[], sample: () => number): Tensor {
    const data = new Float64Array(sizeOf(shape));
    for (let i = 0; i < data.length; i++) data[i] = sample();
    return noteOrigin(new Tensor(data, shape), origin);
  }
}
