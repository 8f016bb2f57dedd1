// The trace: while it is on, every op appends one plain step to it, and backward() appends one step
// per gradient it computes. Steps hold op outputs by reference (outputs are immutable) and copy only
// what is changed in place (parameters during the update). The UI and the exporter read `steps()`.
import type { OpDef } from "../autograd/op.ts";
import type { NumExpr } from "./constant-expr.ts";
import type { Tensor } from "../tensor/tensor.ts";
import { DEFAULT_POLICY, EpochKeeper, type Bucket, type TracePolicy } from "./policy.ts";
import type { Phase } from "./record.ts";
import { copyOf, type RawStep } from "./raw.ts";
import { LeafReads } from "./leaf-reads.ts";
import { lossSteps, updateSteps, handGradientSteps, isGradientName, scaledGradient, lossAncestors, leadingSetup, trailingForward } from "./phases.ts";
import { regroup, splitAfter, splitSetup, joinFirstIteration, nextIterationStart, moveInto, splitOff } from "./groups.ts";

export type { RawStep } from "./raw.ts";

export class Trace {
  readonly policy: TracePolicy;
  private readonly keeper: EpochKeeper<RawStep>;
  /** work before the first iteration of a loop (initialisation) is its own "setup" bucket */
  private current: Bucket<RawStep> = { index: 0, group: "setup", iteration: null, epoch: 0, batch: null, steps: [], bytes: 0 };
  private iterations = 0;
  private previousEpoch = 0;
  private marks: { epoch: number | null; batch: number | null } = { epoch: null, batch: null };
  /** which step produced each tensor of the current epoch (for naming and the loss phase) */
  private producer = new Map<Tensor, RawStep>();
  /** steps of earlier iterations whose output became a parameter (requiresGrad): copied before it changes */
  private made = new Map<Tensor, RawStep>();
  /** steps of the kept epochs that read a leaf tensor (a parameter) that may be updated in place */
  private readonly leafReads = new LeafReads();
  private nextStep = 0;
  private afterBackward = false;
  /** After a backward pass, where in the current steps the first op since it (or the update) that needs a
   *  gradient is: the next forward pass if a backward() follows, else a gradient by hand (dZ = Z - Y); or -1 */
  private nextFrom = -1;
  private forcedPhase: Phase | null = null;
  private cell: string | null = null;
  private line: number | null = null;
  /** the loss tensor of each backward pass, by bucket (for ∂L/∂x in formulas) */
  readonly losses = new Map<number, Tensor>();
  /** the name a tensor had before its caller's variable renamed it (see bind) */
  readonly formerNames = new WeakMap<Tensor, string>();
  /** the tensor each copy of old values was taken from (beforeUpdate, recordUpdate): what the code's variable holds */
  readonly copiedFrom = new WeakMap<Tensor, Tensor>();
  truncated = false;
  droppedSteps = 0;
  /** The name the code gave a scalar constant at a source location (`alpha` for 0.05 on the line
   *  `w.assignSub(w.grad.mul(alpha))`), or null; set by the kernel, which knows the cells' sources. */
  constantName: ((value: number, cell: string | null, line: number | null) => NumExpr | null) | null = null;
  /** The variable a source line calls a named tensor by, where that line does not write its own name
   *  (`const W2 = dense2.kernel`, then `dZ2.matmul(W2.T)`: W2, not dense_2/kernel), or null; set by the kernel. */
  aliasName: ((t: Tensor, cell: string | null, line: number | null) => string | null) | null = null;

  constructor(policy: Partial<TracePolicy> = {}) {
    this.policy = { ...DEFAULT_POLICY, ...policy };
    this.keeper = new EpochKeeper(this.policy);
  }

  /** Stamp the following steps with a source location (the runtime calls this per statement). */
  at(cell: string | null, line: number | null): void {
    this.cell = cell;
    this.line = line;
  }

  /** Where the following steps will be stamped (a one-line function gives it back to its caller). */
  location(): { cell: string | null; line: number | null } {
    return { cell: this.cell, line: this.line };
  }

  /**
   * Name a tensor (the runtime calls this for `const Z1 = ...`). A function's `y` renamed by its caller's
   * `const yOut = conv1d(x, w)` keeps y as its former name, so the y before it reads y⁽²⁾ (versions.ts).
   */
  bind(t: Tensor, name: string): void {
    if (t.name !== null && t.name !== name) this.formerNames.set(t, t.name);
    t.name = name;
    // const db = dZ.sum({ axis: 0 }) after a backward pass: a gradient by hand, as the derivation has it
    if (this.backwardEnd > 0 && isGradientName(name)) {
      for (const s of handGradientSteps(t, this.producer, this.backwardEnd)) {
        s.phase = "backward";
        s.byHand = true;
      }
    }
  }

