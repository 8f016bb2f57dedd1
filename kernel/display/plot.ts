// Plots as plain data: helpers build a PlotSpec ({marks: [{type, data, x, y, ...}]}) that the UI draws
// with Observable Plot and the exporter bakes into the page. The kernel never draws anything.
import { MIME, type MimeBundle, type PlotMark, type PlotSpec } from "../protocol/mime.ts";
import { Tensor } from "../tensor/tensor.ts";
import { TO_BUNDLE, type Displayable } from "./rich.ts";

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

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toPrecision(4));

/** The `plot` namespace of a cell: plot.line, plot.scatter, plot.heatmap, plot.bar, plot.layer, plot.spec. */
export const plot = Object.assign((spec: PlotSpec) => new Plot(spec), { line, scatter, heatmap, bar, layer, spec: (s: PlotSpec) => new Plot(s) });
