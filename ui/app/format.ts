// Number and shape text for the views (display only; no tensor maths here): the kernel's one rule for
// each (kernel/display/number-text.ts, kernel/tensor/shape.ts), so the app, the exported pages and the
// kernel's own messages read alike.
import type { JsonNumber } from "../../kernel/protocol/values.ts";
import { fromJsonNumber } from "../../kernel/protocol/values.ts";
import { scalarText, summaryNumber } from "../../kernel/display/number-text.ts";
import { formatShape } from "../../kernel/tensor/shape.ts";

/** A shape as numpy prints it: `(300, 4)`, `(4,)`, and `() scalar` (the word says what `()` means). */
export const shapeText = (shape: readonly number[]): string => formatShape(shape);

/** A number in summaries and tables (min, max, mean, cells): 4 significant digits (number-text.ts). */
export function num(v: JsonNumber | number | string | unknown): string {
  return typeof v === "number" || isJsonNumber(v) ? summaryNumber(toNumber(v)) : String(v);
}

/** A scalar shown as the value itself: numpy's shortest repr (number-text.ts). */
export function scalar(v: JsonNumber | number | string | unknown): string {
  return typeof v === "number" || isJsonNumber(v) ? scalarText(toNumber(v)) : String(v);
}

const isJsonNumber = (v: unknown): v is JsonNumber => v === "NaN" || v === "Infinity" || v === "-Infinity";

export const toNumber = (v: JsonNumber | number | string | unknown): number =>
  typeof v === "number" ? v : isJsonNumber(v) ? fromJsonNumber(v) : Number(v);