  /** Run `fn` with every step labelled `phase` (losses use "loss"). */
  withPhase<T>(phase: Phase, fn: () => T): T {
    const prev = this.forcedPhase;
    this.forcedPhase = phase;
    try {
      return fn();
    } finally {
      this.forcedPhase = prev;
    }
  }

  /**
   * The iterations that follow belong to epoch `e` (a hand loop or nn's fit says so). A mark between
   * iterations starts the next one at once, so the batch's data preparation belongs to its iteration.
   */
  markEpoch(e: number): void {
    this.marks = { epoch: e, batch: null };
    if (this.betweenIterations()) this.newIteration();
    else if (this.current.group === "iteration" && this.current.steps.length === 0) this.current.epoch = e;
  }

  /** The next iteration is mini-batch `k` of the current epoch. */
  markBatch(k: number): void {
    this.marks.batch = k;
    if (this.betweenIterations()) this.newIteration();
    else if (this.current.group === "iteration" && this.current.steps.length === 0) {
      this.current.batch = k;
      this.marks.batch = null;
    }
  }

  private betweenIterations(): boolean {
    return this.afterBackward || (this.current.group === "setup");
  }

  // ---- recording (called by the dispatch, backward() and assign) -------------------------------
  recordOp(def: OpDef<any>, inputs: Tensor[], output: Tensor, attrs: unknown): void {
    let phase: Phase;
    if (output.needsGrad) {
      // a forward pass starts an iteration: the first one at once, the next one after a backward pass
      // once its own backward() shows that it was not a gradient by hand (nextFrom)
      if (this.current.group === "setup") this.newIteration();
      else if (this.afterBackward && this.nextFrom < 0) this.nextFrom = this.current.steps.length;
      // unless it reads the last backward pass's gradients (dW2 - dW2penalty, a check by hand)
      phase = this.forcedPhase ?? (this.backwardBucket >= 0 && inputs.some((x) => this.isGradient(x, this.backwardBucket)) ? "backward" : "forward");
    } else if (this.afterBackward) {
      // after a backward pass: reading its gradients (W.grad.copy()) is part of it; anything else is
      // forward work until an in-place update shows that it computed the update (recordUpdate)
      phase = this.forcedPhase ?? (inputs.some((x) => this.isGradient(x)) ? "backward" : "forward");
    } else {
      phase = this.forcedPhase ?? "forward";
    }
    const step = this.push(phase, def.name, def, attrs, inputs, output);
    if (step === null) return;
    this.producer.set(output, step);
    this.leafReads.note(step);
  }

  beginBackward(loss: Tensor): void {
    if (this.current.group === "setup") this.newIteration(); // backward on a loss made before tracing began
    else if (this.nextFrom >= 0) this.startNextIteration();
    const bucket = this.current;
    if (bucket.iteration === 0 && !this.afterBackward) {
      // the first iteration began with work its loss does not need (hand-computed gradients): setup;
      // the setup ended with unnamed work its loss needs (x[0:4] of a convolution): the iteration's
      const needed = lossAncestors(loss, this.producer);
      const setup = splitSetup(bucket, leadingSetup(bucket.steps, needed));
      if (setup !== null) this.keeper.finish(setup);
      else if (this.setup !== null) joinFirstIteration(this.setup, bucket, trailingForward(this.setup.steps, needed));
    }
    this.losses.set(bucket.index, loss);
    for (const s of lossSteps(loss, this.producer)) if (s.phase === "forward" && s.bucket === bucket.index) s.phase = "loss";
  }

  /** A leaf's `.grad` after a backward pass, when it is not a step's output (it was added to a zeroed or
   *  earlier gradient): still the gradient of that leaf, so `W2.grad.copy()` reads ∂L/∂W_2, not an array. */
  readonly gradAliases = new WeakMap<Tensor, { into: Tensor; bucket: number }>();
  private backwardLeaves = new Set<Tensor>();

  /** the setup before the first iteration, if it did anything */
  private setup: Bucket<RawStep> | null = null;
  /** the first step after the current backward pass (update steps are found from there on) */
  private backwardEnd = 0;
  /** the gradients of the current bucket's backward pass (step outputs and leaves' .grad) */
  private gradients = new WeakSet<Tensor>();

  /** the bucket of the last backward pass */
  private backwardBucket = -1;

