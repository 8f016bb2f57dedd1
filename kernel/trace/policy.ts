// How much of a long training run a trace keeps. A student stepping through 1000 epochs wants the
// first epoch (where everything is explained), the last (where it converged) and a few between;
// never 1000 copies. Epochs between are thinned to evenly spaced samples by doubling a stride.
export interface TracePolicy {
  /** keep every step of this many first epochs */
  firstEpochs: number;
  /** at most this many evenly spaced epochs between the first and the last */
  sampledEpochs: number;
  /** hard cap on the bytes of tensor values the trace holds on to */
  maxBytes: number;
  /** cap on steps recorded in any one epoch (a traced loop that never calls backward) */
  maxStepsPerEpoch: number;
}

export const DEFAULT_POLICY: TracePolicy = {
  firstEpochs: 1,
  sampledEpochs: 8,
  maxBytes: 32 * 1024 * 1024,
  maxStepsPerEpoch: 20_000,
};

export interface Bucket<S> {
  epoch: number;
  steps: S[];
  bytes: number;
}

/**
 * Epochs that have finished, thinned by the policy. `last` is the most recent finished epoch (kept
 * until the next one finishes, so the final epoch of a run is always there).
 */
export class EpochKeeper<S> {
  first: Bucket<S>[] = [];
  sampled: Bucket<S>[] = [];
  last: Bucket<S> | null = null;
  stride = 1;
  droppedEpochs = 0;

  constructor(private readonly policy: TracePolicy) {}

  private finished = 0;

  finish(bucket: Bucket<S>): void {
    if (this.finished++ < this.policy.firstEpochs) {
      this.first.push(bucket);
      return;
    }
    this.retireLast();
    this.last = bucket;
  }

  /**
   * The epoch after `last` is complete (it ran its backward pass), so `last` is no longer the final
   * epoch: keep it as a sample if it is on the stride, else drop it. Doing this as soon as possible
   * rather than at the next epoch's end means one fewer epoch of tensors alive at a time (less GC).
   */
  retireLast(): void {
    const previous = this.last;
    if (previous === null) return;
    this.last = null;
    if (previous.epoch % this.stride === 0) this.sampled.push(previous);
    else this.droppedEpochs++;
    while (this.sampled.length > this.policy.sampledEpochs) this.thin();
  }

  /** Double the stride and drop the sampled epochs that are no longer on it. */
  thin(): boolean {
    if (this.sampled.length === 0) return false;
    this.stride *= 2;
    const before = this.sampled.length;
    this.sampled = this.sampled.filter((b) => b.epoch % this.stride === 0);
    if (this.sampled.length === before) this.sampled.shift(); // stride can't separate them: drop the oldest
    this.droppedEpochs += before - this.sampled.length;
    return true;
  }

  bytes(): number {
    let n = this.last?.bytes ?? 0;
    for (const b of this.first) n += b.bytes;
    for (const b of this.sampled) n += b.bytes;
    return n;
  }

  buckets(): Bucket<S>[] {
    return [...this.first, ...this.sampled, ...(this.last ? [this.last] : [])];
  }
}
