// The same network in TensorFlow.js, on its pure-JavaScript CPU backend and on its WebAssembly backend
// (tfjs-backend-wasm: XNNPACK with SIMD, the strongest tfjs backend without a GPU; one thread, as the
// rest of the table). tfjs computes in float32 (it has no float64), so its final loss agrees with ours
// to about 1e-5, not to the last digit.
import * as tf from "@tensorflow/tfjs";
import { setThreadsCount } from "@tensorflow/tfjs-backend-wasm";
import { N, LEARNING_RATE, SIZES, type Problem } from "./lesson-data.ts";

export type TfjsBackend = "cpu" | "wasm";
let wasmReady = false;

/**
 * Start both backends (the wasm one on one thread) and select the CPU one; production mode skips
 * tfjs's debug checks (and its Node.js banner). In a browser, call setWasmPaths first (the bench page
 * does: Vite serves the .wasm files). Without the wasm backend (it failed to start), its runs are skipped.
 */
export async function useTfjsCpu(): Promise<void> {
  tf.enableProdMode();
  if (!wasmReady) {
    setThreadsCount(1);
    wasmReady = await tf.setBackend("wasm").catch(() => false);
    if (wasmReady) await tf.ready();
  }
  await tf.setBackend("cpu");
  await tf.ready();
}

/** Whether the wasm backend started (useTfjsCpu). */
export const tfjsWasmReady = () => wasmReady;

/** Switch to a backend that is already started (no await: a started backend switches at once). */
function select(backend: TfjsBackend): void {
  void tf.setBackend(backend);
  if (tf.getBackend() !== backend) throw new Error(`tfjs: the ${backend} backend is not started (useTfjsCpu)`);
}

export function trainTfjs(p: Problem, epochs: number, backend: TfjsBackend = "cpu"): number {
  select(backend);
  const X = tf.tensor2d(Float32Array.from(p.X), [N, SIZES[0]]);
  const Y = tf.tensor2d(Float32Array.from(p.Y), [N, SIZES[3]]);
  const W: tf.Variable[] = [];
  const b: tf.Variable[] = [];
  for (let l = 0; l < 3; l++) {
    W.push(tf.variable(tf.tensor2d(Float32Array.from(p.W[l]), [SIZES[l], SIZES[l + 1]])));
    b.push(tf.variable(tf.tensor1d(Float32Array.from(p.b[l]))));
  }
  const optimizer = tf.train.sgd(LEARNING_RATE);
  const lossFn = (): tf.Scalar => {
    const A1 = tf.tanh(tf.add(tf.matMul(X, W[0]), b[0]));
    const A2 = tf.tanh(tf.add(tf.matMul(A1, W[1]), b[1]));
    const P = tf.softmax(tf.add(tf.matMul(A2, W[2]), b[2]));
    return tf.neg(tf.mean(tf.sum(tf.mul(Y, tf.log(P)), 1))) as tf.Scalar;
  };
  let loss = NaN;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const cost = optimizer.minimize(lossFn, true)!;
    loss = cost.dataSync()[0];
    cost.dispose();
  }
  tf.dispose([X, Y, ...W, ...b]);
  optimizer.dispose();
  select("cpu");
  return loss;
}
