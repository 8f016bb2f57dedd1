// plot.network(model or weights): the network as neurons and edges, TensorFlow Playground style. The
// kernel sends the layer sizes, the weights (edge colour = sign, width = |w| in the view,
// ui/components/network-view.ts) and, for a chosen example, every neuron's z and a (shown on hover).
//
// What it accepts (duck-typed, so hand-written lessons and kernel/nn models both work):
//   - a list of weight matrices [W1, W2, ...], each (inputs, outputs) as in Z = X W + b, with options
//     {biases: [b1, b2], activations: ["tanh", "sigmoid"] (names or functions of a tensor)};
//   - a model with `layers` (nn.Sequential): a layer with a weight matrix under `W`, `weight` or
//     `kernel` (and a bias under `b` or `bias`, an `activation` name, function or {name, fn}) is a layer
//     of neurons; a layer without
//     weights whose `activation`, `name` or class name is tanh / sigmoid / relu / softmax / linear is the
//     activation of the layer before it (Keras's Dense + Activation, PyTorch's Linear + Tanh).
import { quietly } from "../autograd/mode.ts";
import * as C from "../ops/composites.ts";
import { MIME } from "../protocol/mime.ts";
import { Tensor } from "../tensor/tensor.ts";
import { describeValue, flat, fmt, json, rows, shapeOf, View } from "./view.ts";

/** Neurons drawn per layer at most; the rest are counted ("+ 12 more"). */
export const MAX_NEURONS = 12;

export interface NetworkLayer {
  /** "input", "hidden 1", ..., "output" */
  name: string;
  size: number;
  /** neurons drawn: the first min(size, MAX_NEURONS). */
  shown: number;
  activation: string | null;
}

export interface NetworkPayload {
  layers: NetworkLayer[];
  /** weights[l][i][j]: from neuron i of layer l to neuron j of layer l + 1 (shown neurons only). */
  weights: (number | null)[][][];
  /** biases[l][j] of layer l + 1's neuron j, or null when there are none. */
  biases: ((number | null)[] | null)[];
  /** the chosen example's values: a[l][i] for every layer (a[0] = the input), z[l][i] for l >= 1 (z[0] = null). */
  example: { index: number | null; a: (number | null)[][]; z: ((number | null)[] | null)[] } | null;
  /** write each weight on its edge (small networks, lesson 04). */
  showValues: boolean;
  title?: string;
}

type Activation = string | ((z: Tensor) => unknown) | null;

export interface NetworkOptions {
  biases?: unknown[];
  /** one per weight matrix, or one for all hidden layers (the output stays linear unless given). */
  activations?: Activation[] | Activation;
  /** the example whose z and a are shown (on hover): a vector of inputs, or X with `index`. */
  example?: unknown;
  /** which row of X (default 0), named in the text. */
  index?: number;
  values?: boolean;
  title?: string;
}

const WHERE = "plot.network";
const ACTIVATIONS = new Set(["tanh", "sigmoid", "relu", "softmax", "linear", "identity"]);

interface Layer { W: Tensor; b: Tensor | null; activation: Activation }

function tensorOf(x: unknown, what: string): Tensor {
  if (x instanceof Tensor) return x;
  const r = rows(x, `${WHERE}: ${what}`);
  return new Tensor(Float64Array.from(r.flat()), [r.length, r[0]?.length ?? 0]);
}

function activationName(layer: Record<string, unknown>): Activation {
  const a = layer.activation;
  if (typeof a === "function" || typeof a === "string") return a as Activation;
  // kernel/nn's {name, fn}
  if (typeof a === "object" && a !== null && typeof (a as { fn?: unknown }).fn === "function") {
    const { name, fn } = a as { name?: unknown; fn: (z: Tensor) => unknown };
    if (typeof name === "string" && ACTIVATIONS.has(name.toLowerCase())) return name.toLowerCase();
    return Object.defineProperty((z: Tensor) => fn(z), "name", { value: typeof name === "string" ? name : "custom" });
  }
  for (const n of [layer.name, (layer.constructor as { name?: string } | undefined)?.name]) {
    if (typeof n === "string" && ACTIVATIONS.has(n.toLowerCase())) return n.toLowerCase();
  }
  return null;
}

/** The layers of a model or a list of weight matrices. */
function layersOf(model: unknown, options: NetworkOptions): Layer[] {
  const list = Array.isArray(model) ? model : (model as { layers?: unknown } | null)?.layers;
  if (!Array.isArray(list)) throw new Error(`${WHERE}: expected a list of weight matrices or a model with layers, got ${describeValue(model)}`);
  const layers: Layer[] = [];
  if (Array.isArray(model) && list.every((w) => w instanceof Tensor || Array.isArray(w))) {
    const acts = options.activations;
    list.forEach((w, l) => layers.push({
      W: tensorOf(w, `weight matrix ${l + 1}`),
      b: options.biases?.[l] == null ? null : tensorOf([flat(options.biases[l], `${WHERE}: bias ${l + 1}`)], `bias ${l + 1}`),
      activation: Array.isArray(acts) ? acts[l] ?? null : acts !== undefined && l < list.length - 1 ? acts : null,
    }));
  } else {
    for (const item of list) {
      const layer = (item ?? {}) as Record<string, unknown>;
      const W = layer.W ?? layer.weight ?? layer.kernel;
      if (W !== undefined && W !== null) {
        const b = layer.b ?? layer.bias;
        layers.push({ W: tensorOf(W, "a layer's weights"), b: b == null ? null : tensorOf([flat(b, `${WHERE}: a layer's bias`)], "a bias"), activation: activationName(layer) });
      } else {
        const a = activationName(layer);
        if (a !== null && layers.length > 0) layers[layers.length - 1]!.activation = a;
      }
    }
  }
  if (layers.length === 0) throw new Error(`${WHERE}: the model has no layer with weights (W, weight or kernel)${list.length ? "; if it is an nn model, build it first (call it on data, or fit it)" : ""}`);
  layers.forEach((L, l) => {
    if (L.W.shape.length !== 2) throw new Error(`${WHERE}: weight matrix ${l + 1} has shape (${L.W.shape.join(", ")}), expected (inputs, outputs)`);
    if (l > 0 && L.W.shape[0] !== layers[l - 1]!.W.shape[1]) throw new Error(`${WHERE}: weight matrix ${l + 1} has ${L.W.shape[0]} inputs but layer ${l} has ${layers[l - 1]!.W.shape[1]} neurons (shapes (${layers[l - 1]!.W.shape.join(", ")}) and (${L.W.shape.join(", ")}))`);
    if (L.b && L.b.size !== L.W.shape[1]) throw new Error(`${WHERE}: bias ${l + 1} has ${L.b.size} values but weight matrix ${l + 1} has ${L.W.shape[1]} outputs`);
  });
  return layers;
}

