// The kernel's public surface (no DOM): tensors, autograd, the trace.
export { np } from "./np.ts";
export { Tensor } from "./tensor/tensor.ts";
export type { TensorLike, NestedArray, ReduceOptions, DType } from "./tensor/tensor.ts";
export { OPS, getOp } from "./ops/registry.ts";
export { noGrad } from "./autograd/mode.ts";
export { gradcheck } from "./autograd/gradcheck.ts";
export { Trace } from "./trace/trace.ts";
export { startTrace, stopTrace, activeTrace, traceOf } from "./trace/active.ts";
export { stepRecords } from "./trace/steps.ts";
export { traceToJSON, traceFromJSON, encodeNumber, decodeNumber } from "./trace/serialize.ts";
export type { StepRecord, Phase, GradFlow } from "./trace/record.ts";
export { TRACE_VERSION } from "./trace/record.ts";
