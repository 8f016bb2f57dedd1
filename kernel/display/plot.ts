// Plots as plain data: helpers build a PlotSpec ({marks: [{type, data, x, y, ...}]}) that the UI draws
// with Observable Plot and the exporter bakes into the page. The kernel never draws anything.
import { MIME, type MimeBundle, type PlotMark, type PlotSpec } from "../protocol/mime.ts";
import { Tensor } from "../tensor/tensor.ts";
import { quietly } from "../autograd/mode.ts";
import { boundary } from "./boundary.ts";
import { network } from "./network.ts";
import { histogram } from "./histogram.ts";
import { images } from "./images.ts";
import { confusion } from "./confusion.ts";
import { TO_BUNDLE, type Displayable } from "./rich.ts";
import { fmt, rows as viewRows } from "./view.ts";

export type Series = Tensor | ArrayLike<number>;

export interface PlotOptions {
  title?: string;
  /** axis labels. */
  xLabel?: string;
  yLabel?: string;
  /** the legend entry of this series. */
  label?: string;
  stroke?: string;
  fill?: string;
  width?: number;
  height?: number;
}

export class Plot implements Displayable {
  constructor(readonly spec: PlotSpec) {}
  [TO_BUNDLE](): MimeBundle {
    return { [MIME.plot]: this.spec, [MIME.text]: describe(this.spec) };
  }
}

function values(s: Series): number[] {
  return Array.from(s instanceof Tensor ? s.data : s, Number);
}

function frame(mark: PlotMark, o: PlotOptions): Plot {
  return new Plot({
    marks: [mark],
    ...(o.title ? { title: o.title } : {}),
    ...(o.xLabel ? { x: { label: o.xLabel } } : {}),
    ...(o.yLabel ? { y: { label: o.yLabel } } : {}),
    ...(o.width ? { width: o.width } : {}),
    ...(o.height ? { height: o.height } : {}),
  });
}

function pairs(xsOrYs: Series, ysOrOptions?: Series | PlotOptions): { xs: number[]; ys: number[] } {
  if (ysOrOptions === undefined || isOptions(ysOrOptions)) {
    const ys = values(xsOrYs);
    return { xs: ys.map((_, i) => i), ys };
  }
  const xs = values(xsOrYs), ys = values(ysOrOptions);
  if (xs.length !== ys.length) throw new Error(`plot: x has ${xs.length} values but y has ${ys.length}`);
  return { xs, ys };
}

function isOptions(x: unknown): x is PlotOptions {
  return typeof x === "object" && x !== null && !(x instanceof Tensor) && !ArrayBuffer.isView(x) && !Array.isArray(x);
}

function pickOptions(a?: unknown, b?: unknown): PlotOptions {
  return isOptions(b) ? b : isOptions(a) ? a : {};
}

/** plot.line(ys) or plot.line(xs, ys, {label}): a line through the points (a loss curve). */
function line(xsOrYs: Series, ys?: Series | PlotOptions, options?: PlotOptions): Plot {
  const o = pickOptions(ys, options);
  const p = pairs(xsOrYs, ys);
  const data = p.xs.map((x, i) => ({ x, y: p.ys[i], series: o.label ?? null }));
  return frame({ type: "line", data, x: "x", y: "y", ...(o.label ? { stroke: "series" } : o.stroke ? { stroke: o.stroke } : {}) }, o);
}

/** plot.scatter(xs, ys, {color: labels}): points, coloured by class when `color` is given. */
function scatter(xs: Series, ys: Series, options: PlotOptions & { color?: Series | string[] } = {}): Plot {
  const p = pairs(xs, ys);
  const color = options.color === undefined ? null : Array.isArray(options.color) ? options.color : values(options.color as Series);
  const data = p.xs.map((x, i) => ({ x, y: p.ys[i], color: color ? color[i] ?? null : null }));
  return frame({ type: "dot", data, x: "x", y: "y", ...(color ? { fill: "color" } : options.fill ? { fill: options.fill } : {}) }, options);
}

/** plot.heatmap(W): one cell per matrix entry (a weight matrix, a confusion matrix). */
function heatmap(matrix: Tensor | number[][], options: PlotOptions = {}): Plot {
  const rows = matrix instanceof Tensor ? toRows(matrix) : matrix;
  const data = rows.flatMap((row, i) => row.map((v, j) => ({ x: j, y: i, value: v })));
  return frame({ type: "cell", data, x: "x", y: "y", fill: "value" }, options);
}

/** plot.bar(values, {labels}): one bar per value. */
function bar(ys: Series, options: PlotOptions & { labels?: string[] } = {}): Plot {
  const data = values(ys).map((y, i) => ({ x: options.labels?.[i] ?? String(i), y }));
  return frame({ type: "barY", data, x: "x", y: "y", ...(options.fill ? { fill: options.fill } : {}) }, options);
}

export interface ContourOptions extends PlotOptions {
  /** the range of each input (default [-1, 1]). */
  x?: [number, number];
  y?: [number, number];
  /** points per side of the lattice f is evaluated on (default 60, at most 150). */
  grid?: number;
  /** how many contour levels (default 12), or the levels themselves. */
  thresholds?: number | number[];
}

/**
 * plot.contour(f, {x: [lo, hi], y: [lo, hi]}): the level curves of f(x, y) (a loss landscape). f gets two
 * numbers and returns a number (or a one-element tensor); add an optimiser's path with plot.path and
 * plot.layer.
 */
