// The timers cells start (`setTimeout`, `setInterval` in a cell's scope) are tracked, so Stop and Restart
// clear them: a leftover loop cannot keep writing output or keep the kernel busy.

type Callback = (...args: unknown[]) => void;
type TimerId = ReturnType<typeof setTimeout>;

export class CellTimers {
  private readonly live = new Set<TimerId>();

  /** Clear every timer a cell started and has not cleared. */
  clear(): void {
    for (const t of this.live) clearTimeout(t);
    this.live.clear();
  }

  /** The timer functions of a cell's scope: the host's own, tracked. */
  builtins() {
    const live = this.live;
    return {
      setTimeout: (fn: Callback, ms?: number, ...args: unknown[]) => {
        const id = setTimeout((...a: unknown[]) => { live.delete(id); fn(...a); }, ms, ...args);
        live.add(id);
        return id;
      },
      setInterval: (fn: Callback, ms?: number, ...args: unknown[]) => {
        const id = setInterval(fn, ms, ...args);
        live.add(id);
        return id;
      },
      clearTimeout: (id: TimerId) => { live.delete(id); clearTimeout(id); },
      clearInterval: (id: TimerId) => { live.delete(id); clearInterval(id); },
    };
  }
}
