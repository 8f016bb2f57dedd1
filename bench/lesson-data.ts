// The lesson's problem, shared by all three contenders: 300 points of a 3-arm spiral (cs231n's toy
// data), one-hot labels, and the initial weights of a 2 -> 16 -> 16 -> 3 network. Everything comes
// from np.random with a fixed seed, so each contender starts from exactly the same numbers.
import { np } from "../kernel/np.ts";

export const N = 300;
export const SIZES = [2, 16, 16, 3] as const;
export const LEARNING_RATE = 1.0;

export interface Problem {
  /** inputs, N x 2, row-major */
  X: Float64Array;
  /** one-hot labels, N x 3 */
  Y: Float64Array;
  /** initial weights W1 (2x16), W2 (16x16), W3 (16x3), row-major */
  W: Float64Array[];
  /** initial biases b1 (16), b2 (16), b3 (3): zeros */
  b: Float64Array[];
}

export function makeProblem(seed = 0): Problem {
  np.random.seed(seed);
  const perClass = N / 3;
  const X = new Float64Array(N * 2);
  const Y = new Float64Array(N * 3);
  const noise = np.random.randn(N).data;
  for (let c = 0; c < 3; c++) {
    for (let i = 0; i < perClass; i++) {
      const row = c * perClass + i;
      const r = i / (perClass - 1);
      const t = c * 4 + (4 * i) / (perClass - 1) + 0.2 * noise[row];
      X[row * 2] = r * Math.sin(t);
      X[row * 2 + 1] = r * Math.cos(t);
      Y[row * 3 + c] = 1;
    }
  }
  const W: Float64Array[] = [];
  const b: Float64Array[] = [];
  for (let l = 0; l < 3; l++) {
    const [fanIn, fanOut] = [SIZES[l], SIZES[l + 1]];
    // Xavier-style scale keeps tanh out of saturation at the start
    W.push(np.random.randn(fanIn, fanOut).mul(Math.sqrt(1 / fanIn)).data);
    b.push(new Float64Array(fanOut));
  }
  return { X, Y, W, b };
}
