// A step as the trace records it: tensors by reference (outputs are immutable; what changes in place
// is copied). `steps()` turns each into the plain StepRecord every consumer reads.
import type { OpDef } from "../autograd/op.ts";
import { Tensor } from "../tensor/tensor.ts";
import type { Group } from "./policy.ts";
import type { Phase } from "./record.ts";

export interface RawStep {
  step: number;
  /** the bucket this step belongs to (unique per iteration; the key of that iteration's loss) */
  bucket: number;
  group: Group;
  iteration: number | null;
  epoch: number;
  batch: number | null;
  phase: Phase;
  op: string;
  def: OpDef<any> | null;
  attrs: unknown;
  inputs: Tensor[];
  output: Tensor;
  cell: string | null;
  line: number | null;
  /** backward steps: the op's output whose gradient was propagated, and into which input */
  grad?: { of: Tensor; k: number; into: Tensor; upstream: Tensor };
  /** a gradient total: the tensor that several paths sent gradient to (the inputs are the parts) */
  total?: { of: Tensor };
  /**
   * An update w ← w - α ∂L/∂w whose scaled gradient α ∂L/∂w was a step of its own: the update's inputs
   * are then [w before, ∂L/∂w, α], and the scaling step is `folded` into it (the step list shows one step).
   */
  scaled?: { grad: Tensor; rate: Tensor };
  /** a scaling step shown as part of this update step instead of on its own */
  foldedInto?: RawStep;
  /** a step of a gradient computed by hand after the backward pass (dZ, db = Σ dZ): badged backward, filed as after-work */
  byHand?: true;
}

/**
 * A step of autograd's backward pass (a gradient, or a total of several paths), written as a gradient;
 * not a gradient computed by hand (dZ = Z ⊙ 2/n) or a copy of one (W.grad.copy()), though both are
 * badged backward: those are written out as their code is.
 */
export function byAutograd(s: RawStep): boolean {
  return s.grad !== undefined || s.total !== undefined;
}

/** A copy of a tensor's current values (the trace keeps what in-place updates are about to change). */
export function copyOf(t: Tensor): Tensor {
  const c = new Tensor(t.data.slice(), t.shape);
  c.name = t.name;
  return c;
}
