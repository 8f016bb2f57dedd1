// Which phase a step is in, decided from the graph rather than from where it was called: the loss
// is the part of the forward pass between the loss and the model's output; an update step computes a
// value that changes a parameter in place; work after a backward pass that only reads gradients is
// part of that backward pass (W.grad.copy()), not an update.
import type { Tensor } from "../tensor/tensor.ts";
import type { RawStep } from "./raw.ts";

/**
 * The steps of the loss, walking back from it. The walk stops at named tensors other than scalars (a
 * named term of the loss, mse in cost = mse + penalty, is walked through): a named tensor of the
 * same iteration (Yhat, Y) or a model output made before the trace (Z of an earlier cell) is where the
 * model ends, and everything between it and the loss is the loss. A named tensor made in the setup (a
 * parameter W1 = randn(...)) says nothing about where the model ends. Without such a bound, the loss
 * is its scalar tail (the reduction that makes the one number, the mean, and what follows it) and what
 * feeds that tail from parameters and constants alone (a penalty λ Σ W², or all of f(r) in lesson 13,
 * where there is no model); what reads the data (X, Y) through an unnamed model stays forward.
 */
export function lossSteps(loss: Tensor, producer: ReadonlyMap<Tensor, RawStep>): RawStep[] {
  const found: RawStep[] = [];
  let bounded = false;
  const bucket = producer.get(loss)?.bucket;
  walkBack(loss, (t) => {
    const step = producer.get(t);
    if (step === undefined) {
      if (t.name !== null && t.node !== null) bounded = true; // a model output from before the trace
      return [];
    }
    // a named scalar computed on the way (mse and penalty of cost = mse + penalty) is a term of the loss;
    // a named (1, 1) is a model's output for one example (yhat of Σ ŷ), where the model ends
    if (t !== loss && t.name !== null && !(t.ndim === 0 && !t.isLeaf)) {
      if (step.bucket === bucket) bounded = true;
      // logP = log σ(z) of a leaf z alone, no data, no weights: the model ended at z, and logP is the loss's
      // (L = -[y log σ(z) + ...]); a model's output reads data or weights, or is softmax's probabilities
      // (P = softmax(Z) of given scores Z, lesson 09: the output layer, where the loss begins)
      if (step.bucket !== bucket || step.op === "softmax" || !ofOneLeaf(t, producer)) return [];
    }
    found.push(step);
    return step.inputs;
  });
  if (bounded) return found;
  const inFound = new Set(found);
  // whether a step reads data (a tensor that needs no gradient and is not one number), however deep
  const readsData = new Map<RawStep, boolean>();
  const dataIn = (s: RawStep): boolean => {
    let known = readsData.get(s);
    if (known === undefined) {
      readsData.set(s, false);
      known = s.inputs.some((t) => {
        const p = producer.get(t);
        return p !== undefined && inFound.has(p) ? dataIn(p) : !t.needsGrad && t.size > 1;
      });
      readsData.set(s, known);
    }
    return known;
  };
  const readers = new Map<Tensor, RawStep[]>();
  for (const s of found) for (const t of s.inputs) readers.set(t, [...(readers.get(t) ?? []), s]);
  const inLoss = new Set<RawStep>();
  // the residual: where the model's output meets the targets (y - x w, Ŷ - Y) the loss begins, as the
  // lesson writes it, L = 1/n Σ (y_i - w x_i)², and so does everything from there to the loss
  const isData = (t: Tensor) => !producer.has(t) && !t.needsGrad && t.size > 1;
  for (const s of [...found].sort((a, b) => a.step - b.step)) {
    const residual = s.op === "sub" && s.inputs.length === 2 && s.inputs.some(isData)
      && s.inputs.some((t) => { const p = producer.get(t); return p !== undefined && inFound.has(p) && dataIn(p); });
    if (residual || s.inputs.some((t) => { const p = producer.get(t); return p !== undefined && inLoss.has(p); })) inLoss.add(s);
  }
  for (const s of [...found].sort((a, b) => b.step - a.step)) {
    const rs = readers.get(s.output) ?? [];
    const tail = s.output.size === 1 && rs.every((r) => inLoss.has(r));
    const feedsLoss = rs.length > 0 && rs.every((r) => inLoss.has(r));
    if (s.output === loss || tail || (feedsLoss && !dataIn(s))) inLoss.add(s);
  }
  return found.filter((s) => inLoss.has(s));
}

/** Whether `t` was computed from one differentiable leaf and numbers alone (log σ(z) of z), in its iteration. */
function ofOneLeaf(t: Tensor, producer: ReadonlyMap<Tensor, RawStep>): boolean {
  const leaves = new Set<Tensor>();
  let data = false;
  const bucket = producer.get(t)?.bucket;
  walkBack(t, (u) => {
    const step = producer.get(u);
    if (step !== undefined && step.bucket === bucket) return step.inputs;
    if (u.needsGrad) leaves.add(u);
    else if (u.size > 1) data = true;
    return [];
  });
  return !data && leaves.size === 1;
}

