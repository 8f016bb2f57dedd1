// The interrupt check the rewriter puts at the top of every loop body and function: `if (--__sbg.n < 0)
// __sbg.check();`. Most of the time that is one decrement; every `batch` passes `check()` looks at the
// three ways a cell is stopped:
//   - a SharedArrayBuffer flag the page sets with Atomics (works while the worker is busy in a loop);
//   - a plain flag set by an interrupt_request the kernel received while the cell awaited something;
//   - the cell's time limit (a deadline), which needs no help from outside at all.
// `batch` adapts so that a real check happens about every millisecond, whatever a pass costs.
// Each real check also counts up a "progress" slot of the shared buffer, and a "busy" slot is set while a
// cell runs: the page's heartbeat reads them to tell a long loop (busy, progressing) from a dead worker.
// Without a shared flag (a static host without the isolation headers) the page can only stop a loop by
// ending the worker, which takes the loop's place with it: so a cell that runs on tells `onRunning`
// where it is, from a real check about every PLACE_EVERY_MS, and the page names that place when it stops it.

import { SHARED_SLOTS } from "../protocol/messages.ts";

export class InterruptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InterruptError";
  }
}

const { busy: BUSY, progress: PROGRESS } = SHARED_SLOTS;
const MIN_BATCH = 1;
const MAX_BATCH = 1 << 20;
const now = () => performance.now();
/** how often a cell that runs on without a shared flag reports where it is (a stack trace each time). */
export const PLACE_EVERY_MS = 100;

export class InterruptGuard {
  /** countdown to the next real check (read and decremented by rewritten code). */
  n = 1000;
  private batch = 1000;
  private lastCheck = 0;
  private shared: Int32Array | null = null;
  private requested = false;
  private deadline = Infinity;
  private limitMs: number | null = null;
  private running = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastPlace = 0;
  /** set by a host whose page cannot reach a busy worker: given the stack of a check in a cell that runs on. */
  onRunning: ((stack: string) => void) | null = null;
  private rejectStopped: ((error: InterruptError) => void) | null = null;
  /**
   * Rejects when the running cell is stopped: the kernel races the cell's promise against it, so a cell
   * waiting on a promise that never settles still ends (its guards cover the loops; this covers awaits).
   */
  stopped: Promise<never> = new Promise<never>(() => undefined);

  constructor() {
    // Cell code can reach this object (it is the rewritten code's `__sbg`): its check cannot be
    // replaced (`__sbg.check = () => {}` throws in the cell's strict mode). The countdown `n` must stay
    // writable, so a determined cell can still starve its checks: hosts stop it from outside too
    // (the worker is terminated; the CLI's kernel process is killed).
    Object.defineProperty(this, "check", { value: this.check.bind(this), writable: false, configurable: false, enumerable: false });
  }

  /**
   * Share an Int32Array over a SharedArrayBuffer: a non-zero slot 0 means "stop"; slots 1 (busy) and 2
   * (progress), when the array has them, are written for the page's heartbeat (SHARED_SLOTS).
   */
  useSharedFlag(flag: Int32Array | null): void {
    this.shared = flag;
    this.beats = flag !== null && flag.length > PROGRESS;
  }
  private beats = false;

  get hasSharedFlag(): boolean {
    return this.shared !== null;
  }

  /** A cell starts: arm the time limit. */
  begin(timeoutMs?: number): void {
    this.running = true;
    if (this.beats) Atomics.store(this.shared!, BUSY, 1);
    this.requested = false;
    this.limitMs = timeoutMs ?? null;
    this.deadline = timeoutMs === undefined ? Infinity : now() + timeoutMs;
    this.lastCheck = now();
    this.lastPlace = this.lastCheck;
    this.n = this.batch;
    this.stopped = new Promise<never>((_, reject) => { this.rejectStopped = reject; });
    this.stopped.catch(() => undefined);
    // setTimeout fires at once for a delay above 2^31 - 1 ms; such a limit is as good as none here.
    if (timeoutMs !== undefined && timeoutMs <= 2 ** 31 - 1) this.timer = setTimeout(() => this.stop(timeLimitMessage(timeoutMs)), timeoutMs);
  }

  private stop(message: string): void {
    this.rejectStopped?.(new InterruptError(message));
    this.rejectStopped = null;
  }

  /** The cell ended: leftover callbacks (timers the cell started) run unguarded by its limit. */
  end(): void {
    clearTimeout(this.timer);
    this.rejectStopped = null;
    this.running = false;
    if (this.beats) Atomics.store(this.shared!, BUSY, 0);
    this.requested = false;
    this.deadline = Infinity;
    this.limitMs = null;
  }

  /** Ask the running cell to stop at its next check (an interrupt_request that got through). */
  request(): void {
    if (this.running) this.requested = true;
    this.n = 0;
    this.stop(STOPPED);
  }

  /** Clear the shared flag (the page sets it; the kernel clears it once the interrupt is handled). */
  clearShared(): void {
    if (this.shared) Atomics.store(this.shared, 0, 0);
  }

  check(): void {
    const t = now();
    const elapsed = t - this.lastCheck;
    this.lastCheck = t;
    // Aim at a check per ~millisecond: cheap passes get a bigger batch, slow ones a smaller.
    if (elapsed < 0.5) this.batch = Math.min(this.batch * 2, MAX_BATCH);
    else if (elapsed > 2) this.batch = Math.max(this.batch >> 2, MIN_BATCH);
    this.n = this.batch;
    if (this.beats) Atomics.add(this.shared!, PROGRESS, 1);
    if (!this.running) {
      // No cell runs: this is a callback a cell left behind (a timer), perhaps spinning for ever. The
      // page's Stop reaches it too; the interrupt_request that follows clears the cells' timers.
      if (this.shared !== null && Atomics.load(this.shared, 0) !== 0) throw new InterruptError(TIMER_STOPPED);
      return;
    }
    // The conditions stay set until the cell ends, so a `catch` in the cell cannot swallow the stop.
    if (this.requested || (this.shared !== null && Atomics.load(this.shared, 0) !== 0)) {
      throw new InterruptError(STOPPED);
    }
    if (t > this.deadline) {
      throw new InterruptError(timeLimitMessage(this.limitMs ?? 0));
    }
    if (this.onRunning !== null && this.shared === null && t - this.lastPlace >= PLACE_EVERY_MS) {
      this.lastPlace = t;
      this.onRunning(new Error("running").stack ?? "");
    }
  }
}

const STOPPED = "Interrupted: the cell was stopped (variables defined before this point are kept)";
const TIMER_STOPPED = "Interrupted: Stop ended a timer a cell had started (the cells' timers are cleared)";

export function timeLimitMessage(limitMs: number): string {
  const limit = limitMs >= 1000 ? `${+(limitMs / 1000).toFixed(2)} s` : `${limitMs} ms`;
  return `Interrupted: the cell ran longer than its time limit of ${limit} (variables defined before this point are kept)`;
}
