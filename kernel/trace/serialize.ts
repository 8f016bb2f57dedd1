// A trace as JSON (for the exported page and the worker's messages) and back.
// JSON has no NaN or Infinity, so non-finite numbers are written as the strings "NaN", "Infinity"
// and "-Infinity" (the same convention as the CLI's --json output).
import type { Trace } from "./trace.ts";
import { TRACE_VERSION, type StepRecord } from "./record.ts";
import { stepRecords } from "./steps.ts";
import { stepTensors } from "./step-tensors.ts";

export type JsonNumber = number | "NaN" | "Infinity" | "-Infinity";

export interface TensorJSON {
  shape: number[];
  data: JsonNumber[];
  name: string | null;
}

export interface TraceJSON {
  version: number;
  steps: StepRecord[];
  /** tensor values by id; absent when serialised without values */
  values?: Record<string, TensorJSON>;
  epochs: number;
  stepCount: number;
  droppedEpochs: number;
  droppedSteps: number;
  truncated: boolean;
  bytes: number;
}

export function encodeNumber(v: number): JsonNumber {
  if (Number.isFinite(v)) return v;
  return Number.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
}

export function decodeNumber(v: JsonNumber): number {
  if (typeof v === "number") return v;
  if (v === "NaN") return NaN;
  if (v === "Infinity") return Infinity;
  if (v === "-Infinity") return -Infinity;
  throw new Error(`trace JSON: ${JSON.stringify(v)} is not a number`);
}

export function traceToJSON(trace: Trace, options: { values?: boolean } = {}): TraceJSON {
  const json: TraceJSON = {
    version: TRACE_VERSION,
    steps: stepRecords(trace),
    epochs: trace.epochCount,
    stepCount: trace.stepCount,
    droppedEpochs: trace.droppedEpochs,
    droppedSteps: trace.droppedSteps,
    truncated: trace.truncated,
    bytes: trace.bytes(),
  };
  if (options.values ?? true) {
    json.values = {};
    for (const [id, t] of stepTensors(trace)) {
      json.values[id] = { shape: [...t.shape], data: Array.from(t.data, encodeNumber), name: t.name };
    }
  }
  return json;
}

/** Parse and check a serialised trace; values come back as Float64Arrays. */
export function traceFromJSON(input: string | TraceJSON): TraceJSON & { arrays: Map<number, Float64Array> } {
  const json: TraceJSON = typeof input === "string" ? JSON.parse(input) : input;
  if (typeof json !== "object" || json === null || !Array.isArray(json.steps)) throw new Error("trace JSON: expected an object with a steps array");
  if (json.version !== TRACE_VERSION) throw new Error(`trace JSON: version ${json.version} is not supported (expected ${TRACE_VERSION})`);
  const arrays = new Map<number, Float64Array>();
  for (const [id, v] of Object.entries(json.values ?? {})) arrays.set(Number(id), Float64Array.from(v.data, decodeNumber));
  return { ...json, arrays };
}
