// What one op costs: the fixed part (dispatch, shape checks, allocating the output tensor) measured on
// 1x1 tensors where the arithmetic is nothing; elementwise add on a lesson-size 300x16 batch against
// the loop a student would write by hand on Float64Arrays; and nanoseconds per element of the
// elementwise and unary ops, on 300x16 and on 512x512. Measured on whichever backend is in use.
import { np } from "../kernel/np.ts";
import type { Tensor } from "../kernel/tensor/tensor.ts";
import { alternate, callsFor, median, ratio, repeated } from "./timing.ts";

export const PER_ELEMENT_OPS = ["add", "mul", "exp", "log", "tanh", "sigmoid", "relu", "sqrt", "sum"] as const;
export type PerElementOp = (typeof PER_ELEMENT_OPS)[number];

export interface OpFigures {
  /** microseconds per add of two 1x1 tensors (no gradient tracking, no trace) */
  fixedMicros: number;
  /** the same with one input requiring grad (the op also records its autograd node) */
  fixedMicrosGrad: number;
  add300x16Micros: number;
  rawAdd300x16Micros: number;
  /** how many times slower np's add is than the raw loop, on the same rounds */
  add300x16VsRaw: number;
  /** nanoseconds per element, on 300x16 (4800 elements) and 512x512 (262144) */
  nsPerElement: { n4800: Record<PerElementOp, number>; n262144: Record<PerElementOp, number> };
}

/** A plain loop into a fresh array: the output is a new array, as an op's is. */
function rawAdd(x: Float64Array, y: Float64Array): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i] + y[i];
  return out;
}

function perElement(rows: number, cols: number, rounds: number, roundMs: number): Record<PerElementOp, number> {
  np.random.seed(4);
  const X = np.random.randn(rows, cols);
  const Y = np.random.randn(rows, cols);
  const P = X.abs().add(0.5); // positive, for log and sqrt
  let sink = 0;
  const fns: Record<PerElementOp, () => Tensor> = {
    add: () => X.add(Y), mul: () => X.mul(Y), exp: () => X.exp(), log: () => P.log(), tanh: () => X.tanh(),
    sigmoid: () => X.sigmoid(), relu: () => X.relu(), sqrt: () => P.sqrt(), sum: () => X.sum({ axis: 0 }),
  };
  const calls = {} as Record<PerElementOp, number>;
  for (const op of PER_ELEMENT_OPS) calls[op] = callsFor(() => { sink += fns[op]().data[0]; }, roundMs);
  const t = alternate(PER_ELEMENT_OPS.map((op) => repeated(op, () => { sink += fns[op]().data[0]; }, calls[op])), rounds, 0);
  if (Number.isNaN(sink)) throw new Error("per-element bench: NaN");
  return Object.fromEntries(PER_ELEMENT_OPS.map((op) => [op, (median(t[op]) / calls[op]) * 1e6 / (rows * cols)])) as Record<PerElementOp, number>;
}

export function benchOps(rounds: number, roundMs: number): OpFigures {
  const a = np.full([1, 1], 1.5);
  const b = np.full([1, 1], 2.5);
  const w = np.full([1, 1], 0.5).requiresGrad();
  np.random.seed(1);
  const X = np.random.randn(300, 16);
  const Y = np.random.randn(300, 16);
  let sink = 0; // keep results observable so nothing is optimised away
  const tiny = () => { sink += a.add(b).data.length; };
  const tinyGrad = () => { sink += w.add(b).data.length; };
  const add = () => { sink += X.add(Y).data.length; };
  const raw = () => { sink += rawAdd(X.data, Y.data).length; };
  const calls = {
    tiny: callsFor(tiny, roundMs),
    tinyGrad: callsFor(tinyGrad, roundMs),
    add: callsFor(add, roundMs),
    raw: callsFor(raw, roundMs),
  };
  const t = alternate([
    repeated("tiny", tiny, calls.tiny),
    repeated("tinyGrad", tinyGrad, calls.tinyGrad),
    repeated("add", add, calls.add),
    repeated("raw", raw, calls.raw),
  ], rounds);
  if (sink === 0) throw new Error("unreachable");
  const micros = (name: keyof typeof calls) => (median(t[name]) / calls[name]) * 1000;
  // per-round ratio, corrected for the different number of calls per round
  const addVsRaw = ratio(t, "add", "raw") * (calls.raw / calls.add);
  return {
    fixedMicros: micros("tiny"),
    fixedMicrosGrad: micros("tinyGrad"),
    add300x16Micros: micros("add"),
    rawAdd300x16Micros: micros("raw"),
    add300x16VsRaw: addVsRaw,
    nsPerElement: { n4800: perElement(300, 16, rounds, roundMs), n262144: perElement(512, 512, rounds, roundMs) },
  };
}