  private isGradient(t: Tensor, bucket = this.current.index): boolean {
    return this.gradients.has(t) || this.gradAliases.get(t)?.bucket === bucket;
  }

  recordBackward(def: OpDef<any>, of: Tensor, k: number, grad: Tensor, attrs: unknown): void {
    const into = of.node!.inputs[k];
    if (into !== undefined && into.node === null) this.backwardLeaves.add(into);
    const upstream = of.grad!;
    const step = this.push("backward", `${def.name}.backward`, def, attrs, [upstream, ...of.node!.inputs], grad);
    if (step !== null) {
      step.grad = { of, k, into: of.node!.inputs[k], upstream };
      // its inputs are what the op read: lesson 5's dw listed w after the update, where x ⊙ w read w = 0
      this.leafReads.note(step);
    }
    this.gradients.add(grad);
  }

  /** `of` fed several ops: its gradient is the sum of one part per path (inputs), recorded as one step. */
  recordTotal(of: Tensor, parts: Tensor[], total: Tensor): void {
    const step = this.push("backward", "total", null, undefined, [...parts], total);
    if (step !== null) step.total = { of };
    this.gradients.add(total);
  }

  endBackward(): void {
    for (const leaf of this.backwardLeaves) if (leaf.grad !== null) this.gradAliases.set(leaf.grad, { into: leaf, bucket: this.current.index });
    this.backwardLeaves.clear();
    this.afterBackward = true;
    this.backwardEnd = this.nextStep;
    this.backwardBucket = this.current.index;
    this.keeper.retireBefore(this.current.epoch);
    this.forgetDropped();
  }

  /**
   * Before a tensor changes in place: the step that made it (Win = randn(3, 4) ⊙ 0.5, then marked a
   * parameter) and earlier steps that read it get one copy of the old values, so the graph's edge from
   * maker to reader stays one tensor and both show what they computed and read, not today's values.
   */
  beforeUpdate(target: Tensor): Tensor {
    const snapshot = copyOf(target);
    this.copiedFrom.set(snapshot, target);
    const maker = this.producer.get(target) ?? this.made.get(target);
    if (maker !== undefined && maker.output === target) {
      maker.output = snapshot;
      this.made.delete(target);
    }
    for (const s of this.leafReads.take(target) ?? []) s.inputs = s.inputs.map((t) => (t === target ? snapshot : t));
    return snapshot;
  }

  /**
   * An in-place update (assign, assignSub, ...). After a backward pass the steps that computed its value
   * are update steps too, and a scaled gradient α ∂L/∂w made for it alone folds into it: one step,
   * w ← w - α ∂L/∂w, whose inputs are w, ∂L/∂w and α.
   */
  recordUpdate(kind: string, target: Tensor, before: Tensor, value: Tensor): void {
    const after = copyOf(target);
    this.copiedFrom.set(after, target);
    this.nextFrom = -1; // what came before an update was this iteration's (a gradient by hand)
    const phase = this.forcedPhase ?? (this.afterBackward ? "update" : "forward");
    const scaled = phase === "update" && kind !== "assign" ? scaledGradient(value, this.producer, this.backwardEnd, (t) => this.isGradient(t)) : null;
    const step = this.push(phase, kind, null, undefined, scaled ? [before, scaled.grad, scaled.rate] : [before, value], after);
    if (phase !== "update") return;
    for (const s of updateSteps(value, this.producer, this.backwardEnd)) s.phase = "update";
    if (scaled !== null && step !== null) {
      step.scaled = { grad: scaled.grad, rate: scaled.rate };
      scaled.step.foldedInto = step;
    }
  }

  // ---- reading ------------------------------------------------------------------------------
  /** Every kept step, oldest first. */
  rawSteps(): RawStep[] {
    const out: RawStep[] = [];
    for (const b of [...this.keeper.buckets(), this.current]) out.push(...b.steps);
    return out;
  }
  get stepCount(): number {
    return this.nextStep;
  }
  /** iterations seen (the epochs of a run without mini-batch marks); at least 1 once anything was recorded */
  get epochCount(): number {
    return Math.max(this.iterations, this.nextStep > 0 ? 1 : 0);
  }
  get droppedEpochs(): number {
    return this.keeper.droppedEpochs;
  }
  /** Bytes of tensor values held (each step's output, counted once per step). */
  bytes(): number {
    return this.keeper.bytes() + this.current.bytes;
  }

