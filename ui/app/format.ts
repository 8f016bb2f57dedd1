// Number and shape formatting shared by the views (display only; no tensor maths here).
import type { JsonNumber } from "../../kernel/protocol/values.ts";

/** A shape as numpy prints it: `(300, 4)`, `(4,)`, and `() scalar` (the word says what `()` means). */
export const shapeText = (shape: readonly number[]): string =>
  shape.length === 0 ? "() scalar" : shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;

/** A number in summaries and tables, the same in the app and the export: 4 significant digits. */
export function num(v: JsonNumber | number | string | unknown): string {
  if (typeof v === "string") return v === "Infinity" ? "∞" : v === "-Infinity" ? "−∞" : v;
  if (typeof v !== "number") return String(v);
  if (Number.isInteger(v) && Math.abs(v) < 1e9) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-4 || a >= 1e9)) return v.toExponential(3);
  return String(Number(v.toPrecision(4)));
}

export const toNumber = (v: JsonNumber | number | string | unknown): number => (typeof v === "number" ? v : Number(v));
