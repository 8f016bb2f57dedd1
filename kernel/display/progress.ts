// Progress of long work, updated in place: `progress(epoch, epochs)` inside a loop, or
// `for (const batch of progress(batches))`. The first call shows a display with an id; later calls
// update it through update_display_data, at most every 100 ms (a tight loop must not flood the page),
// and the final state is always sent when the loop or the cell ends.
import { MIME, type MimeBundle, type ProgressPayload } from "../protocol/mime.ts";
import type { DisplayTarget } from "./target.ts";

export interface ProgressOptions {
  label?: string;
  /** for iterables without a length. */
  total?: number;
}

const UPDATE_MS = 100;
const BAR = 24;

interface Bar { id: string; start: number; lastEmit: number; value: number; total: number | null; pending: boolean; label: string | null }

export function makeProgress(target: DisplayTarget) {
  const bars = () => {
    const state = target.executionState();
    let map = state.get("progress") as Map<string, Bar> | undefined;
    if (!map) {
      map = new Map();
      state.set("progress", map);
      const m = map;
      target.atEnd(() => { for (const bar of m.values()) if (bar.pending) emit(bar, bar.value === bar.total); });
    }
    return map;
  };

  const emit = (bar: Bar, done: boolean) => {
    bar.lastEmit = performance.now();
    bar.pending = false;
    target.update(bar.id, progressBundle(bar, done));
  };

  /** Report `value` (0-based step `i` means i + 1 done) of `total`; returns nothing. */
  const report = (key: string, label: string | null, done: number, total: number | null) => {
    const map = bars();
    let bar = map.get(key);
    // A value going backwards means a new loop in the same cell: give it a fresh bar.
    if (!bar || done < bar.value) {
      bar = { id: target.newDisplayId(), start: performance.now(), lastEmit: 0, value: done, total, pending: false, label };
      map.set(key, bar);
      target.display(progressBundle(bar, false), {}, bar.id);
      bar.lastEmit = performance.now();
    }
    bar.value = done;
    bar.total = total;
    const finished = total !== null && done >= total;
    if (finished || performance.now() - bar.lastEmit >= UPDATE_MS) emit(bar, finished);
    else bar.pending = true;
  };

  function progress(i: number, n: number, options?: ProgressOptions): void;
  function progress<T>(items: Iterable<T>, options?: ProgressOptions): Generator<T>;
  function progress<T>(a: number | Iterable<T>, b?: number | ProgressOptions, c?: ProgressOptions): void | Generator<T> {
    if (typeof a === "number") {
      if (!Number.isFinite(a)) throw new TypeError(`progress: the step must be a finite number, got ${describe(a)}`);
      if (b !== undefined && (typeof b !== "number" || !Number.isFinite(b) || b < 0)) throw new TypeError(`progress: the total must be a number of steps, got ${describe(b)}`);
      if (c !== undefined) checkOptions(c);
      const n = typeof b === "number" ? b : null;
      const label = c?.label ?? null;
      report(label ?? "", label, Math.min(a + 1, n ?? Infinity), n);
      return;
    }
    const options = (typeof b === "object" ? b : c) ?? {};
    return iterate(a, options);
  }

  function* iterate<T>(items: Iterable<T>, options: ProgressOptions): Generator<T> {
    checkOptions(options);
    const sized = items as { length?: unknown; size?: unknown };
    const total = options.total ?? (typeof sized.length === "number" ? sized.length : typeof sized.size === "number" ? sized.size : null);
    const key = `iter:${options.label ?? ""}:${target.newDisplayId()}`;
    report(key, options.label ?? null, 0, total);
    let done = 0;
    for (const item of items) {
      yield item;
      report(key, options.label ?? null, ++done, total);
    }
    const bar = bars().get(key);
    if (bar && bar.pending) emit(bar, true);
  }

  return progress;
}

/** Options reach the page as numbers and text: anything else is refused here, naming the option. */
function checkOptions(options: unknown): asserts options is ProgressOptions {
  if (typeof options !== "object" || options === null) throw new TypeError(`progress: options must be an object, got ${describe(options)}`);
  const { total, label } = options as Record<string, unknown>;
  if (total !== undefined && (typeof total !== "number" || !Number.isFinite(total) || total < 0)) throw new TypeError(`progress: total must be a number of items, got ${describe(total)}`);
  if (label !== undefined && typeof label !== "string") throw new TypeError(`progress: label must be a string, got ${describe(label)}`);
}

function describe(x: unknown): string {
  return typeof x === "string" ? JSON.stringify(x.length > 40 ? `${x.slice(0, 40)}…` : x) : typeof x === "number" ? String(x) : typeof x;
}

export function progressBundle(bar: { value: number; total: number | null; start: number; label: string | null }, done: boolean): MimeBundle {
  const payload: ProgressPayload = { label: bar.label, value: bar.value, total: bar.total, elapsedMs: Math.round(performance.now() - bar.start), done };
  const fraction = bar.total ? Math.min(1, bar.value / bar.total) : 0;
  const filled = Math.round(fraction * BAR);
  const counts = bar.total === null ? `${bar.value}` : `${bar.value}/${bar.total}`;
  const text = `${bar.label ? bar.label + " " : ""}[${"#".repeat(filled)}${"-".repeat(BAR - filled)}] ${counts} ${(payload.elapsedMs / 1000).toFixed(1)}s`;
  return { [MIME.progress]: payload, [MIME.text]: text };
}
