// Where a run's steps go once it is known how it ended or began: work after the last update is "after",
// work before the first forward pass is "setup", never an iteration of their own.
import type { Bucket, Group } from "./policy.ts";
import { byAutograd, type RawStep } from "./raw.ts";

export function regroup(steps: readonly RawStep[], group: Group, iteration: number | null): void {
  for (const s of steps) {
    s.group = group;
    s.iteration = iteration;
  }
}

/**
 * Split off the work after the last update of the run's last bucket (inspection, a hand check): the
 * steps past the last update step (or past the backward pass, when nothing was updated), or the whole
 * bucket when it never reached a backward pass and an iteration came before it (`iterations` > 1;
 * then `lostIteration` says the bucket no longer counts as one). `previousEpoch` is the epoch of the
 * iteration before this bucket. Returns null when nothing is after-work.
 */
export function splitAfter(bucket: Bucket<RawStep>, iterations: number, previousEpoch: number): { after: Bucket<RawStep>; lostIteration: boolean } | null {
  if (bucket.group !== "iteration") return null;
  const steps = bucket.steps;
  let cut: number;
  // a backward pass of autograd's (a gradient by hand, const dZ = ..., is badged backward but is not one)
  const hasBackward = steps.some(byAutograd);
  if (!hasBackward) {
    if (iterations <= 1) return null; // a single forward pass is the iteration
    cut = 0;
  } else {
    let lastKept = -1;
    steps.forEach((s, i) => {
      if (byAutograd(s) || (s.def === null && s.phase === "update")) lastKept = i;
    });
    // reads of its gradients right after it (W.grad.copy()) are the backward pass's too; a gradient by hand
    // (dWpenalty = 2 λ W) and what follows it are after-work
    while (lastKept >= 0 && lastKept + 1 < steps.length && steps[lastKept + 1].phase === "backward" && !steps[lastKept + 1].byHand) lastKept++;
    cut = lastKept + 1;
    if (cut >= steps.length) return null;
  }
  const moved = steps.splice(cut);
  const epoch = hasBackward ? bucket.epoch : previousEpoch;
  const after: Bucket<RawStep> = { index: bucket.index + 1, group: "after", iteration: null, epoch, batch: null, steps: moved, bytes: 0 };
  for (const s of moved) {
    after.bytes += s.output.size * 8;
    if (s.phase === "update") s.phase = "forward";
  }
  bucket.bytes -= after.bytes;
  regroup(moved, "after", null);
  for (const s of moved) {
    s.bucket = after.index;
    s.epoch = epoch;
    s.batch = null;
  }
  return { after, lostIteration: !hasBackward };
}

/**
 * Split off the first `n` steps of the first iteration as setup (work before its forward pass). The
 * setup bucket takes the index before the iteration's (newIteration leaves a gap of one).
 */
export function splitSetup(bucket: Bucket<RawStep>, n: number): Bucket<RawStep> | null {
  if (n <= 0) return null;
  const moved = bucket.steps.splice(0, n);
  const setup: Bucket<RawStep> = { index: bucket.index - 1, group: "setup", iteration: null, epoch: 0, batch: null, steps: moved, bytes: 0 };
  for (const s of moved) {
    setup.bytes += s.output.size * 8;
    s.bucket = setup.index;
    s.epoch = 0;
    s.batch = null;
  }
  bucket.bytes -= setup.bytes;
  regroup(moved, "setup", null);
  return setup;
}

/** Move the last `n` steps of the setup to the start of the first iteration. */
export function joinFirstIteration(setup: Bucket<RawStep>, first: Bucket<RawStep>, n: number): void {
  if (n > 0) moveInto(splitOff(setup, setup.steps.length - n), first, true);
}

/** Take a bucket's steps from `from` on out of it (and their bytes out of its count). */
export function splitOff(bucket: Bucket<RawStep>, from: number): RawStep[] {
  const moved = bucket.steps.splice(from);
  for (const s of moved) bucket.bytes -= s.output.size * 8;
  return moved;
}

/** File `moved` steps under `into` (its index, group, iteration, epoch and batch), at its start or its end. */
export function moveInto(moved: RawStep[], into: Bucket<RawStep>, atStart: boolean): void {
  for (const s of moved) {
    into.bytes += s.output.size * 8;
    s.bucket = into.index;
    s.epoch = into.epoch;
    s.batch = into.batch;
  }
  regroup(moved, into.group, into.iteration);
  if (atStart) into.steps.unshift(...moved);
  else into.steps.push(...moved);
}

/**
 * Where the next iteration begins in a bucket whose forward pass may have started (`from`, the first step
 * after the last backward pass or update whose output needs a gradient): past any step badged backward
 * there (a gradient by hand, dZ = (Z - Y) ⊙ 2/n, which reads Z), so only the next forward pass moves.
 */
export function nextIterationStart(steps: readonly RawStep[], from: number): number {
  for (let i = steps.length - 1; i >= from; i--) if (steps[i].phase === "backward") return i + 1;
  return from;
}