function activate(a: Activation, z: Tensor): Tensor {
  if (a === null) return z;
  if (typeof a === "function") {
    const out = a(z);
    if (!(out instanceof Tensor)) throw new Error(`${WHERE}: an activation function returned ${describeValue(out)}, expected a tensor`);
    return out;
  }
  switch (a.toLowerCase()) {
    case "tanh": return z.tanh();
    case "sigmoid": return z.sigmoid();
    case "relu": return z.relu();
    case "softmax": return C.softmax(z, { axis: -1 });
    case "linear": case "identity": return z;
    default: throw new Error(`${WHERE}: unknown activation "${a}" (known: ${[...ACTIVATIONS].join(", ")}, or a function)`);
  }
}

const nameOf = (a: Activation) => (a === null ? null : typeof a === "string" ? a.toLowerCase() : a.name || "custom");

export function network(model: unknown, options: NetworkOptions = {}): View<NetworkPayload> {
  const layers = layersOf(model, options);
  const sizes = [layers[0]!.W.shape[0]!, ...layers.map((L) => L.W.shape[1]!)];
  const shown = sizes.map((n) => Math.min(n, MAX_NEURONS));
  const payloadLayers: NetworkLayer[] = sizes.map((size, l) => ({
    name: l === 0 ? "input" : l === sizes.length - 1 ? "output" : `hidden ${l}`,
    size, shown: shown[l]!, activation: l === 0 ? null : nameOf(layers[l - 1]!.activation),
  }));
  const weights = layers.map((L, l) => {
    const cols = L.W.shape[1]!;
    return Array.from({ length: shown[l]! }, (_, i) => Array.from({ length: shown[l + 1]! }, (_, j) => json(L.W.data[i * cols + j]!)));
  });
  const biases = layers.map((L, l) => (L.b ? Array.from(L.b.data.subarray(0, shown[l + 1]!), json) : null));
  let example: NetworkPayload["example"] = null;
  if (options.example !== undefined) {
    // a whole X with {index}: that row
    const ex = options.example;
    const x = ex instanceof Tensor && ex.shape.length === 2 && ex.shape[0]! > 1
      ? rows(ex, `${WHERE}: example`)[options.index ?? 0] ?? (() => { throw new Error(`${WHERE}: index ${options.index} is outside X's ${ex.shape[0]} rows`); })()
      : flat(ex, `${WHERE}: example`);
    if (x.length !== sizes[0]) throw new Error(`${WHERE}: the example has ${x.length} values but the network has ${sizes[0]} inputs (shape ${JSON.stringify(shapeOf(options.example))})`);
    const a: (number | null)[][] = [x.slice(0, shown[0]).map(json)];
    const z: ((number | null)[] | null)[] = [null];
    quietly(() => {
      let act = new Tensor(Float64Array.from(x), [1, x.length]);
      layers.forEach((L, l) => {
        const Z = L.b ? act.matmul(L.W).add(L.b) : act.matmul(L.W);
        act = activate(L.activation, Z);
        z.push(Array.from(Z.data.subarray(0, shown[l + 1]!), json));
        a.push(Array.from(act.data.subarray(0, shown[l + 1]!), json));
      });
    });
    example = { index: options.index ?? null, a, z };
  }
  const payload: NetworkPayload = {
    layers: payloadLayers, weights, biases, example, showValues: options.values === true,
    ...(options.title ? { title: options.title } : {}),
  };
  return new View(MIME.network, payload, describeNetwork(payload, layers));
}

function describeNetwork(p: NetworkPayload, layers: Layer[]): string {
  const arch = p.layers.map((L, l) => (l === 0 ? `${L.size} input${L.size === 1 ? "" : "s"}` : `${L.size}${L.activation ? ` ${L.activation}` : ""}`)).join(" -> ");
  let pos = 0, neg = 0, big = 0, at = "";
  layers.forEach((L, l) => {
    const cols = L.W.shape[1]!;
    L.W.data.forEach((w, k) => {
      if (w > 0) pos++; else if (w < 0) neg++;
      if (Math.abs(w) > big) { big = Math.abs(w); at = `W${l + 1}[${Math.floor(k / cols)}, ${k % cols}] = ${fmt(w)}`; }
    });
  });
  const ex = p.example ? `; example${p.example.index !== null ? ` ${p.example.index}` : ""}: output a = ${p.example.a.at(-1)!.map((v) => (v === null ? "NaN" : fmt(v))).join(", ")}` : "";
  return `[network${p.title ? ` "${p.title}"` : ""}: ${arch}; ${pos + neg} nonzero weights, ${pos} positive, ${neg} negative${at ? `, largest ${at}` : ""}${ex}]`;
}
