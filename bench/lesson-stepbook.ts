// The lesson as a student writes it with our kernel: autograd, then a plain gradient-descent update.
import { np } from "../kernel/np.ts";
import type { Tensor } from "../kernel/tensor/tensor.ts";
import { type Trace } from "../kernel/trace/trace.ts";
import { startTrace, stopTrace } from "../kernel/trace/active.ts";
import { N, LEARNING_RATE, SIZES, type Problem } from "./lesson-data.ts";

export interface LessonRun {
  loss: number;
  /** bytes the trace kept by its own count, trace.bytes() (0 untraced) */
  traceBytes: number;
  trace: Trace | null;
}

/**
 * `fusedLoss`: the loss as lesson 09 writes it, np.softmaxCrossEntropy(Z3, Y) (one op each way),
 * instead of softmax, log, mul, sum, mean and neg (the bench's lesson, comparable with earlier runs).
 */
export function trainStepbook(p: Problem, epochs: number, traced: boolean, fusedLoss = false): LessonRun {
  const X = np.array(p.X).reshape(N, SIZES[0]);
  const Y = np.array(p.Y).reshape(N, SIZES[3]);
  const params: Tensor[] = [];
  for (let l = 0; l < 3; l++) {
    params.push(np.array(p.W[l]).reshape(SIZES[l], SIZES[l + 1]).requiresGrad());
    params.push(np.array(p.b[l]).requiresGrad());
  }
  const [W1, b1, W2, b2, W3, b3] = params;
  const trace = traced ? startTrace() : null;
  let loss = NaN;
  try {
    for (let epoch = 0; epoch < epochs; epoch++) {
      const A1 = X.matmul(W1).add(b1).tanh();
      const A2 = A1.matmul(W2).add(b2).tanh();
      const Z3 = A2.matmul(W3).add(b3);
      const L = fusedLoss ? np.softmaxCrossEntropy(Z3, Y) : Y.mul(Z3.softmax().log()).sum({ axis: 1 }).mean().neg();
      L.backward();
      np.noGrad(() => {
        for (const w of params) w.assignSub(w.grad!.mul(LEARNING_RATE));
      });
      for (const w of params) w.zeroGrad();
      loss = L.item();
    }
  } finally {
    if (traced) stopTrace();
  }
  return { loss, traceBytes: trace?.bytes() ?? 0, trace };
}
