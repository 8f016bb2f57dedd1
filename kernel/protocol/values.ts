// Plain-data descriptions of kernel values: what the variable inspector, `inspect_reply` and the CLI's
// `--json` output carry. JSON has no NaN or Infinity, so non-finite numbers travel as strings.
import type { StepRecord } from "../trace/record.ts";

/** A number as JSON can hold it: finite numbers as they are, the others as "NaN", "Infinity", "-Infinity". */
import type { JsonNumber } from "../trace/serialize.ts";
// JSON has no NaN or Infinity: one encoding for traces, messages and the CLI's --json
export type { JsonNumber };
export { encodeNumber as toJsonNumber, decodeNumber as fromJsonNumber } from "../trace/serialize.ts";

export interface TensorValue {
  type: "tensor";
  /** "bool" for a mask (values 1 and 0) */
  dtype: "float64" | "bool";
  shape: number[];
  /** flat, row-major. */
  data: JsonNumber[];
  name?: string | null;
  grad?: { shape: number[]; data: JsonNumber[] };
}

export interface NumberValue {
  type: "number";
  value: JsonNumber;
}

export interface OtherValue {
  type: "other";
  /** what kind of thing it is: "string", "function", "array", "object", "Dense", ... */
  kind?: string;
  repr: string;
  /** `repr` was cut at the kernel's output limit; the whole text is kept under `id` for "Show more". */
  cut?: { id: string; shown: number; total: number };
}

export type VariableValue = TensorValue | NumberValue | OtherValue;

/** One row of the variable inspector: a summary, never the full values. */
export interface VariableSummary {
  name: string;
  type: string;
  shape?: number[];
  summary: string;
  /** the cell that last defined it. */
  cell: string | null;
}

/** A trace step as the UI receives it: the record plus a small preview of the output values. */
export interface StepSummary extends StepRecord {
  /** `dtype: "bool"`: a mask, whose 1 and 0 read True and False (absent for float64) */
  preview: { values: JsonNumber[]; truncated: boolean; min: JsonNumber; max: JsonNumber; mean: JsonNumber; dtype?: "bool" };
}

export interface TraceSummary {
  version: number;
  cell: string;
  records: StepSummary[];
  /** steps the trace dropped to stay bounded, and whole epochs thinned out of a long loop. */
  dropped: number;
  droppedEpochs: number;
  epochs: number;
}

