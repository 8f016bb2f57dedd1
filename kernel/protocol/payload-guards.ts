// Shape checks for the rich payloads of a MIME bundle and for a trace summary. A bundle comes from cell
// code (any object with a toBundle method can return one, and `progress(items, {total})` passes its
// options on), so a consumer that draws a payload checks its shape first and falls back to text/plain
// when it is wrong. Each guard checks every field a renderer reads, including the ones it puts in
// attributes, so a string can never stand where a number is expected.
import type { CheckPayload, CutPayload, ProgressPayload, TablePayload, TensorPayload } from "./mime.ts";
import type { StepSummary, TraceSummary } from "./values.ts";

type Guard<T> = (x: unknown) => x is T;

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
const isFiniteNumber = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x);
const isCount = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;
const isLine = (x: unknown): x is number | null => x === null || isCount(x);
const isString = (x: unknown): x is string => typeof x === "string";
const isBoolean = (x: unknown): x is boolean => typeof x === "boolean";
const nullable = <T>(g: Guard<T>) => (x: unknown): x is T | null => x === null || g(x);
const optional = <T>(g: Guard<T>) => (x: unknown): x is T | undefined => x === undefined || g(x);
const arrayOf = <T>(g: Guard<T>) => (x: unknown): x is T[] => Array.isArray(x) && x.every(g);
const NON_FINITE: ReadonlySet<unknown> = new Set(["NaN", "Infinity", "-Infinity"]);
/** A number as JSON carries it: finite, or one of the three strings for the others. */
export const isJsonNumber = (x: unknown): x is number | string => isFiniteNumber(x) || NON_FINITE.has(x);
const isShape = arrayOf(isCount);

function fields(x: unknown, spec: Record<string, (v: unknown) => boolean>): boolean {
  if (!isObject(x)) return false;
  for (const [key, ok] of Object.entries(spec)) if (!ok(x[key])) return false;
  return true;
}

export function isTensorPayload(x: unknown): x is TensorPayload {
  return fields(x, {
    name: nullable(isString), dtype: (d) => d === "float64" || d === "bool", shape: isShape,
    data: arrayOf(isJsonNumber), truncated: isBoolean, size: isCount,
    min: isJsonNumber, max: isJsonNumber, mean: isJsonNumber,
    requiresGrad: isBoolean, isParameter: isBoolean, hasGrad: isBoolean,
  });
}

export function isTablePayload(x: unknown): x is TablePayload {
  return fields(x, { columns: arrayOf(isString), rows: arrayOf(Array.isArray), truncated: isBoolean, total: isCount });
}

export function isProgressPayload(x: unknown): x is ProgressPayload {
  return fields(x, {
    label: nullable(isString), value: isFiniteNumber, total: nullable(isFiniteNumber),
    elapsedMs: isFiniteNumber, done: isBoolean,
  });
}

export function isCheckPayload(x: unknown): x is CheckPayload {
  return fields(x, {
    name: isString, pass: isBoolean, message: isString, index: optional(isShape),
    maxError: optional(isJsonNumber), expectedShape: optional(isShape), actualShape: optional(isShape),
  });
}

const PHASES: ReadonlySet<unknown> = new Set(["forward", "loss", "backward", "update"]);

export function isStepSummary(x: unknown): x is StepSummary {
  return fields(x, {
    step: isCount, epoch: isCount, phase: (p) => PHASES.has(p), op: isString, latex: isString, rule: isString,
    shapes: (s) => fields(s, { inputs: arrayOf(isShape), output: isShape }),
    line: isLine, name: nullable(isString), cell: nullable(isString),
    preview: (p) => fields(p, { values: arrayOf(isJsonNumber), truncated: isBoolean, min: isJsonNumber, max: isJsonNumber, mean: isJsonNumber,
      dtype: (d) => d === undefined || d === "bool" }),
  });
}

export function isTraceSummary(x: unknown): x is TraceSummary {
  return fields(x, {
    version: isCount, cell: isString, records: arrayOf(isStepSummary),
    dropped: isCount, droppedEpochs: isCount, epochs: isCount,
  });
}

/** A widget (kernel/display/widgets.ts): every field a control puts in an attribute. */
export function isWidgetPayload(x: unknown): x is import("../display/widgets.ts").WidgetPayload {
  if (!fields(x, {
    kind: (k) => k === "slider" || k === "select" || k === "checkbox" || k === "button", name: isString, label: isString,
    value: (v) => isFiniteNumber(v) || isString(v) || isBoolean(v),
    min: optional(isFiniteNumber), max: optional(isFiniteNumber), step: optional(isFiniteNumber), options: optional(arrayOf(isString)),
  })) return false;
  return true;
}

export function isCutPayload(x: unknown): x is CutPayload {
  return isObject(x) && Object.values(x).every((c) => fields(c, { id: isString, shown: isCount, total: isCount }));
}
