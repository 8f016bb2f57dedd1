// Activation functions, composed from the kernel's primitive ops (their backward passes come from
// those ops; the derivative each one ends up computing is written next to it).
import type { Tensor } from "../tensor/tensor.ts";
import * as F from "../ops/functional.ts";
import * as C from "../ops/composites.ts";

export type ActivationName = "linear" | "tanh" | "sigmoid" | "relu" | "leakyRelu" | "elu" | "softmax";

export interface Activation {
  name: ActivationName;
  fn: (z: Tensor) => Tensor;
  /** A = g(Z) */
  tex: string;
  /** dA/dZ (elementwise, except softmax's Jacobian) */
  derivativeTex: string;
}

/** Keras 3's leaky_relu negative_slope and elu alpha defaults. */
const LEAKY_SLOPE = 0.2;
const ELU_ALPHA = 1;

export const ACTIVATIONS: Record<ActivationName, Activation> = {
  linear: { name: "linear", fn: (z) => z, tex: "A = Z", derivativeTex: "1" },
  tanh: { name: "tanh", fn: (z) => F.tanh(z), tex: "A = \\tanh Z", derivativeTex: "1 - A^2" },
  sigmoid: { name: "sigmoid", fn: (z) => F.sigmoid(z), tex: "A = \\sigma(Z) = \\frac{1}{1 + e^{-Z}}", derivativeTex: "A (1 - A)" },
  relu: { name: "relu", fn: (z) => F.relu(z), tex: "A = \\max(0, Z)", derivativeTex: "[Z > 0]" },
  // where(Z > 0, Z, 0.2 Z): the gradient is 1 or 0.2, as where's backward routes it
  leakyRelu: {
    name: "leakyRelu",
    fn: (z) => F.where(F.greater(z, 0), z, F.mul(z, LEAKY_SLOPE)),
    tex: `A = \\begin{cases} Z & Z > 0 \\\\ ${LEAKY_SLOPE} Z & Z \\le 0 \\end{cases}`,
    derivativeTex: `[Z > 0] + ${LEAKY_SLOPE} [Z \\le 0]`,
  },
  // expm1 of min(Z, 0): the unused branch stays finite, so where's zero gradient times it is not NaN
  elu: {
    name: "elu",
    fn: (z) => F.where(F.greater(z, 0), z, F.mul(F.expm1(F.minimum(z, 0)), ELU_ALPHA)),
    tex: "A = \\begin{cases} Z & Z > 0 \\\\ e^{Z} - 1 & Z \\le 0 \\end{cases}",
    derivativeTex: "[Z > 0] + e^{Z} [Z \\le 0]",
  },
  softmax: {
    name: "softmax",
    fn: (z) => C.softmax(z, { axis: -1 }),
    tex: "A_{ij} = \\frac{e^{Z_{ij}}}{\\sum_k e^{Z_{ik}}}",
    derivativeTex: "\\operatorname{diag}(a) - a a^\\top",
  },
};

/**
 * An activation by name ("relu"; Keras 3's snake_case "leaky_relu" too) or as Keras also takes it, the
 * function itself (activation: nn.activations.relu). A function of one's own has no formula or name
 * for the trace and the saved model, so it is refused with what to write instead.
 */
export function activation(name: ActivationName | ((z: Tensor) => Tensor) | undefined | null, where: string): Activation {
  const known = Object.keys(ACTIVATIONS).join(", ");
  if (typeof name === "function") {
    const a = Object.values(ACTIVATIONS).find((candidate) => candidate.fn === name);
    if (a === undefined) throw new Error(`${where}: an activation is one of nn.activations or its name (known: ${known}); for a function of your own, apply it to the layer's output`);
    return a;
  }
  const key = typeof name === "string" ? name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()) : name;
  const a = Object.hasOwn(ACTIVATIONS, key ?? "linear") ? ACTIVATIONS[(key ?? "linear") as ActivationName] : undefined;
  if (a === undefined) throw new Error(`${where}: unknown activation ${JSON.stringify(name)} (known: ${known})`);
  return a;
}
