// `nn`: a Keras-style library on the kernel's own ops and autograd. Layers, losses, optimisers,
// callbacks and a Sequential model with fit; every intermediate of a training step is a named
// tensor ("dense_1/Z", "dropout_1/mask") that a trace records and a student can inspect.
// Layers are made by calling factories, as in Keras without `new`: nn.Dense(16, {activation: "relu"}).
import type { Layer, LayerOptions } from "./layer.ts";
import type { Tensor } from "../tensor/tensor.ts";
import { Dense, type DenseOptions } from "./layers/dense.ts";
import { Activation } from "./layers/activation.ts";
import { Dropout } from "./layers/dropout.ts";
import { Flatten } from "./layers/flatten.ts";
import { GaussianNoise } from "./layers/gaussian-noise.ts";
import { BatchNormalization, type BatchNormalizationOptions } from "./layers/batch-normalization.ts";
import { Sequential } from "./sequential.ts";
import { losses } from "./losses.ts";
import { optimizers } from "./optimizers/index.ts";
import { callbacks } from "./callbacks.ts";
import { l1, l2, l1l2 } from "./regularizers.ts";
import { ACTIVATIONS, type ActivationName } from "./activations.ts";
import { CONSOLE_HOST, type NNHost } from "./host.ts";
import { np } from "../np.ts";
import { datasets } from "./datasets/index.ts";
import { modelFromJSON } from "./load-model.ts";
import type { ModelJSON } from "./save.ts";
import { standardize, toCategorical, trainTestSplit } from "./preprocessing.ts";

export { Layer } from "./layer.ts";
export { Dense, Activation, Dropout, Flatten, GaussianNoise, BatchNormalization, Sequential };
export type { NNHost };

export function makeNN(host: NNHost = CONSOLE_HOST) {
  const layers = {
    Dense: (units: number, options?: DenseOptions) => new Dense(units, options),
    Activation: (activation: ActivationName | ((z: Tensor) => Tensor), options?: LayerOptions) => new Activation(activation, options),
    Dropout: (rate: number, options?: LayerOptions) => new Dropout(rate, options),
    Flatten: (options?: LayerOptions) => new Flatten(options),
    GaussianNoise: (stddev: number, options?: LayerOptions) => new GaussianNoise(stddev, options),
    BatchNormalization: (options?: BatchNormalizationOptions) => new BatchNormalization(options),
  };
  /** Layers in a row; itself a layer, so Sequentials nest (an encoder and a decoder). */
  const sequential = (layerList: Layer[] = [], options?: LayerOptions) => {
    const model = new Sequential(layerList, options);
    model.host = host;
    return model;
  };
  return {
    ...layers,
    Sequential: sequential,
    /** Keras's paths, as Keras code is written: nn.layers.Dense(...) (keras.layers.Dense), nn.models.Sequential([...]) */
    layers,
    models: { Sequential: sequential },
    datasets,
    /** A model from model.save()'s JSON text (or the parsed object). */
    loadModel: (json: string | ModelJSON) => {
      const model = modelFromJSON(json);
      model.host = host;
      return model;
    },
    trainTestSplit,
    standardize,
    /** one-hot rows for integer labels (np.oneHot) */
    oneHot: toCategorical,
    toCategorical,
    losses,
    optimizers,
    callbacks,
    regularizers: { l1, l2, l1l2 },
    /** the activation functions by name: nn.activations.relu(Z) */
    activations: Object.fromEntries(Object.entries(ACTIVATIONS).map(([k, a]) => [k, a.fn])) as Record<ActivationName, (z: import("../tensor/tensor.ts").Tensor) => import("../tensor/tensor.ts").Tensor>,
    utils: {
      /** Keras's keras.utils.set_random_seed: seeds np.random, which layers, dropout and fit draw from. */
      setRandomSeed: (seed: number) => np.random.seed(seed),
    },
  };
}

export type NN = ReturnType<typeof makeNN>;

/** nn without a notebook: summary() prints with console.log (tests, scripts, the bench). */
export const nn = makeNN();