/**
 * The steps after a backward pass (numbered `since` or later) that compute the value an in-place
 * update writes: the value's producers, back to the gradients and the optimiser's state.
 */
export function updateSteps(value: Tensor, producer: ReadonlyMap<Tensor, RawStep>, since: number): RawStep[] {
  // a gradient by hand the update reads (W -= α dW) stays backward, as the gradients of autograd do
  return producersSince(value, producer, since, (s) => s.grad === undefined && s.total === undefined && !s.byHand);
}

/**
 * Whether a variable's name says it holds a gradient, as a lesson names one it computes by hand: dZ, dW1,
 * db, dz, dA1dropped, dwByHand, dydxByHand (d and a capital, or d and one letter, or dy/dx); not data,
 * delta or dense.
 */
export function isGradientName(name: string): boolean {
  return /^d(?:[A-Z]|[a-z](?![a-z])|[a-z]d[a-z](?![a-z]))/.test(name);
}

/**
 * The steps after a backward pass (numbered `since` or later) that compute a gradient by hand, as the
 * lesson's derivation does (dZ = A - Y, dW = Xᵀ dZ, db = Σ dZ): `value`'s producers back to the values
 * of the forward pass, named or not, so the whole hand-written backward pass is badged backward.
 */
export function handGradientSteps(value: Tensor, producer: ReadonlyMap<Tensor, RawStep>, since: number): RawStep[] {
  return producersSince(value, producer, since, (s) => s.phase === "forward");
}

/** `value`'s producers numbered `since` or later, walking back through those that `keep` accepts. */
function producersSince(value: Tensor, producer: ReadonlyMap<Tensor, RawStep>, since: number, keep: (s: RawStep) => boolean): RawStep[] {
  const out = new Set<RawStep>();
  const stack = [value];
  while (stack.length > 0) {
    const step = producer.get(stack.pop()!);
    if (step === undefined || step.step < since || out.has(step) || !keep(step)) continue;
    out.add(step);
    stack.push(...step.inputs);
  }
  return [...out];
}

/**
 * `value` is α ∂L/∂w made for this update (W.grad.mul(alpha)): the step, the gradient and the rate; else
 * null. `isGradient` says whether a tensor is a gradient of the backward pass.
 */
export function scaledGradient(value: Tensor, producer: ReadonlyMap<Tensor, RawStep>, since: number, isGradient: (t: Tensor) => boolean): { step: RawStep; grad: Tensor; rate: Tensor } | null {
  const step = producer.get(value);
  if (step === undefined || step.step < since || step.def?.name !== "mul" || step.inputs.length !== 2) return null;
  const [a, b] = step.inputs;
  if (isGradient(a) && b.size === 1 && a.size >= 1) return { step, grad: a, rate: b };
  if (isGradient(b) && a.size === 1) return { step, grad: b, rate: a };
  return null;
}

/** The steps a loss was computed from (through detached copies too: logsumexp's max). */
export function lossAncestors(loss: Tensor, producer: ReadonlyMap<Tensor, RawStep>): Set<RawStep> {
  const needed = new Set<RawStep>();
  walkBack(loss, (t) => {
    const step = producer.get(t);
    if (step === undefined) return t.detachedFrom !== null ? [t.detachedFrom] : [];
    needed.add(step);
    return step.inputs;
  });
  return needed;
}

/** Depth first from `start`, each tensor once: `visit` sees a tensor and says which to go on to. */
function walkBack(start: Tensor, visit: (t: Tensor) => readonly Tensor[]): void {
  const stack = [start];
  const seen = new Set<Tensor>();
  while (stack.length > 0) {
    const t = stack.pop()!;
    if (seen.has(t)) continue;
    seen.add(t);
    stack.push(...visit(t));
  }
}

/**
 * How many steps at the start of the first iteration its loss does not need: work done before the
 * first forward pass (hand-computed gradients to compare with autograd's), which is setup.
 */
export function leadingSetup(steps: readonly RawStep[], needed: ReadonlySet<RawStep>): number {
  let n = 0;
  while (n < steps.length && !needed.has(steps[n])) n++;
  return n === steps.length ? 0 : n;
}

/**
 * How many steps at the end of the setup the first iteration's loss needs and nobody named: the start
 * of its forward pass made before any parameter was read (x[0:4] in a convolution), not initialisation
 * (W1 = randn(...) is named, and stays setup).
 */
export function trailingForward(setup: readonly RawStep[], needed: ReadonlySet<RawStep>): number {
  let n = 0;
  while (n < setup.length && needed.has(setup[setup.length - 1 - n]) && setup[setup.length - 1 - n].output.name === null) n++;
  return n;
}
