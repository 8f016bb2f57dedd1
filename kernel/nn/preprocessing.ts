// Preparing data, with scikit-learn's and Keras's names: trainTestSplit, standardize, oneHot and
// toCategorical (Keras's name for the same thing).
import type { TensorLike } from "../tensor/tensor.ts";
import { Tensor } from "../tensor/tensor.ts";
import * as F from "../ops/functional.ts";
import * as C from "../ops/composites.ts";
import { checkOptions } from "../tensor/options.ts";
import { formatShape } from "../tensor/shape.ts";
import { rows } from "./data-batches.ts";
import { generator } from "./random.ts";

/**
 * Split rows into train and test parts, shuffled (seeded) as scikit-learn's train_test_split:
 * `const [Xtr, Xte, ytr, yte] = nn.trainTestSplit(X, y, {testSize: 0.2, seed: 0})`.
 * testSize is a fraction (default 0.25) or a number of rows.
 */
export function trainTestSplit(...args: (TensorLike | { testSize?: number; seed?: number; shuffle?: boolean })[]): Tensor[] {
  const last = args[args.length - 1];
  const hasOptions = typeof last === "object" && last !== null && !(last instanceof Tensor) && !Array.isArray(last);
  const options = (hasOptions ? args.pop() : {}) as { testSize?: number; seed?: number; shuffle?: boolean };
  checkOptions("nn.trainTestSplit", options, ["testSize", "seed", "shuffle"]);
  const arrays = args.map((a) => F.asTensor(a as TensorLike));
  if (arrays.length === 0) throw new Error("nn.trainTestSplit: give at least one array");
  const n = arrays[0].shape[0];
  arrays.forEach((a, i) => {
    if (a.ndim === 0 || a.shape[0] !== n) throw new Error(`nn.trainTestSplit: array ${i} has shape ${formatShape(a.shape)}, but array 0 has ${n} rows`);
  });
  const testSize = options.testSize ?? 0.25;
  const nTest = testSize < 1 ? Math.ceil(testSize * n) : testSize;
  if (!(Number.isInteger(nTest) && nTest > 0 && nTest < n)) throw new Error(`nn.trainTestSplit: testSize ${testSize} leaves no train or no test rows out of ${n}`);
  const order = options.shuffle === false ? Float64Array.from({ length: n }, (_, i) => i) : generator(options.seed).permutation(n).data;
  // scikit-learn takes the test rows first from the permutation; an unshuffled split takes them last
  const test = options.shuffle === false ? order.subarray(n - nTest) : order.subarray(0, nTest);
  const train = options.shuffle === false ? order.subarray(0, n - nTest) : order.subarray(nTest);
  return arrays.flatMap((a) => [rows(a, train), rows(a, test)]);
}

/**
 * (X - mean) / std per column (scikit-learn's StandardScaler; a column with std 0 is only centred).
 * Returns the scaled X with the mean and std; pass them to scale other data the same way:
 * `const s = nn.standardize(Xtr); const XteS = nn.standardize(Xte, s).X`.
 */
export function standardize(x: TensorLike, stats?: { mean: Tensor; std: Tensor }): { X: Tensor; mean: Tensor; std: Tensor } {
  const X = F.asTensor(x);
  if (X.ndim !== 2) throw new Error(`nn.standardize: expected rows of features (2-D), got shape ${formatShape(X.shape)}`);
  const mean = stats?.mean ?? C.mean(X, { axis: 0 });
  const raw = stats?.std ?? C.std(X, { axis: 0 });
  const std = new Tensor(raw.data.map((s) => (s === 0 ? 1 : s)), raw.shape);
  return { X: F.div(F.sub(X, mean), std), mean, std };
}

/** One-hot rows for integer labels (Keras's to_categorical). */
export function toCategorical(labels: TensorLike, numClasses?: number): Tensor {
  const y = F.asTensor(labels);
  return C.oneHot(y.ndim === 2 && y.shape[1] === 1 ? F.reshape(y, [y.shape[0]]) : y, numClasses);
}
