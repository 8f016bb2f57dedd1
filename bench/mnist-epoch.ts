// One epoch of a digit-classifier-sized network: 10000 x 784 -> 128 (tanh) -> 10 (softmax +
// cross-entropy), mini-batches of 64, plain SGD, on random data of that shape (the speed does not
// depend on the values). Seconds per epoch, per backend.
import { np } from "../kernel/np.ts";
import type { Tensor } from "../kernel/tensor/tensor.ts";
import { onBackend } from "./lesson-bench.ts";
import type { BackendName } from "../kernel/tensor/backend.ts";

export function mnistEpochSeconds(backend: BackendName, rows: number): number {
  return onBackend(backend, () => {
    np.random.seed(6);
    const X = np.random.randn(rows, 784);
    const labels = np.random.randint(0, 10, [rows]);
    const Y = np.oneHot(labels, 10);
    const W1 = np.random.randn(784, 128).mul(Math.sqrt(1 / 784)).requiresGrad();
    const b1 = np.zeros([128]).requiresGrad();
    const W2 = np.random.randn(128, 10).mul(Math.sqrt(1 / 128)).requiresGrad();
    const b2 = np.zeros([10]).requiresGrad();
    const params: Tensor[] = [W1, b1, W2, b2];
    const t0 = performance.now();
    for (let start = 0; start < rows; start += 64) {
      const end = `${start}:${Math.min(rows, start + 64)}`;
      const xb = X.slice(end), yb = Y.slice(end);
      const P = xb.matmul(W1).add(b1).tanh().matmul(W2).add(b2).softmax();
      const L = yb.mul(P.log()).sum({ axis: 1 }).mean().neg();
      L.backward();
      np.noGrad(() => {
        for (const w of params) w.assignSub(w.grad!.mul(0.1));
      });
      for (const w of params) w.zeroGrad();
    }
    return (performance.now() - t0) / 1000;
  });
}