  /** The run is over: copy the parameters that later code will go on changing, and file the epoch in
   *  progress as the last one (so the one before it is thinned like any other). */
  finish(): void {
    const parameters = new Set([...this.leafReads.leaves(), ...this.made.keys(), ...this.producer.keys()]);
    for (const target of parameters) if (target.needsGrad && target.isLeaf) this.beforeUpdate(target);
    const bucket = this.current;
    this.nextFrom = -1;
    if (bucket.steps.length === 0 && bucket.group === "iteration") this.iterations--; // marked, never run
    if (bucket.steps.length > 0) {
      if (bucket.group === "setup" && this.iterations === 0) {
        // no loop at all (a forward pass, a hand computation): that is the one iteration
        regroup(bucket.steps, "iteration", 0);
        bucket.group = "iteration";
        bucket.iteration = 0;
        this.iterations = 1;
        this.keeper.finish(bucket);
      } else {
        const split = splitAfter(bucket, this.iterations, this.previousEpoch);
        if (split?.lostIteration) this.iterations--;
        if (bucket.steps.length > 0) this.keeper.finish(bucket);
        if (split !== null) this.keeper.finish(split.after);
      }
      this.current = { ...bucket, index: bucket.index + 2, steps: [], bytes: 0 };
      this.forgetDropped();
    }
  }

  // ---- internals ----------------------------------------------------------------------------
  private push(phase: Phase, op: string, def: OpDef<any> | null, attrs: unknown, inputs: Tensor[], output: Tensor): RawStep | null {
    const index = this.nextStep++;
    const bytes = output.size * 8;
    // a full bucket cannot wait to learn whether the next forward pass began: it did
    if (this.current.steps.length >= this.policy.maxStepsPerEpoch && this.nextFrom >= 0) this.startNextIteration();
    if (this.current.steps.length >= this.policy.maxStepsPerEpoch || !this.makeRoom(bytes)) {
      this.truncated = true;
      this.droppedSteps++;
      return null;
    }
    const b = this.current;
    const step: RawStep = {
      step: index, bucket: b.index, group: b.group, iteration: b.iteration, epoch: b.epoch, batch: b.batch,
      phase, op, def, attrs, inputs, output, cell: this.cell, line: this.line,
    };
    this.current.steps.push(step);
    this.current.bytes += bytes;
    return step;
  }

  private forgotten = 0;

  /** Let go of everything that points into epochs no longer kept, so their tensors can be collected. */
  private forgetDropped(): void {
    if (this.keeper.droppedEpochs === this.forgotten) return; // nothing new was dropped
    this.forgotten = this.keeper.droppedEpochs;
    const kept = this.keeper.keptIndices();
    kept.add(this.current.index);
    // a loss tensor holds its epoch's whole graph
    for (const epoch of this.losses.keys()) if (!kept.has(epoch)) this.losses.delete(epoch);
    for (const [t, s] of this.made) if (!kept.has(s.bucket)) this.made.delete(t);
    this.leafReads.forget(kept);
  }

  private makeRoom(bytes: number): boolean {
    while (this.bytes() + bytes > this.policy.maxBytes) {
      if (!this.keeper.thin()) return false;
    }
    return true;
  }

  /** The next forward pass began at nextFrom (its backward pass begins now): those steps open the next iteration. */
  private startNextIteration(): void {
    const old = this.current;
    const moved = splitOff(old, nextIterationStart(old.steps, this.nextFrom));
    this.leafReads.leave(old.index, moved); // their leaf reads, which recordOp noted last, go with them
    this.newIteration();
    moveInto(moved, this.current, false);
    for (const s of moved) this.producer.set(s.output, s);
    this.leafReads.arrive(moved);
  }

  private newIteration(): void {
    this.nextFrom = -1;
    if (this.current.group === "setup" && this.current.steps.length > 0) this.setup = this.current;
    if (this.current.steps.length > 0) this.keeper.finish(this.current);
    this.forgetDropped();
    const iteration = this.iterations++;
    this.previousEpoch = this.current.epoch;
    const epoch = this.marks.epoch ?? iteration;
    // after-work may need the bucket index after this one; leave a gap of one
    this.current = { index: this.current.index + 2, group: "iteration", iteration, epoch, batch: this.marks.batch, steps: [], bytes: 0 };
    if (this.marks.batch !== null) this.marks.batch = null;
    // the producer map stays: the forward pass may use tensors made in setup (W1 = randn ⊙ 0.5)
    if (iteration > 0) {
      for (const [t, s] of this.producer) if (t.needsGrad && t.isLeaf && s.output === t) this.made.set(t, s);
      this.producer = new Map();
    }
    this.afterBackward = false;
  }
}
