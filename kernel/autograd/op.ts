// What a primitive op is, and the one dispatch every op goes through.
//
// An op file reads like a page of a textbook: the forward computation, the vector-Jacobian product
// (how the upstream gradient G = dL/d(out) turns into dL/d(input)), and both as LaTeX.
import { mode } from "./mode.ts";
import type { Tensor, DType } from "../tensor/tensor.ts";

/** Names of the inputs (already in LaTeX: "W_{1}") and of the output, for the formula templates. */
export interface TexNames {
  /** the inputs, bracketed where a product would need it: (A + B) */
  in: string[];
  /**
   * the inputs written whole, for places that group them already: a superscript, a fraction's
   * numerator or denominator, a root (e^{-z}, not e^{(-z)}). Missing: the same as `in`.
   */
  bare?: string[];
  out: string;
  /** the upstream gradient, e.g. "\\frac{\\partial L}{\\partial Z_{1}}" */
  g: string;
}

export interface OpDef<A = undefined> {
  name: string;
  /** the forward rule, right-hand side only: ({in}) => `${in[0]} ${in[1]}` for matmul. */
  tex: (n: TexNames, attrs: A) => string;
  /** compute the output from the input values; never records anything. */
  forward: (inputs: Tensor[], attrs: A) => Tensor;
  /**
   * The vector-Jacobian product: given G = dL/d(out), return dL/d(input_i) for each input
   * (null where no gradient flows). Written with the same public ops; they run untracked.
   * `needs[i]` says whether input i wants a gradient at all (PyTorch's ctx.needs_input_grad):
   * the data X, one-hot labels Y, constants and detached tensors don't, so a rule with more than
   * one input returns null for them instead of computing a gradient nobody will read. (A rule
   * with one input need not look: backward() runs a rule only when some input needs a gradient.)
   */
  backward?: (g: Tensor, inputs: Tensor[], out: Tensor, attrs: A, needs: readonly boolean[]) => (Tensor | null)[];
  /** per input: the full gradient rule dL/d(input_i) in LaTeX, in terms of n.g. */
  vjpTex?: ((n: TexNames, attrs: A) => string)[];
  /** per input: the local derivative d(out)/d(input_i), the chain-rule factor. */
  factorTex?: ((n: TexNames, attrs: A) => string)[];
  /**
   * per input: the factor multiplies the upstream gradient from the left, as in vjpTex (a matrix
   * product's second operand: dL/dW = Xᵀ dL/d(X W)); the chain rule is written in that order.
   */
  factorFirst?: boolean[];
  /**
   * The output's dtype when it is not always float64: "bool" for comparisons (a mask), and for ops
   * that only move values (reshape, gather, ...) the inputs' dtype, so a mask stays a mask.
   */
  dtype?: (inputs: Tensor[]) => DType;
}

/** The dtype of an op that moves values without computing: bool if every input is bool. */
export const sameDtype = (inputs: Tensor[]): DType => (inputs.every((x) => x.dtype === "bool") ? "bool" : "float64");
/** The dtype of a comparison or a logical op. */
export const boolDtype = (): DType => "bool";

/** Autograd's record on an output: which op made it from which inputs (micrograd's `_prev` + `_op`). */
export interface GradNode {
  def: OpDef<any>;
  inputs: Tensor[];
  attrs: unknown;
}

export function defineOp<A = undefined>(def: OpDef<A>): OpDef<A> {
  return def;
}

/** The single dispatch: forward, then autograd bookkeeping, then (if a trace is on) one step record. */
export function apply<A>(def: OpDef<A>, inputs: Tensor[], attrs: A): Tensor {
  const out = def.forward(inputs, attrs);
  if (def.dtype !== undefined) out.dtype = def.dtype(inputs);
  if (mode.gradEnabled && def.backward !== undefined) {
    for (let i = 0; i < inputs.length; i++) {
      if (inputs[i].needsGrad) {
        out.node = { def, inputs, attrs };
        out.needsGrad = true;
        break;
      }
    }
  }
  if (mode.trace !== null) mode.trace.recordOp(def, inputs, out, attrs);
  return out;
}
