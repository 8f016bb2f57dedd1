// The alternating-rounds harness. Contenders run one after another inside each round (A B C, A B C,
// ...), so a slow spell of the machine (another process, a CPU frequency change) hits every contender
// in the same round instead of whichever happened to run then. We report the median time of each
// contender and, for ratios, the median of the same-round ratios (not the ratio of two medians).

export interface Contender {
  name: string;
  /** untimed work before each timed run (re-initialise the parameters, say) */
  prepare?: () => void;
  /** the timed work */
  run: () => void;
}

/** Milliseconds of every round, by contender name. */
export type Rounds = Record<string, number[]>;

export function alternate(contenders: readonly Contender[], rounds: number, warmup = 1): Rounds {
  const times: Rounds = {};
  for (const c of contenders) times[c.name] = [];
  for (let r = -warmup; r < rounds; r++) {
    // rotate the starting contender so none always runs first (right after a GC of the previous one)
    for (let i = 0; i < contenders.length; i++) {
      const c = contenders[(i + Math.max(r, 0)) % contenders.length];
      c.prepare?.();
      const t0 = performance.now();
      c.run();
      const ms = performance.now() - t0;
      if (r >= 0) times[c.name].push(ms);
    }
  }
  return times;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 === 1 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/** The median over rounds of times[a][r] / times[b][r]: how many times slower a is than b. */
export function ratio(times: Rounds, a: string, b: string): number {
  return median(times[a].map((t, r) => t / times[b][r]));
}

/** The lowest and highest same-round ratio: how much the rounds disagreed. */
export function ratioRange(times: Rounds, a: string, b: string): [number, number] {
  const r = times[a].map((t, i) => t / times[b][i]);
  return [Math.min(...r), Math.max(...r)];
}

/** How many calls of `fn` take about `ms` milliseconds (also warms it up). */
export function callsFor(fn: () => void, ms: number): number {
  let n = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) fn();
    const took = performance.now() - t0;
    if (took >= ms / 4) return Math.max(1, Math.round((n * ms) / took));
    n *= 4;
  }
}

/** A contender that calls `fn` `calls` times per round (time per call = round time / calls). */
export function repeated(name: string, fn: () => void, calls: number): Contender {
  return { name, run: () => { for (let i = 0; i < calls; i++) fn(); } };
}
