// Number and shape formatting shared by the views (display only; no tensor maths here).
import type { JsonNumber } from "../../kernel/protocol/values.ts";

export const shapeText = (shape: readonly number[]): string => (shape.length === 0 ? "scalar" : shape.join(" x "));
/** `(300x2)` as in the step formulas. */
export const shapeParen = (shape: readonly number[]): string => `(${shape.length === 0 ? "" : shape.join("x")})`;

export function num(v: JsonNumber | number | string | unknown): string {
  if (typeof v === "string") return v;
  if (typeof v !== "number") return String(v);
  if (Number.isInteger(v) && Math.abs(v) < 1e6) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return v.toExponential(3);
  return v.toFixed(4).replace(/0+$/, "").replace(/\.$/, "");
}

export const toNumber = (v: JsonNumber | number | string | unknown): number => (typeof v === "number" ? v : Number(v));
