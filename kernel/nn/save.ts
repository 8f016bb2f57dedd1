// model.save() and nn.loadModel(): a model as JSON, its architecture (each layer's class and
// options), its weights (getWeights order, non-finite numbers as strings) and, if compiled, its
// optimiser, loss and metrics, so a lesson can ship a trained model and a student can download theirs.
// (Loading is in ./load-model.ts.)
import { encodeNumber, type JsonNumber } from "../trace/serialize.ts";
import type { Layer } from "./layer.ts";
import type { Loss } from "./losses.ts";
import type { Sequential } from "./sequential.ts";

export const MODEL_FORMAT = "stepbook-nn-model";
export const MODEL_VERSION = 1;

export interface LayerJSON {
  className: string;
  name: string | null;
  inputShape: number[] | null;
  config: Record<string, unknown>;
}

export interface ModelJSON {
  format: typeof MODEL_FORMAT;
  version: number;
  model: LayerJSON;
  weights: { shape: number[]; data: JsonNumber[] }[];
  training: { optimizer: { className: string; config: Record<string, unknown> }; loss: unknown; metrics: string[] } | null;
}

function layerToJSON(layer: Layer): LayerJSON {
  const layers = (layer as Partial<Sequential>).layers;
  const config = layers !== undefined ? { layers: layers.map(layerToJSON) } : layer.getConfig();
  return { className: layer.className, name: layer.name, inputShape: layer.inputShape, config };
}

const plain = (v: unknown): unknown => (typeof v === "function" && "config" in v ? (v as { config: unknown }).config : v);

export function modelToJSON(model: Sequential): ModelJSON {
  const compiled = model.compiled;
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    model: layerToJSON(model),
    weights: model.weights.map((w) => ({ shape: [...w.shape], data: Array.from(w.data, encodeNumber) })),
    training: compiled === null ? null : {
      optimizer: { className: compiled.optimizer.className, config: Object.fromEntries(Object.entries(compiled.optimizer.getConfig()).map(([k, v]) => [k, plain(v)])) },
      loss: "config" in compiled.loss ? (compiled.loss as Loss).config : null,
      metrics: compiled.metrics.map((m) => m.name),
    },
  };
}
