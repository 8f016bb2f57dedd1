// nn's fit against tfjs's (CPU backend, float32) on the same models, data, batch sizes and optimiser
// (Adam, lr 0.001), alternating round by round: samples per second of training.
//   digits   64 -> 128 (relu) -> 10 (softmax), the 1797 digits, batch 32, 10 epochs
//   synthetic 784 -> 128 (relu) -> 10 (softmax), 10,000 random rows, batch 64, 1 epoch
import * as tf from "@tensorflow/tfjs";
import { nn } from "../kernel/nn/index.ts";
import { np } from "../kernel/np.ts";
import type { Tensor } from "../kernel/tensor/tensor.ts";
import { RandomState } from "../kernel/tensor/random.ts";

export interface NNFitFigures {
  digits: { samplesPerSec: { stepbook: number; tfjs: number }; epochs: number; rows: number };
  synthetic: { samplesPerSec: { stepbook: number; tfjs: number }; epochs: number; rows: number };
}

interface Job { name: "digits" | "synthetic"; X: Tensor; y: Tensor; inputs: number; batchSize: number; epochs: number }

async function stepbookFit(job: Job): Promise<number> {
  np.random.seed(0);
  const model = nn.Sequential([nn.Dense(128, { activation: "relu", inputShape: [job.inputs] }), nn.Dense(10, { activation: "softmax" })]);
  model.compile({ optimizer: nn.optimizers.Adam({ learningRate: 0.001 }), loss: "sparseCategoricalCrossentropy" });
  const t = performance.now();
  await model.fit(job.X, job.y, { epochs: job.epochs, batchSize: job.batchSize, verbose: 0 });
  return (job.X.shape[0] * job.epochs) / ((performance.now() - t) / 1000);
}

async function tfjsFit(job: Job): Promise<number> {
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 128, activation: "relu", inputShape: [job.inputs] }), tf.layers.dense({ units: 10, activation: "softmax" })] });
  model.compile({ optimizer: tf.train.adam(0.001), loss: "sparseCategoricalCrossentropy" });
  const xs = tf.tensor2d(Float32Array.from(job.X.data), job.X.shape as [number, number]);
  const ys = tf.tensor1d(Float32Array.from(job.y.data));
  const t = performance.now();
  await model.fit(xs, ys, { epochs: job.epochs, batchSize: job.batchSize, shuffle: true, verbose: 0 });
  const rate = (job.X.shape[0] * job.epochs) / ((performance.now() - t) / 1000);
  xs.dispose(); ys.dispose(); model.dispose();
  return rate;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchNNFit(quick: boolean): Promise<NNFitFigures> {
  await tf.setBackend("cpu");
  const digits = nn.datasets.digits();
  const rows = quick ? 640 : 10000;
  const rng = new RandomState(1);
  const synthetic = { X: rng.rand(rows, 784), y: rng.randint(0, 10, [rows]) };
  const jobs: Job[] = [
    { name: "digits", X: quick ? digits.X.slice("0:320").div(16) : digits.X.div(16), y: quick ? digits.y.slice("0:320") : digits.y, inputs: 64, batchSize: 32, epochs: quick ? 1 : 10 },
    { name: "synthetic", X: synthetic.X, y: synthetic.y, inputs: 784, batchSize: 64, epochs: 1 },
  ];
  const rounds = quick ? 1 : 3;
  const out: Partial<NNFitFigures> = {};
  for (const job of jobs) {
    const ours: number[] = [], theirs: number[] = [];
    for (let r = 0; r < rounds; r++) {
      ours.push(await stepbookFit(job));
      theirs.push(await tfjsFit(job));
    }
    out[job.name] = { samplesPerSec: { stepbook: median(ours), tfjs: median(theirs) }, epochs: job.epochs, rows: job.X.shape[0] };
  }
  return out as NNFitFigures;
}
