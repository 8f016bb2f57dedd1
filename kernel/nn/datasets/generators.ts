// Toy data sets, generated (no download) and seeded: the same seed gives the same numbers in Node
// and every browser (np.random's generator, and sin/cos from ./portable-math.ts). As scikit-learn's
// make_moons, make_circles, make_blobs, with CS231n's spirals, XOR and a noisy linear regression.
// Classes come as labels 0..k-1 of shape (n,); regression targets as a column (n, 1).
import { Tensor } from "../../tensor/tensor.ts";
import type { RandomState } from "../../tensor/random.ts";
import { checkOptions } from "../../tensor/options.ts";
import { generator } from "../random.ts";
import { portableCos, portableSin } from "./portable-math.ts";

export interface Dataset {
  X: Tensor;
  y: Tensor;
}

interface Noise {
  noise?: number;
  seed?: number;
  shuffle?: boolean;
}

function count(where: string, n: unknown, min = 1): number {
  if (typeof n !== "number" || !Number.isInteger(n) || n < min) throw new Error(`nn.datasets.${where}: the number of samples must be an integer >= ${min}, got ${String(n)}`);
  return n;
}

/** linspace(a, b, n) with or without the end point, as plain numbers */
function linspace(a: number, b: number, n: number, endpoint = true): number[] {
  const div = endpoint ? n - 1 : n;
  return Array.from({ length: n }, (_, i) => (div <= 0 ? a : a + ((b - a) * i) / div));
}

/** Add N(0, noise²) to X, shuffle the rows of X and y together (the same permutation). */
function finish(points: number[][], labels: number[], rng: RandomState, noise: number, shuffle: boolean, yColumn = false): Dataset {
  const n = points.length, d = points[0]?.length ?? 0;
  const order = shuffle ? Array.from(rng.permutation(n).data) : Array.from({ length: n }, (_, i) => i);
  const X = new Float64Array(n * d), y = new Float64Array(n);
  order.forEach((src, i) => {
    for (let j = 0; j < d; j++) X[i * d + j] = points[src][j];
    y[i] = labels[src];
  });
  if (noise > 0) {
    const e = rng.normal(0, noise, [n, d]).data;
    for (let i = 0; i < X.length; i++) X[i] += e[i];
  }
  return { X: new Tensor(X, [n, d]), y: new Tensor(y, yColumn ? [n, 1] : [n]) };
}

/** Two interleaving half circles (make_moons). */
export function moons(n = 100, options: Noise = {}): Dataset {
  checkOptions("nn.datasets.moons", options, ["noise", "seed", "shuffle"]);
  count("moons", n, 2);
  const nOut = Math.floor(n / 2), nIn = n - nOut;
  const pts: number[][] = [], labels: number[] = [];
  for (const t of linspace(0, Math.PI, nOut)) { pts.push([portableCos(t), portableSin(t)]); labels.push(0); }
  for (const t of linspace(0, Math.PI, nIn)) { pts.push([1 - portableCos(t), 1 - portableSin(t) - 0.5]); labels.push(1); }
  return finish(pts, labels, generator(options.seed), options.noise ?? 0, options.shuffle ?? true);
}

/** A circle inside a larger one (make_circles); `factor` is the inner radius. */
export function circles(n = 100, options: Noise & { factor?: number } = {}): Dataset {
  checkOptions("nn.datasets.circles", options, ["noise", "seed", "shuffle", "factor"]);
  count("circles", n, 2);
  const factor = options.factor ?? 0.8;
  if (!(factor >= 0 && factor < 1)) throw new Error(`nn.datasets.circles: factor must be in [0, 1), got ${factor}`);
  const nOut = Math.floor(n / 2), nIn = n - nOut;
  const pts: number[][] = [], labels: number[] = [];
  for (const t of linspace(0, 2 * Math.PI, nOut, false)) { pts.push([portableCos(t), portableSin(t)]); labels.push(0); }
  for (const t of linspace(0, 2 * Math.PI, nIn, false)) { pts.push([factor * portableCos(t), factor * portableSin(t)]); labels.push(1); }
  return finish(pts, labels, generator(options.seed), options.noise ?? 0, options.shuffle ?? true);
}

