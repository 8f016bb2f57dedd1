// What a `trace` message carries: the step records (plain data, no tensor values) plus a small preview
// of each step's output, so the step-through view can show something at once and fetch full values with
// inspect_request only for the step the student looks at.
import type { Trace } from "../trace/trace.ts";
import { stepRecords } from "../trace/steps.ts";
import { stepTensors } from "../trace/step-tensors.ts";
import { TRACE_VERSION } from "../trace/record.ts";
import { toJsonNumber, type StepSummary, type TraceSummary } from "../protocol/values.ts";

const PREVIEW = 8;

export function summarizeTrace(trace: Trace, cellId: string): TraceSummary {
  const tensors = stepTensors(trace);
  const records: StepSummary[] = stepRecords(trace).map((r) => {
    const output = tensors.get(r.output);
    const data = output?.data ?? new Float64Array(0);
    let min = Infinity, max = -Infinity, sum = 0;
    for (let i = 0; i < data.length; i++) {
      const v = data[i];
      if (v < min) min = v;
      if (v > max) max = v;
      sum += v;
    }
    const empty = data.length === 0;
    return {
      ...r,
      preview: {
        values: Array.from(data.subarray(0, PREVIEW), toJsonNumber),
        truncated: data.length > PREVIEW,
        min: empty ? "NaN" : toJsonNumber(min),
        max: empty ? "NaN" : toJsonNumber(max),
        mean: empty ? "NaN" : toJsonNumber(sum / data.length),
        ...(output?.dtype === "bool" ? { dtype: "bool" as const } : {}),
      },
    };
  });
  return { version: TRACE_VERSION, cell: cellId, records, dropped: trace.droppedSteps, droppedEpochs: trace.droppedEpochs, epochs: trace.epochCount };
}
