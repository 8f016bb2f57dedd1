// Any value -> a MIME bundle (what display() and a cell's result show). Tensors get the tensor MIME plus
// their numpy-like repr; arrays of records become a table; objects that know how to show themselves
// (md, tex, plots) give their own bundle; everything else is text/plain.
import { MIME, type MimeBundle, type TablePayload, type TensorPayload } from "../protocol/mime.ts";
import { toJsonNumber } from "../protocol/values.ts";
import { Tensor } from "../tensor/tensor.ts";
import { formatShape, isShape } from "../tensor/shape.ts";
import { isDisplayable, TO_BUNDLE } from "./rich.ts";
import { repr } from "./repr.ts";
import { scalarText, summaryNumber } from "./number-text.ts";

/** Values a tensor display carries at most; the UI asks for the rest with inspect_request. */
export const MAX_TENSOR_VALUES = 10_000;
const MAX_TABLE_ROWS = 1_000;
const TEXT_TABLE_ROWS = 30;

export function toMimeBundle(value: unknown): MimeBundle {
  if (isDisplayable(value)) return value[TO_BUNDLE]();
  if (value instanceof Tensor) return { [MIME.tensor]: tensorPayload(value), [MIME.text]: value.toString() };
  if (isRecordArray(value)) {
    const table = tablePayload(value);
    return { [MIME.table]: table, [MIME.text]: textTable(table) };
  }
  // a tensor's shape reads as numpy's tuple: (6, 2)
  if (isShape(value)) return { [MIME.text]: formatShape(value) };
  // a number reads as numpy's repr of a scalar (number-text.ts): 1e-05, not JavaScript's 0.00001
  if (typeof value === "number") return { [MIME.text]: scalarText(value) };
  return { [MIME.text]: repr(value) };
}

export function tensorPayload(t: Tensor, maxValues = MAX_TENSOR_VALUES): TensorPayload {
  let min = Infinity, max = -Infinity, sum = 0;
  for (let i = 0; i < t.data.length; i++) {
    const v = t.data[i];
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  const shown = t.data.length > maxValues ? t.data.subarray(0, maxValues) : t.data;
  return {
    name: t.name,
    dtype: t.dtype,
    shape: [...t.shape],
    data: Array.from(shown, toJsonNumber),
    truncated: shown.length < t.data.length,
    size: t.size,
    min: t.size ? toJsonNumber(min) : "NaN",
    max: t.size ? toJsonNumber(max) : "NaN",
    mean: t.size ? toJsonNumber(sum / t.size) : "NaN",
    requiresGrad: t.needsGrad,
    isParameter: t.needsGrad && t.isLeaf,
    hasGrad: t.grad !== null,
  };
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== "object" || x === null || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

export function isRecordArray(x: unknown): x is Record<string, unknown>[] {
  return Array.isArray(x) && x.length > 0 && x.every(isPlainObject);
}

export function tablePayload(records: Record<string, unknown>[]): TablePayload {
  const columns: string[] = [];
  const seen = new Set<string>();
  const rows = records.slice(0, MAX_TABLE_ROWS);
  for (const r of rows) for (const k of Object.keys(r)) if (!seen.has(k)) { seen.add(k); columns.push(k); }
  return {
    columns,
    rows: rows.map((r) => columns.map((c) => cell(r[c]))),
    truncated: records.length > rows.length,
    total: records.length,
  };
}

// Table cells are JSON: numbers (non-finite as strings), strings, booleans, null; anything else as text.
function cell(v: unknown): unknown {
  if (typeof v === "number") return toJsonNumber(v);
  if (typeof v === "string" || typeof v === "boolean" || v === null) return v;
  if (v === undefined) return null;
  if (v instanceof Tensor && v.size === 1) return toJsonNumber(v.data[0]);
  return repr(v, { depth: 0 });
}

export function textTable(table: TablePayload): string {
  const shown = table.rows.slice(0, TEXT_TABLE_ROWS);
  const text = (v: unknown) => (typeof v === "string" ? (v === "NaN" || v === "Infinity" || v === "-Infinity" ? summaryNumber(Number(v)) : v) : typeof v === "number" ? summaryNumber(v) : String(v));
  const widths = table.columns.map((c, j) => Math.max(c.length, ...shown.map((r) => text(r[j]).length)));
  const line = (cells: string[]) => cells.map((s, j) => s.padEnd(widths[j])).join("  ").trimEnd();
  const out = [line(table.columns), line(widths.map((w) => "-".repeat(w))), ...shown.map((r) => line(r.map(text)))];
  if (table.total > shown.length) out.push(`... ${table.total - shown.length} more rows`);
  return out.join("\n");
}
