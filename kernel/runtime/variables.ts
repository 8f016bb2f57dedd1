// Kernel variables as plain data: full values (inspect_reply, the CLI's --json) and one-line summaries
// (the variable inspector).
import { Tensor } from "../tensor/tensor.ts";
import { repr } from "../display/repr.ts";
import { scalarText, summaryNumber } from "../display/number-text.ts";
import { toJsonNumber, type TensorValue, type VariableSummary, type VariableValue } from "../protocol/values.ts";

export function tensorValue(t: Tensor, withGrad = true): TensorValue {
  const value: TensorValue = { type: "tensor", dtype: t.dtype, shape: [...t.shape], data: Array.from(t.data, toJsonNumber) };
  if (t.name !== null) value.name = t.name;
  if (withGrad && t.grad) value.grad = { shape: [...t.grad.shape], data: Array.from(t.grad.data, toJsonNumber) };
  return value;
}

export function describeValue(value: unknown): VariableValue {
  if (value instanceof Tensor) return tensorValue(value);
  if (typeof value === "number") return { type: "number", value: toJsonNumber(value) };
  return { type: "other", kind: kindOf(value), repr: repr(value, { depth: 2, maxItems: 50 }) };
}

export function summarize(name: string, value: unknown, cell: string | null): VariableSummary {
  if (value instanceof Tensor) {
    const s = value.size > 0 ? stats(value.data) : null;
    // one number (a loss, a scalar) is its value; min, max and mean of one number say nothing more
    // a mask as numpy shows one: True/False, and how many are True (as the tensor view says)
    const bool = value.dtype === "bool";
    const values = !s ? "" : value.size === 1 ? (bool ? (value.data[0] ? "True" : "False") : scalarText(value.data[0]!))
      : bool ? `${Math.round(s.mean * value.size)} of ${value.size} True`
      : `min ${summaryNumber(s.min)}, max ${summaryNumber(s.max)}, mean ${summaryNumber(s.mean)}`;
    const summary = !s ? "empty" : `${values}${value.grad ? ", has grad" : ""}`;
    return { name, type: "tensor", shape: [...value.shape], summary, cell };
  }
  if (typeof value === "number") return { name, type: "number", summary: scalarText(value), cell };
  return { name, type: kindOf(value), summary: repr(value, { depth: 0, maxItems: 10 }).split("\n").slice(0, 3).join(" "), cell };
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "function") return /^class\b/.test(Function.prototype.toString.call(value)) ? "class" : "function";
  if (typeof value === "object") {
    const ctor = Object.getPrototypeOf(value)?.constructor;
    return ctor && ctor !== Object && ctor.name ? ctor.name : "object";
  }
  return typeof value;
}

function stats(data: Float64Array) {
  let min = Infinity, max = -Infinity, sum = 0;
  for (const v of data) { if (v < min) min = v; if (v > max) max = v; sum += v; }
  return { min, max, mean: sum / data.length };
}
