// MIME types of the kernel's rich outputs. Outputs are bundles keyed by MIME type (as in Jupyter), so a
// consumer picks the richest type it understands and falls back to text/plain.

export const MIME = {
  text: "text/plain",
  markdown: "text/markdown",
  latex: "text/latex",
  html: "text/html",
  tensor: "application/vnd.stepbook.tensor+json",
  table: "application/vnd.stepbook.table+json",
  plot: "application/vnd.stepbook.plot+json",
  progress: "application/vnd.stepbook.progress+json",
  check: "application/vnd.stepbook.check+json",
  // the views of kernel/display (one payload type each, drawn by ui/components/*-view.ts)
  boundary: "application/vnd.stepbook.boundary+json",
  network: "application/vnd.stepbook.network+json",
  histogram: "application/vnd.stepbook.histogram+json",
  images: "application/vnd.stepbook.images+json",
  confusion: "application/vnd.stepbook.confusion+json",
  /** a widget (ui.slider, ...): kernel/display/widgets.ts, drawn by ui/components/sb-widget.ts */
  widget: "application/vnd.stepbook.widget+json",
  /** which text fields of this bundle the kernel cut (kernel/runtime/output.ts): CutPayload */
  cut: "application/vnd.stepbook.cut+json",
} as const;

/**
 * The fields of a bundle cut in the kernel, by MIME type: `shown` characters of `total` are in the
 * bundle; the rest stays in the kernel under `id` (an output_request fetches more) while it is kept.
 */
export type CutPayload = Record<string, { id: string; shown: number; total: number }>;

/** One output, keyed by MIME type; text/plain is always present. Values are plain JSON data. */
export type MimeBundle = { [mime: string]: unknown };

/** The tensor MIME payload: enough to draw a table or heatmap without asking the kernel again. */
export interface TensorPayload {
  name: string | null;
  /** "bool" for a mask (values 1 and 0, shown by numpy as True and False) */
  dtype: "float64" | "bool";
  shape: number[];
  /** flat, row-major; non-finite values as the strings "NaN", "Infinity", "-Infinity" (JSON-safe). */
  data: (number | string)[];
  /** true when `data` holds only the first `data.length` of `size` values (large tensors). */
  truncated: boolean;
  size: number;
  min: number | string;
  max: number | string;
  mean: number | string;
  /** gradients flow through it (a parameter, or anything computed from one: PyTorch's requires_grad). */
  requiresGrad: boolean;
  /** a parameter: marked with requiresGrad() itself, not computed (a leaf of the graph). */
  isParameter: boolean;
  hasGrad: boolean;
}

/** A table of records: column names in first-seen order, one row of cells per record. */
export interface TablePayload {
  columns: string[];
  rows: unknown[][];
  truncated: boolean;
  total: number;
}

/** Progress of long work (a training loop): updated in place through its display id. */
export interface ProgressPayload {
  label: string | null;
  value: number;
  total: number | null;
  elapsedMs: number;
  done: boolean;
}

/** The result of `check(name, expected)`: pass, or where the student's value differs. */
export interface CheckPayload {
  name: string;
  pass: boolean;
  message: string;
  /** first differing index (multi-index into the expected shape), when values differ. */
  index?: number[];
  maxError?: number;
  expectedShape?: number[];
  actualShape?: number[];
  /** the expected value as text (numpy's printing), shown only when the student asks ("show expected"). */
  expected?: string;
}

/** A plot, as plain data; the UI draws it with Observable Plot (one mark per entry). */
export interface PlotSpec {
  marks: PlotMark[];
  title?: string;
  x?: { label?: string; domain?: [number, number]; type?: string };
  y?: { label?: string; domain?: [number, number]; type?: string };
  color?: { legend?: boolean; scheme?: string; type?: string };
  width?: number;
  height?: number;
}

export interface PlotMark {
  /** "contour": `values` (a width x height lattice, row-major, null for gaps) over x1..x2, y1..y2;
   *  "path": a line with a dot per step, coloured and labelled by `series`. */
  type: "line" | "dot" | "cell" | "barY" | "ruleY" | "ruleX" | "text" | "contour" | "path";
  /** an array of records; `x`, `y`, `fill`, `stroke` name its fields. */
  data: Record<string, number | string | null>[];
  x?: string;
  y?: string;
  fill?: string;
  stroke?: string;
  [option: string]: unknown;
}
