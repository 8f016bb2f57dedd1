// plot.boundary(predict, X, y, {grid}): what a 2-input classifier or regressor answers over the plane
// (TensorFlow Playground's picture). The kernel evaluates `predict` on a grid x grid lattice covering the
// data and sends the numbers; the UI (ui/components/boundary-view.ts) fills the regions and draws the
// boundary line and the points. `predict` is a function of an (N, 2) tensor or a model with
// `predict(X)` / `forward(X)` / `call(X)`; it may answer
//   (N,) or (N, 1) in [0, 1]  -> the probability of class 1, boundary at 0.5 ("probability")
//   (N,) or (N, 1) otherwise  -> a value (a neuron's z, a regression), line at 0 when it changes sign ("value")
//   (N, k), k > 1             -> one score per class (softmax or logits): regions by argmax ("classes")
import { MIME } from "../protocol/mime.ts";
import { quietly } from "../autograd/mode.ts";
import { Tensor } from "../tensor/tensor.ts";
import { flat, fmt, json, rows, View } from "./view.ts";

export interface BoundaryPoint { x: number; y: number; label: number | null }

export interface BoundaryPayload {
  kind: "classes" | "probability" | "value";
  x: [number, number];
  y: [number, number];
  /** lattice size: nx columns (x) by ny rows (y). */
  nx: number;
  ny: number;
  /**
   * Row-major grids (row 0 at y[0], column 0 at x[0]). "classes": one grid per class, class k's score
   * minus the best other class's, so region k is where it is > 0. Otherwise one grid of values.
   */
  fields: (number | null)[][];
  classes: number;
  /** the value of the drawn boundary line, or null for none. */
  threshold: number | null;
  points: BoundaryPoint[];
  /** share of points whose label the model predicts (classification with labels). */
  accuracy: number | null;
  title?: string;
  xLabel?: string;
  yLabel?: string;
}

export interface BoundaryOptions {
  /** points per side of the lattice (default 40, at most 120). */
  grid?: number;
  /** the plotted range (default: the data's range with a margin). */
  x?: [number, number];
  y?: [number, number];
  /** where the line is drawn (default 0.5 for probabilities, 0 for values changing sign); null for none. */
  threshold?: number | null;
  title?: string;
  xLabel?: string;
  yLabel?: string;
}

export type Predictor = ((X: Tensor) => unknown) | { predict?: (X: Tensor) => unknown; forward?: (X: Tensor) => unknown; call?: (X: Tensor) => unknown };

const WHERE = "plot.boundary";

export function asPredictFn(model: unknown, where: string): (X: Tensor) => unknown {
  if (typeof model === "function") return model as (X: Tensor) => unknown;
  if (typeof model === "object" && model !== null) {
    for (const k of ["predict", "forward", "call"] as const) {
      const f = (model as Record<string, unknown>)[k];
      if (typeof f === "function") return (X: Tensor) => (f as (X: Tensor) => unknown).call(model, X);
    }
  }
  throw new Error(`${where}: expected a function of X or a model with predict(X) or forward(X), got ${typeof model}`);
}

/** The predictions for the N rows of X: N x k numbers, row-major, and k. */
function predictions(fn: (X: Tensor) => unknown, X: Tensor): { v: ArrayLike<number>; k: number } {
  const out = quietly(() => fn(X));
  const n = X.shape[0]!;
  const v = out instanceof Tensor ? out.data : flat(out, `${WHERE}: the prediction`);
  if (v.length % n !== 0 || v.length === 0) throw new Error(`${WHERE}: the prediction for ${n} points has ${v.length} values (expected (${n},) or (${n}, k))`);
  return { v, k: v.length / n };
}

/** Class k's score minus the best other class's, at every point. */
function margins(v: ArrayLike<number>, k: number, n: number): (number | null)[][] {
  return Array.from({ length: k }, (_, c) => {
    const out = new Array<number | null>(n);
    for (let i = 0; i < n; i++) {
      let other = -Infinity;
      for (let o = 0; o < k; o++) if (o !== c && v[i * k + o]! > other) other = v[i * k + o]!;
      out[i] = json(v[i * k + c]! - other);
    }
    return out;
  });
}

function argmaxRow(v: ArrayLike<number>, k: number, i: number): number {
  let best = 0;
  for (let o = 1; o < k; o++) if (v[i * k + o]! > v[i * k + best]!) best = o;
  return best;
}

