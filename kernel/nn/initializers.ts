// Initial weights, as Keras's initialisers (keras.initializers):
//   glorotUniform  W ~ U(-l, l),  l = sqrt(6 / (fanIn + fanOut))       (Glorot & Bengio 2010; Keras's default)
//   heNormal       W ~ truncated N(0, sqrt(2 / fanIn)), cut at 2 std   (He et al. 2015; for relu layers)
//   normal         W ~ N(0, 0.05)                                      (Keras's RandomNormal defaults)
//   zeros          W = 0                                               (biases)
// Keras draws He's truncated normal with its std divided by 0.8796..., the std of a standard normal
// cut at ±2, so the weights end up with the std the formula asks for; we do the same.
import { Tensor } from "../tensor/tensor.ts";
import type { RandomState } from "../tensor/random.ts";

export type InitializerName = "glorotUniform" | "heNormal" | "heUniform" | "normal" | "zeros" | "ones";
export type Initializer = (shape: number[], rng: RandomState) => Tensor;

const TRUNCATED_STD = 0.87962566103423978;

function fans(shape: number[]): [number, number] {
  if (shape.length === 1) return [shape[0], shape[0]];
  const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return [shape[shape.length - 2] * receptive, shape[shape.length - 1] * receptive];
}

function truncatedNormal(shape: number[], std: number, rng: RandomState): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const out = new Float64Array(n);
  let filled = 0;
  while (filled < n) {
    const draws = rng.randn(Math.max(16, 2 * (n - filled))).data;
    for (let i = 0; i < draws.length && filled < n; i++) if (Math.abs(draws[i]) <= 2) out[filled++] = draws[i] * std;
  }
  return new Tensor(out, shape);
}

export const INITIALIZERS: Record<InitializerName, Initializer> = {
  glorotUniform(shape, rng) {
    const [fanIn, fanOut] = fans(shape);
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    return rng.uniform(-limit, limit, shape);
  },
  heNormal(shape, rng) {
    return truncatedNormal(shape, Math.sqrt(2 / fans(shape)[0]) / TRUNCATED_STD, rng);
  },
  heUniform(shape, rng) {
    const limit = Math.sqrt(6 / fans(shape)[0]);
    return rng.uniform(-limit, limit, shape);
  },
  normal(shape, rng) {
    return rng.normal(0, 0.05, shape);
  },
  zeros(shape) {
    return new Tensor(new Float64Array(shape.reduce((a, b) => a * b, 1)), shape);
  },
  ones(shape) {
    return new Tensor(new Float64Array(shape.reduce((a, b) => a * b, 1)).fill(1), shape);
  },
};

export function initializer(name: InitializerName | Initializer, where: string): Initializer {
  if (typeof name === "function") return name;
  const init = INITIALIZERS[name];
  if (init === undefined) throw new Error(`${where}: unknown initializer "${name}" (known: ${Object.keys(INITIALIZERS).join(", ")})`);
  return init;
}