function contour(f: (x: number, y: number) => unknown, options: ContourOptions = {}): Plot {
  if (typeof f !== "function") throw new Error("plot.contour: expected a function f(x, y)");
  const [x0, x1] = options.x ?? [-1, 1];
  const [y0, y1] = options.y ?? [-1, 1];
  const n = Math.max(4, Math.min(150, Math.round(options.grid ?? 60)));
  const values: (number | null)[] = [];
  const dx = (x1 - x0) / (n - 1), dy = (y1 - y0) / (n - 1);
  quietly(() => {
    for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) {
      const v = f(x0 + dx * i, y0 + dy * j);
      const num = v instanceof Tensor && v.size === 1 ? v.data[0]! : typeof v === "number" ? v : NaN;
      if (typeof v !== "number" && !(v instanceof Tensor && v.size === 1)) throw new Error(`plot.contour: f(${x0 + dx * i}, ${y0 + dy * j}) returned ${typeof v}, expected a number`);
      values.push(Number.isFinite(num) ? num : null);
    }
  });
  // the lattice's points are the centres of Plot's cells: the cells reach half a step past the range
  const mark: PlotMark = {
    type: "contour", data: [], values, width: n, height: n,
    x1: x0 - dx / 2, x2: x1 + dx / 2, y1: y0 - dy / 2, y2: y1 + dy / 2,
    thresholds: options.thresholds ?? 12,
  };
  return frame(mark, { height: 340, ...options, xLabel: options.xLabel ?? "x", yLabel: options.yLabel ?? "y" });
}

/**
 * plot.path(points, {label}): an optimiser's steps as a line with a dot per step; points are an (N, 2)
 * tensor, a list of [x, y] pairs or of {x, y}. Several paths (SGD, momentum, Adam) each get a colour and
 * their label at the end.
 */
function path(points: unknown, options: PlotOptions = {}): Plot {
  const list: { x: number; y: number }[] = points instanceof Tensor || (Array.isArray(points) && Array.isArray(points[0]))
    ? viewRows(points, "plot.path").map((r, i) => {
      if (r.length !== 2) throw new Error(`plot.path: point ${i} has ${r.length} coordinates, expected 2 (x, y)`);
      return { x: r[0]!, y: r[1]! };
    })
    : Array.isArray(points) ? points.map((p, i) => {
      const q = p as { x?: unknown; y?: unknown };
      if (typeof q?.x !== "number" || typeof q?.y !== "number") throw new Error(`plot.path: point ${i} is not [x, y] or {x, y}`);
      return { x: q.x, y: q.y };
    }) : (() => { throw new Error("plot.path: expected an (N, 2) tensor or a list of points"); })();
  const label = options.label ?? "path";
  const data = list.map((p, step) => ({ x: p.x, y: p.y, step, series: label }));
  return frame({ type: "path", data, x: "x", y: "y", series: label, ...(options.stroke ? { stroke: options.stroke } : {}) }, options);
}

/** plot.layer(a, b): the marks of several plots on the same axes (train and test loss). */
function layer(...plots: Plot[]): Plot {
  if (plots.length === 0) throw new Error("plot.layer: give at least one plot");
  return new Plot({ ...plots[0].spec, marks: plots.flatMap((p) => p.spec.marks) });
}

function toRows(t: Tensor): number[][] {
  if (t.shape.length !== 2) throw new Error(`plot.heatmap: expected a 2-D tensor, got shape (${t.shape.join(", ")})`);
  const [r, c] = t.shape;
  return Array.from({ length: r }, (_, i) => Array.from(t.data.subarray(i * c, (i + 1) * c)));
}

function describe(spec: PlotSpec): string {
  const parts = spec.marks.map((m) => {
    if (m.type === "contour") return describeContour(m);
    if (m.type === "path") return describePath(m);
    let lo = Infinity, hi = -Infinity;
    for (const d of m.data) {
      const v = d[m.y ?? "y"];
      if (typeof v === "number") { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    }
    const range = lo <= hi ? `, y from ${fmt(lo)} to ${fmt(hi)}` : "";
    return `${m.type} of ${m.data.length} point${m.data.length === 1 ? "" : "s"}${range}`;
  });
  return `[plot${spec.title ? ` "${spec.title}"` : ""}: ${parts.join("; ")}]`;
}

function describeContour(m: PlotMark): string {
  const values = m.values as (number | null)[];
  let lo = Infinity, hi = -Infinity, at = -1;
  values.forEach((v, i) => { if (v === null) return; if (v < lo) { lo = v; at = i; } if (v > hi) hi = v; });
  if (at < 0) return "contour with no finite values";
  const n = m.width as number, x1 = m.x1 as number, y1 = m.y1 as number;
  const dx = ((m.x2 as number) - x1) / n, dy = ((m.y2 as number) - y1) / (m.height as number);
  const where = `(${fmt(x1 + dx * ((at % n) + 0.5))}, ${fmt(y1 + dy * (Math.floor(at / n) + 0.5))})`;
  return `contour of values from ${fmt(lo)} to ${fmt(hi)}, lowest near ${where}`;
}

function describePath(m: PlotMark): string {
  const d = m.data;
  const end = (p: Record<string, unknown> | undefined) => (p ? `(${fmt(p.x as number)}, ${fmt(p.y as number)})` : "nowhere");
  return `path "${String(m.series)}" of ${d.length} step${d.length === 1 ? "" : "s"} from ${end(d[0])} to ${end(d.at(-1))}`;
}


/**
 * The `plot` namespace of a cell: plot.line, plot.scatter, plot.heatmap, plot.bar, plot.layer, plot.spec,
 * plot.contour and plot.path (marks of the plot spec), and the views with a MIME type of their own:
 * plot.boundary (boundary.ts), plot.network (network.ts), plot.histogram, plot.images, plot.confusion.
 */
export const plot = Object.assign((spec: PlotSpec) => new Plot(spec), {
  line, scatter, heatmap, bar, layer, spec: (s: PlotSpec) => new Plot(s),
  contour, path, boundary, network, histogram, images, confusion,
});