export function boundary(model: Predictor, X: unknown, y?: unknown, options: BoundaryOptions = {}): View<BoundaryPayload> {
  const fn = asPredictFn(model, WHERE);
  const data = rows(X, `${WHERE}: X`);
  if (data.length === 0 || data.some((r) => r.length !== 2)) throw new Error(`${WHERE}: X must have shape (N, 2), got (${data.length}, ${data[0]?.length ?? 0})`);
  const labels = y === undefined || y === null ? null : labelsOf(y, data.length);
  const grid = Math.max(4, Math.min(120, Math.round(options.grid ?? 40)));
  const xr = options.x ?? padded(data.map((r) => r[0]!));
  const yr = options.y ?? padded(data.map((r) => r[1]!));
  const lattice = new Float64Array(grid * grid * 2);
  for (let j = 0; j < grid; j++) for (let i = 0; i < grid; i++) {
    const at = (j * grid + i) * 2;
    lattice[at] = xr[0] + ((xr[1] - xr[0]) * i) / (grid - 1);
    lattice[at + 1] = yr[0] + ((yr[1] - yr[0]) * j) / (grid - 1);
  }
  const n = grid * grid;
  const { v: onGrid, k } = predictions(fn, new Tensor(lattice, [n, 2]));
  let kind: BoundaryPayload["kind"];
  let fields: (number | null)[][];
  let lo = Infinity, hi = -Infinity;
  if (k > 1) {
    kind = "classes";
    fields = margins(onGrid, k, n);
  } else {
    for (let i = 0; i < n; i++) { const x = onGrid[i]!; if (x < lo) lo = x; if (x > hi) hi = x; }
    kind = lo >= 0 && hi <= 1 ? "probability" : "value";
    fields = [Array.from(onGrid, json)];
  }
  const threshold = options.threshold !== undefined ? options.threshold
    : kind === "probability" ? 0.5
    : kind === "value" && lo < 0 && hi > 0 ? 0 : null;
  let accuracy: number | null = null;
  if (labels && kind !== "value") {
    const { v: atPoints } = predictions(fn, new Tensor(Float64Array.from(data.flat()), [data.length, 2]));
    let right = 0;
    for (let i = 0; i < data.length; i++) {
      const predicted = k > 1 ? argmaxRow(atPoints, k, i) : atPoints[i]! >= (threshold ?? 0.5) ? 1 : 0;
      if (predicted === labels[i]) right++;
    }
    accuracy = right / data.length;
  }
  const points = data.map((r, i) => ({ x: r[0]!, y: r[1]!, label: labels ? json(labels[i]!) : null }));
  const payload: BoundaryPayload = {
    kind, x: xr, y: yr, nx: grid, ny: grid, fields, classes: k > 1 ? k : kind === "probability" ? 2 : 1, threshold, points, accuracy,
    ...(options.title ? { title: options.title } : {}),
    ...(options.xLabel ? { xLabel: options.xLabel } : {}),
    ...(options.yLabel ? { yLabel: options.yLabel } : {}),
  };
  return new View(MIME.boundary, payload, describeBoundary(payload));
}

/** Labels as numbers: a vector of classes, an (N, 1) column, or one-hot rows (their argmax). */
function labelsOf(y: unknown, n: number): number[] {
  const shape = y instanceof Tensor ? y.shape : null;
  if (shape && shape.length === 2 && shape[1]! > 1) return rows(y, `${WHERE}: y`).map((r) => r.indexOf(Math.max(...r)));
  const v = flat(y, `${WHERE}: y`);
  if (v.length !== n) throw new Error(`${WHERE}: X has ${n} points but y has ${v.length} labels`);
  return v;
}

function padded(v: number[]): [number, number] {
  let lo = Math.min(...v), hi = Math.max(...v);
  if (!(hi > lo)) { lo -= 1; hi += 1; }
  const m = (hi - lo) * 0.1;
  return [lo - m, hi + m];
}

export function describeBoundary(p: BoundaryPayload): string {
  const area = `x from ${fmt(p.x[0])} to ${fmt(p.x[1])}, y from ${fmt(p.y[0])} to ${fmt(p.y[1])}`;
  const what = p.kind === "classes" ? `decision regions of ${p.classes} classes (${shares(p)})`
    : p.kind === "probability" ? `probability of class 1 from ${range(p.fields[0]!)}, boundary at ${p.threshold}`
    : `values from ${range(p.fields[0]!)}${p.threshold !== null ? `, line at ${fmt(p.threshold)}` : ""}`;
  const acc = p.accuracy !== null ? `; ${Math.round(p.accuracy * 100)}% of ${p.points.length} points classified correctly` : `; ${p.points.length} points`;
  return `[boundary${p.title ? ` "${p.title}"` : ""}: ${what} over ${area}${acc}]`;
}

function range(v: (number | null)[]): string {
  const f = v.filter((x): x is number => x !== null);
  return f.length ? `${fmt(Math.min(...f))} to ${fmt(Math.max(...f))}` : "no finite values";
}

/** Each class's share of the plane, e.g. "class 0 41%, class 1 59%". */
function shares(p: BoundaryPayload): string {
  const n = p.nx * p.ny;
  return p.fields.map((f, c) => `class ${c} ${Math.round((100 * f.filter((v) => v !== null && v > 0).length) / n)}%`).join(", ");
}
