// What one op costs: the fixed part (dispatch, shape checks, allocating the output tensor) measured on
// 1x1 tensors where the arithmetic is nothing, and elementwise add on a lesson-size 300x16 batch
// against the loop a student would write by hand on Float64Arrays.
import { np } from "../kernel/np.ts";
import { alternate, callsFor, median, ratio, repeated } from "./timing.ts";

export interface OpFigures {
  /** microseconds per add of two 1x1 tensors (no gradient tracking, no trace) */
  fixedMicros: number;
  /** the same with one input requiring grad (the op also records its autograd node) */
  fixedMicrosGrad: number;
  add300x16Micros: number;
  rawAdd300x16Micros: number;
  /** how many times slower np's add is than the raw loop, on the same rounds */
  add300x16VsRaw: number;
}

/** A plain loop into a fresh array: the output is a new array, as an op's is. */
function rawAdd(x: Float64Array, y: Float64Array): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i] + y[i];
  return out;
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
  };
}
