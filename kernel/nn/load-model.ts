// nn.loadModel(): a model from model.save()'s JSON (see ./save.ts for the format).
import { Tensor } from "../tensor/tensor.ts";
import { decodeNumber } from "../trace/serialize.ts";
import type { Layer, LayerOptions } from "./layer.ts";
import { Dense } from "./layers/dense.ts";
import { Activation } from "./layers/activation.ts";
import { Dropout } from "./layers/dropout.ts";
import { Flatten } from "./layers/flatten.ts";
import { GaussianNoise } from "./layers/gaussian-noise.ts";
import { BatchNormalization } from "./layers/batch-normalization.ts";
import { Sequential } from "./sequential.ts";
import type { ActivationName } from "./activations.ts";
import { makeLoss, type Loss } from "./losses.ts";
import { optimizerFromConfig } from "./optimizers/index.ts";
import { MODEL_FORMAT, MODEL_VERSION, type LayerJSON, type ModelJSON } from "./save.ts";

function layerFromJSON(j: LayerJSON, where: string): Layer {
  const base: LayerOptions = { ...(j.name ? { name: j.name } : {}), ...(j.inputShape ? { inputShape: j.inputShape } : {}) };
  const c = j.config ?? {};
  switch (j.className) {
    case "Dense": return Dense.fromConfig(c, base);
    case "Activation": return new Activation(c.activation as ActivationName, base);
    case "Dropout": return new Dropout(c.rate as number, base);
    case "Flatten": return new Flatten(base);
    case "GaussianNoise": return new GaussianNoise(c.stddev as number, base);
    case "BatchNormalization": return new BatchNormalization({ ...base, ...(c as object) });
    case "Sequential": return new Sequential(((c.layers ?? []) as LayerJSON[]).map((l, i) => layerFromJSON(l, `${where}.layers[${i}]`)), base);
    default: throw new Error(`nn.loadModel: ${where} has an unknown layer class ${JSON.stringify(j.className)}`);
  }
}

/** A model from model.save()'s JSON (the text or the parsed object). */
export function modelFromJSON(input: string | ModelJSON): Sequential {
  let json: ModelJSON;
  try {
    json = typeof input === "string" ? JSON.parse(input) : input;
  } catch (e) {
    throw new Error(`nn.loadModel: not JSON (${(e as Error).message})`);
  }
  if (json === null || typeof json !== "object" || json.format !== MODEL_FORMAT) throw new Error(`nn.loadModel: not a saved model (expected "format": "${MODEL_FORMAT}")`);
  if (json.version > MODEL_VERSION) throw new Error(`nn.loadModel: the file is format version ${json.version}; this Stepbook reads up to ${MODEL_VERSION}`);
  const model = layerFromJSON(json.model, "model");
  if (!(model instanceof Sequential)) throw new Error("nn.loadModel: the saved model is not a Sequential");
  if (json.weights.length > 0) {
    if (!model.built) {
      if (json.model.inputShape === null) throw new Error("nn.loadModel: the saved model has weights but no input shape");
      model.ensureBuilt(json.model.inputShape);
    }
    model.setWeights(json.weights.map((w) => new Tensor(Float64Array.from(w.data, decodeNumber), w.shape)));
  }
  if (json.training) {
    const t = json.training;
    // a loss written as a cell's own function cannot be saved: the model comes back uncompiled
    if (t.loss) model.compile({ optimizer: optimizerFromConfig(t.optimizer.className, t.optimizer.config), loss: makeLoss(t.loss as Loss["config"]), metrics: t.metrics });
  }
  return model;
}
