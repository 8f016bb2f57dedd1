// How much of a long training run a trace keeps. A student stepping through 1000 epochs wants the
// first epoch (where everything is explained), the last (where it converged) and a few between;
// never 1000 copies. A bucket is one iteration (forward, loss, backward, update); an epoch is one or
// more iterations (its mini-batches). The first and the last epoch are kept whole; iterations between
// are thinned to evenly spaced samples by doubling a stride.
export interface TracePolicy {
  /** keep every iteration of this many first epochs */
  firstEpochs: number;
  /** at most this many evenly spaced iterations between the first and the last epoch */
  sampledEpochs: number;
  /** hard cap on the bytes of tensor values the trace holds on to */
  maxBytes: number;
  /** cap on steps recorded in any one iteration (a traced loop that never calls backward) */
  maxStepsPerEpoch: number;
}

export const DEFAULT_POLICY: TracePolicy = {
  firstEpochs: 1,
  sampledEpochs: 8,
  maxBytes: 32 * 1024 * 1024,
  maxStepsPerEpoch: 20_000,
};

export type Group = "setup" | "iteration" | "after";

export interface Bucket<S> {
  /** unique, increasing: the order of buckets (and the key of each iteration's loss) */
  index: number;
  group: Group;
  /** 0-based count of iterations; null for setup and after-work */
  iteration: number | null;
  /** the epoch as marked by trace.epoch(e) (or fit), else the iteration */
  epoch: number;
  /** the mini-batch as marked by trace.batch(k), else null */
  batch: number | null;
  steps: S[];
  bytes: number;
}

/**
 * Iterations that have finished, thinned by the policy. `last` holds the iterations of the most
 * recent epoch (kept until a later epoch finishes, so the final epoch of a run is always whole).
 */
export class EpochKeeper<S> {
  first: Bucket<S>[] = [];
  sampled: Bucket<S>[] = [];
  last: Bucket<S>[] = [];
  stride = 1;
  droppedEpochs = 0;
  private readonly firstEpochs = new Set<number>();

  constructor(private readonly policy: TracePolicy) {}

  finish(bucket: Bucket<S>): void {
    if (bucket.group !== "iteration") {
      this.first.push(bucket); // setup and after-work are always kept
      return;
    }
    if (this.firstEpochs.has(bucket.epoch) || (this.firstEpochs.size < this.policy.firstEpochs && this.last.length === 0 && this.sampled.length === 0)) {
      this.firstEpochs.add(bucket.epoch);
      this.first.push(bucket);
      return;
    }
    this.retireBefore(bucket.epoch);
    this.last.push(bucket);
  }

  /**
   * An iteration of `epoch` completed its backward pass, so if `last` holds an earlier epoch, that is
   * no longer the final one: keep its iterations that are on the stride as samples, drop the rest.
   * Doing this as soon as possible rather than at the next epoch's end means fewer tensors alive.
   */
  retireBefore(epoch: number): void {
    if (this.last.length === 0 || this.last[0].epoch === epoch) return;
    for (const b of this.last) {
      if ((b.iteration ?? 0) % this.stride === 0) this.sampled.push(b);
      else this.droppedEpochs++;
    }
    this.last = [];
    while (this.sampled.length > this.policy.sampledEpochs) this.thin();
  }

  /** Double the stride and drop the sampled iterations that are no longer on it. */
  thin(): boolean {
    if (this.sampled.length === 0) return false;
    this.stride *= 2;
    const before = this.sampled.length;
    this.sampled = this.sampled.filter((b) => (b.iteration ?? 0) % this.stride === 0);
    if (this.sampled.length === before) this.sampled.shift(); // stride can't separate them: drop the oldest
    this.droppedEpochs += before - this.sampled.length;
    return true;
  }

  /** Called before every recorded step (the trace's room check): no copies, no sorting. */
  bytes(): number {
    let n = 0;
    for (const b of this.first) n += b.bytes;
    for (const b of this.sampled) n += b.bytes;
    for (const b of this.last) n += b.bytes;
    return n;
  }

  /** The indices of the kept buckets (as buckets(), without concatenating and sorting them). */
  keptIndices(): Set<number> {
    const kept = new Set<number>();
    for (const list of [this.first, this.sampled, this.last]) for (const b of list) kept.add(b.index);
    return kept;
  }

  buckets(): Bucket<S>[] {
    return [...this.first, ...this.sampled, ...this.last].sort((a, b) => a.index - b.index);
  }
}
