// Reverse-mode autodiff: order the graph so every tensor comes after the tensors it was made from
// (a topological sort), then walk it backwards applying each op's vector-Jacobian product and
// adding up the gradients that reach the same tensor along different paths (the chain rule's sum).
import type { Tensor } from "../tensor/tensor.ts";
import { Tensor as TensorClass } from "../tensor/tensor.ts";
import { formatShape, sameShape } from "../tensor/shape.ts";
import { mode, quietly } from "./mode.ts";

/** Tensors reachable from `root`, each after all of its inputs (iterative, so deep graphs don't overflow). */
export function topologicalOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const seen = new Set<Tensor>();
  const stack: [Tensor, number][] = [[root, 0]];
  seen.add(root);
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const inputs = top[0].node?.inputs ?? [];
    if (top[1] < inputs.length) {
      const next = inputs[top[1]++];
      if (next.needsGrad && !seen.has(next)) {
        seen.add(next);
        stack.push([next, 0]);
      }
    } else {
      order.push(top[0]);
      stack.pop();
    }
  }
  return order;
}

export function backward(root: Tensor, seed?: Tensor): void {
  if (!root.needsGrad) {
    throw new Error("backward: this tensor does not depend on any parameter; mark parameters with .requiresGrad() before the forward pass");
  }
  if (seed === undefined && root.size !== 1) {
    throw new Error(`backward: grad can be implicitly created only for a scalar output, got shape ${formatShape(root.shape)}; pass the upstream gradient`);
  }
  const trace = mode.trace;
  trace?.beginBackward(root);
  const grads = new Map<Tensor, Tensor>();
  grads.set(root, seed ?? new TensorClass(new Float64Array(root.size).fill(1), root.shape));
  // for the trace only: each tensor's gradient contributions, one per path, so the sum shows as a step
  const parts = trace ? new Map<Tensor, Tensor[]>() : null;
  const order = topologicalOrder(root);
  for (let i = order.length - 1; i >= 0; i--) {
    const t = order[i];
    const g = grads.get(t);
    if (g === undefined) continue;
    const paths = parts?.get(t);
    if (paths !== undefined && paths.length > 1) trace!.recordTotal(t, paths, g);
    if (t.isLeaf) {
      t.grad = t.grad === null ? g : quietly(() => t.grad!.add(g)); // leaves accumulate, as in PyTorch
      continue;
    }
    t.grad = g; // intermediates keep their latest gradient so a student can inspect dZ1
    const { def, inputs, attrs } = t.node!;
    // Only inputs that need a gradient get one: in X W1 + b1 the data X is an input of matmul too,
    // but dL/dX would be a whole extra matrix product that nobody reads. The rule is told which
    // inputs to skip (they get no step in the trace either). If none is left (a parameter was
    // switched off with requiresGrad(false) after the forward pass), the rule is not run at all.
    const needs = inputs.map((x) => x.needsGrad);
    if (!needs.includes(true)) continue;
    const inputGrads = quietly(() => def.backward!(g, inputs, t, attrs, needs));
    for (let k = 0; k < inputs.length; k++) {
      const input = inputs[k];
      const gk = inputGrads[k];
      if (gk === null || gk === undefined || !input.needsGrad) continue;
      if (!sameShape(gk.shape, input.shape)) {
        throw new Error(`backward of ${def.name}: gradient for input ${k} has shape ${formatShape(gk.shape)} but the input has shape ${formatShape(input.shape)}`);
      }
      if (trace) {
        trace.recordBackward(def, t, k, gk, attrs);
        const seen = parts!.get(input);
        if (seen === undefined) parts!.set(input, [gk]);
        else seen.push(gk);
      }
      const prev = grads.get(input);
      grads.set(input, prev === undefined ? gk : quietly(() => prev.add(gk)));
    }
  }
  trace?.endBackward();
}
