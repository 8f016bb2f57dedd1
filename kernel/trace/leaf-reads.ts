// Which steps read a leaf tensor that a later update may change in place (a parameter W; the data X):
// before it changes, the trace gives those steps a copy of its old values (Trace.beforeUpdate), so each
// step shows what it read, not today's values. The notes are kept per bucket, so dropping an epoch
// revisits only the leaves that epoch read (scanning every leaf's readers, once per epoch, was ~5% of a
// traced epoch).
import type { Tensor } from "../tensor/tensor.ts";
import type { RawStep } from "./raw.ts";

/** A leaf may change in place later: parameters of any size (a (1, 1) bias too) and arrays; not the scalar
 *  constants an op wraps its numbers in, which nothing can update. */
export const mayChange = (t: Tensor): boolean => t.isLeaf && (t.size > 1 || t.needsGrad);

export class LeafReads {
  private readers = new Map<Tensor, RawStep[]>();
  /** the leaves (keys of readers) read in each bucket */
  private byBucket = new Map<number, Tensor[]>();
  private last: { bucket: number; leaves: Tensor[] } | null = null;

  /** The step reads leaves that may change in place later. */
  note(step: RawStep): void {
    for (const input of step.inputs) {
      if (!mayChange(input)) continue;
      const readers = this.readers.get(input);
      if (readers === undefined) this.readers.set(input, [step]);
      else readers.push(step);
      this.noteRead(step.bucket, input);
    }
  }

  /** The leaves read by the steps kept. */
  leaves(): Iterable<Tensor> {
    return this.readers.keys();
  }

  /** The steps that read `leaf`, no longer noted: it is about to change, and they get a copy of it. */
  take(leaf: Tensor): RawStep[] | undefined {
    const readers = this.readers.get(leaf);
    this.readers.delete(leaf);
    return readers;
  }

  /**
   * Steps leave `bucket` for the next one (they began the next iteration): their notes there go, so a
   * leaf only they read (logsumexp's detached max holds its epoch's graph) does not live as long as it.
   */
  leave(bucket: number, steps: readonly RawStep[]): void {
    const notes = this.byBucket.get(bucket);
    if (notes !== undefined) notes.length = Math.max(0, notes.length - steps.reduce((n, s) => n + s.inputs.filter(mayChange).length, 0));
  }

  /** ... and are noted where they are now. */
  arrive(steps: readonly RawStep[]): void {
    for (const s of steps) for (const input of s.inputs) if (mayChange(input)) this.noteRead(s.bucket, input);
  }

  /** Let go of the readers in buckets no longer kept; leaves read but not updated (X, Y) stay shared. */
  forget(kept: ReadonlySet<number>): void {
    for (const [bucket, leaves] of this.byBucket) {
      if (kept.has(bucket)) continue;
      this.byBucket.delete(bucket);
      for (const leaf of leaves) {
        const readers = this.readers.get(leaf);
        if (readers === undefined) continue;
        const live = readers.filter((s) => kept.has(s.bucket));
        if (live.length === 0) this.readers.delete(leaf);
        else if (live.length < readers.length) this.readers.set(leaf, live);
      }
    }
    this.last = null;
  }

  private noteRead(bucket: number, leaf: Tensor): void {
    if (this.last === null || this.last.bucket !== bucket) {
      const leaves = this.byBucket.get(bucket);
      if (leaves === undefined) this.byBucket.set(bucket, [leaf]);
      else leaves.push(leaf);
      this.last = { bucket, leaves: this.byBucket.get(bucket)! };
    } else this.last.leaves.push(leaf);
  }
}