/** Gaussian clusters (make_blobs): `centers` clusters with centres uniform in `centerBox`. */
export function blobs(n = 100, options: { centers?: number; nFeatures?: number; clusterStd?: number; centerBox?: [number, number]; seed?: number; shuffle?: boolean } = {}): Dataset & { centers: Tensor } {
  checkOptions("nn.datasets.blobs", options, ["centers", "nFeatures", "clusterStd", "centerBox", "seed", "shuffle"]);
  count("blobs", n);
  const k = options.centers ?? 3, d = options.nFeatures ?? 2, std = options.clusterStd ?? 1;
  const [lo, hi] = options.centerBox ?? [-10, 10];
  const rng = generator(options.seed);
  const centres = rng.uniform(lo, hi, [k, d]);
  const pts: number[][] = [], labels: number[] = [];
  for (let c = 0; c < k; c++) {
    const m = Math.floor(n / k) + (c < n % k ? 1 : 0);
    const e = rng.normal(0, std, [m, d]).data;
    for (let i = 0; i < m; i++) {
      pts.push(Array.from({ length: d }, (_, j) => centres.data[c * d + j] + e[i * d + j]));
      labels.push(c);
    }
  }
  return { ...finish(pts, labels, rng, 0, options.shuffle ?? true), centers: centres };
}

/** Interleaved spiral arms, one per class (CS231n's spiral data): r from 0 to 1, angle + noise. */
export function spirals(n = 300, options: Noise & { classes?: number } = {}): Dataset {
  checkOptions("nn.datasets.spirals", options, ["noise", "seed", "shuffle", "classes"]);
  count("spirals", n);
  const k = options.classes ?? 3;
  const rng = generator(options.seed);
  const noise = options.noise ?? 0.2;
  const pts: number[][] = [], labels: number[] = [];
  for (let c = 0; c < k; c++) {
    const m = Math.floor(n / k) + (c < n % k ? 1 : 0);
    const rs = linspace(0, 1, m);
    const ts = linspace(c * 4, (c + 1) * 4, m);
    const e = rng.normal(0, noise, [m]).data;
    for (let i = 0; i < m; i++) {
      const t = ts[i] + e[i];
      pts.push([rs[i] * portableSin(t), rs[i] * portableCos(t)]);
      labels.push(c);
    }
  }
  return finish(pts, labels, rng, 0, options.shuffle ?? true);
}

/**
 * XOR: with no arguments, the four corners [0,0], [0,1], [1,0], [1,1] and their labels 0, 1, 1, 0
 * (a column, (4, 1), for a sigmoid output); with n, n points around those corners with noise.
 */
export function xor(n = 4, options: Noise = {}): Dataset {
  checkOptions("nn.datasets.xor", options, ["noise", "seed", "shuffle"]);
  count("xor", n);
  const corners = [[0, 0], [0, 1], [1, 0], [1, 1]];
  const pts = Array.from({ length: n }, (_, i) => corners[i % 4]);
  const labels = pts.map(([a, b]) => a ^ b);
  return finish(pts, labels, generator(options.seed), options.noise ?? 0, options.shuffle ?? n !== 4, true);
}

/** y = X w + b + noise, X ~ N(0, 1): {X (n, nFeatures), y (n, 1), coef (nFeatures, 1), bias}. */
export function linear(n = 100, options: { nFeatures?: number; noise?: number; coef?: number[]; bias?: number; seed?: number } = {}): Dataset & { coef: Tensor; bias: number } {
  checkOptions("nn.datasets.linear", options, ["nFeatures", "noise", "coef", "bias", "seed"]);
  count("linear", n);
  const rng = generator(options.seed);
  const d = options.coef?.length ?? options.nFeatures ?? 1;
  const coef = options.coef ? new Tensor(Float64Array.from(options.coef), [d, 1]) : rng.uniform(-2, 2, [d, 1]);
  const bias = options.bias ?? 0.5;
  const X = rng.randn(n, d);
  const e = rng.normal(0, options.noise ?? 0.1, [n]).data;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = bias + e[i];
    for (let j = 0; j < d; j++) s += X.data[i * d + j] * coef.data[j];
    y[i] = s;
  }
  return { X, y: new Tensor(y, [n, 1]), coef, bias };
}
