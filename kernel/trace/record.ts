// The step record: the one plain-data shape that the UI, the exporter and the CLI read.
// Versioned: bump TRACE_VERSION when a field changes meaning.
import { shapeTuple } from "../tensor/shape.ts";

export const TRACE_VERSION = 2;

export type Phase = "forward" | "loss" | "backward" | "update";

/** Where a step came from in the lesson: the cell id and the 1-based line of its TypeScript source. */
export interface SourceLocation {
  cell: string | null;
  line: number | null;
}

/** For a backward step: which input received gradient, and the chain-rule factor it was multiplied by. */
export interface GradFlow {
  /** id of the tensor whose gradient this step computed (the op's input). */
  into: number;
  /** name of that tensor if it has one (W1, X, ...). */
  intoName: string | null;
  /** the local derivative in LaTeX, e.g. "X^\\top" or "1 - \\tanh^2(Z_1)". */
  factor: string;
  /** the op output whose gradient flowed back (Z1 for dW1 = X^T dZ1), if it has a name. */
  fromName: string | null;
  /** the chain rule of this step in LaTeX: dL/d(into) = dL/d(from) times the local factor (a part "via" a path when into fed several ops). */
  chain: string;
}

/** A backward step that summed the gradient over the axes the forward pass broadcast: (300, 4) -> (1, 4). */
export interface BroadcastSum {
  /** axes of the op's output (the upstream gradient) that were summed */
  axes: number[];
  from: number[];
  to: number[];
}

export interface StepRecord {
  step: number;
  /**
   * "setup": before the first forward pass of a loop (initialisation); "iteration": a forward pass
   * through to its backward pass and update; "after": past the last update (inspection, hand checks).
   */
  group: "setup" | "iteration" | "after";
  /** 0-based count of iterations (forward + backward + update); null in setup and after */
  iteration: number | null;
  /** the epoch as marked by np.trace.epoch(e) (or nn's fit); without marks, the iteration */
  epoch: number;
  /** the mini-batch as marked by np.trace.batch(k), else null */
  batch: number | null;
  phase: Phase;
  /**
   * op name as in the registry: "matmul", "add", "sum", ...; backward steps are "matmul.backward";
   * "total" sums the gradient parts of a tensor that fed several ops; updates are "assignSub", ...
   */
  op: string;
  /** the rule with names substituted, e.g. "Z_1 = X W_1 + b_1". */
  latex: string;
  /** the rule's general form, from the op's file, e.g. "C = A B". */
  rule: string;
  shapes: { inputs: number[][]; output: number[] };
  inputs: number[];
  output: number;
  /** the variable name this output was bound to (`.named('Z1')` or a top-level assignment). */
  name: string | null;
  inputNames: (string | null)[];
  /** what to call each input on screen: its name, dZ1 for a gradient, 2 for a constant, "matmul result". */
  inputLabels: string[];
  /** what to call the output on screen where it has no name: dL/d(X @ W1), X @ W1 (absent in traces saved before it) */
  outputLabel?: string;
  cell: string | null;
  line: number | null;
  grads?: GradFlow[];
  /** a backward step whose gradient was summed over broadcast axes */
  reduce?: BroadcastSum;
  /** a "total" step: the id of the tensor whose gradient it sums (N_2 in ∂L/∂N_2 = via N_3 + via N_4) */
  totalOf?: number;
  /** a gradient part of a tensor that fed several ops: the path it came by ("N3"); a "total" step sums the parts */
  via?: string;
}

/** What a step reads as in words, for the step list and the app alike: "sum over axis 0: (300, 4) → (1, 4)", (10, 3) → (3,). */
export function reduceText(reduce: BroadcastSum): string {
  const axes = reduce.axes.length === 1 ? `axis ${reduce.axes[0]}` : `axes ${reduce.axes.join(", ")}`;
  return `sum over ${axes} (broadcast in the forward pass): ${shapeTuple(reduce.from)} → ${shapeTuple(reduce.to)}`;
}

/**
 * Where a step sits in a run, in words: "setup", "epoch 3", "epoch 2, batch 1", "iteration 5", "after".
 * Epoch and batch numbers are shown as the code gave them; `marked` says whether the run marked epochs.
 */
export function groupText(r: Pick<StepRecord, "group" | "iteration" | "epoch" | "batch">, marked: boolean): string {
  if (r.group !== "iteration") return r.group === "setup" ? "setup" : "after";
  if (r.batch !== null) return `epoch ${r.epoch}, batch ${r.batch}`;
  return marked ? `epoch ${r.epoch}` : `iteration ${(r.iteration ?? 0) + 1}`;
}

type Placed = Pick<StepRecord, "group" | "iteration" | "epoch" | "batch" | "phase">;

/**
 * What the step list, the step card and the graph call each step's place in a run: groupText's words,
 * except that a run with only one pass (no loop: setup, one pass, after) names that pass by what it does,
 * in the lesson's words ("forward pass", "forward and backward pass", "training step"), because
 * "iteration 1" promises a loop that is not there; the steps after it say after what ("after the backward
 * pass", "after the loop"). `droppedEpochs`: iterations the trace left out.
 */
export function groupLabeller(records: readonly Placed[], droppedEpochs = 0): (r: Placed) => string {
  const marked = epochsMarked(records);
  const passes = records.filter((r) => r.group === "iteration");
  const single = droppedEpochs === 0 && passes.length > 0 && passes.every((r) => r.iteration === passes[0]!.iteration && r.batch === null)
    && !marked;
  // after-work says what it follows: beside the step's line ("after line 4 of cell 2") a bare "after"
  // read as "after that line", where lesson 18's by-hand convolution ran at that line
  if (!single) return (r) => (r.group === "after" && passes.length > 0 ? "after the loop" : groupText(r, marked));
  const has = (phase: Phase) => passes.some((r) => r.phase === phase);
  const pass = has("update") ? "training step" : has("backward") ? "forward and backward pass" : "forward pass";
  const after = has("update") ? "after the training step" : has("backward") ? "after the backward pass" : "after the forward pass";
  return (r) => (r.group === "iteration" ? pass : r.group === "after" ? after : groupText(r, marked));
}

/** Whether any step of a run was marked with an epoch other than its iteration (np.trace.epoch or fit). */
export function epochsMarked(records: readonly Pick<StepRecord, "group" | "iteration" | "epoch" | "batch">[]): boolean {
  return records.some((r) => r.group === "iteration" && (r.batch !== null || r.epoch !== r.iteration));
}
