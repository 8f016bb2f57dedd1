// plot.histogram(values, {bins}): how values are spread (activations per layer, with and without
// batch norm). Several series — a list of tensors, or {name: tensor} — share the same bins and are
// drawn side by side (ui/components/histogram-view.ts). NaN and infinities are counted apart, not binned.
import { MIME } from "../protocol/mime.ts";
import { Tensor } from "../tensor/tensor.ts";
import { describeValue, flat, fmt, View } from "./view.ts";

export interface HistogramSeries {
  label: string;
  counts: number[];
  n: number;
  mean: number | null;
  std: number | null;
  /** values that are NaN or infinite (not in any bin). */
  nonFinite: number;
}

export interface HistogramPayload {
  /** bin edges, bins + 1 of them, shared by every series. */
  edges: number[];
  series: HistogramSeries[];
  title?: string;
  xLabel?: string;
}

export interface HistogramOptions {
  /** number of bins (default 20, at most 200). */
  bins?: number;
  /** names of the series (default "series 1", ... or the object's keys). */
  labels?: string[];
  /** the range binned (default: all the finite values). */
  range?: [number, number];
  title?: string;
  xLabel?: string;
}

const WHERE = "plot.histogram";

function seriesOf(data: unknown, labels?: string[]): { label: string; values: number[] }[] {
  if (typeof data === "object" && data !== null && !Array.isArray(data) && !(data instanceof Tensor) && !ArrayBuffer.isView(data)) {
    return Object.entries(data).map(([k, v]) => ({ label: k, values: flat(v, `${WHERE}: "${k}"`) }));
  }
  // a list of tensors or of lists: several series; anything else one series of all its values
  if (Array.isArray(data) && data.length > 0 && data.every((d) => d instanceof Tensor || Array.isArray(d))) {
    return data.map((d, i) => ({ label: labels?.[i] ?? `series ${i + 1}`, values: flat(d, `${WHERE}: series ${i + 1}`) }));
  }
  return [{ label: labels?.[0] ?? "values", values: flat(data, WHERE) }];
}

export function histogram(data: unknown, options: HistogramOptions = {}): View<HistogramPayload> {
  if (data === undefined || data === null) throw new Error(`${WHERE}: expected a tensor or a list of numbers, got ${describeValue(data)}`);
  const all = seriesOf(data, options.labels);
  const bins = Math.max(1, Math.min(200, Math.round(options.bins ?? 20)));
  const finite = all.flatMap((s) => s.values.filter(Number.isFinite));
  let [lo, hi] = options.range ?? [Math.min(...finite), Math.max(...finite)];
  if (!finite.length && !options.range) { lo = 0; hi = 1; }
  if (!(hi > lo)) { lo -= 0.5; hi += 0.5; }
  const edges = Array.from({ length: bins + 1 }, (_, i) => lo + ((hi - lo) * i) / bins);
  const series = all.map(({ label, values }) => {
    const counts = new Array<number>(bins).fill(0);
    let n = 0, sum = 0, sq = 0, nonFinite = 0;
    for (const v of values) {
      if (!Number.isFinite(v)) { nonFinite++; continue; }
      if (v < lo || v > hi) continue; // outside a given range
      // numpy's rule: bins are half-open [a, b) except the last, which includes its right edge
      counts[Math.min(bins - 1, Math.floor(((v - lo) / (hi - lo)) * bins))]!++;
      n++; sum += v; sq += v * v;
    }
    const mean = n ? sum / n : null;
    return { label, counts, n, mean, std: n ? Math.sqrt(Math.max(0, sq / n - mean! * mean!)) : null, nonFinite };
  });
  const payload: HistogramPayload = { edges, series, ...(options.title ? { title: options.title } : {}), ...(options.xLabel ? { xLabel: options.xLabel } : {}) };
  const text = series.map((s) => `${s.label}: ${s.n} values${s.mean !== null ? `, mean ${fmt(s.mean)}, std ${fmt(s.std!)}` : ""}, most in ${mode(s, edges)}${s.nonFinite ? `, ${s.nonFinite} not finite` : ""}`).join("; ");
  return new View(MIME.histogram, payload, `[histogram${options.title ? ` "${options.title}"` : ""} of ${bins} bins from ${fmt(lo)} to ${fmt(hi)}: ${text}]`);
}

function mode(s: HistogramSeries, edges: number[]): string {
  const k = s.counts.indexOf(Math.max(...s.counts));
  return `[${fmt(edges[k]!)}, ${fmt(edges[k + 1]!)}${k === s.counts.length - 1 ? "]" : ")"}`;
}
