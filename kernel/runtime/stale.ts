// Which cells are stale: a cell is stale when a name it uses was (re)defined by a run of another cell
// after it last ran, or when a cell it depends on is itself stale. Plain data in, plain data out, so the
// UI can use the same rules for edits it has not run yet.

export interface CellRun {
  id: string;
  defines: readonly string[];
  uses: readonly string[];
  /** the execution count of the cell's last run (later runs have larger numbers). */
  lastRun: number;
}

export class CellGraph {
  private readonly cells = new Map<string, CellRun>();

  record(run: CellRun): void {
    this.cells.set(run.id, { ...run, defines: [...run.defines], uses: [...run.uses] });
  }

  get(id: string): CellRun | undefined {
    return this.cells.get(id);
  }

  clear(): void {
    this.cells.clear();
  }

  /** Stale cells, in the order they last ran. */
  stale(): string[] {
    const byRun = [...this.cells.values()].sort((a, b) => a.lastRun - b.lastRun);
    // The latest run that defined each name.
    const definer = new Map<string, CellRun>();
    for (const c of byRun) for (const n of c.defines) definer.set(n, c);
    const stale = new Set<string>();
    // Dependencies ran before their dependants in the usual order, so one pass in run order settles
    // most cases; repeat until nothing changes for the rest.
    for (let changed = true; changed; ) {
      changed = false;
      for (const c of byRun) {
        if (stale.has(c.id)) continue;
        const isStale = c.uses.some((n) => {
          const d = definer.get(n);
          return d !== undefined && d.id !== c.id && (d.lastRun > c.lastRun || stale.has(d.id));
        });
        if (isStale) { stale.add(c.id); changed = true; }
      }
    }
    return byRun.filter((c) => stale.has(c.id)).map((c) => c.id);
  }

  /** The cells that (transitively) use what `changed` defines: what an edit of `changed` makes stale. */
  dependants(changed: string): string[] {
    const out: string[] = [];
    const names = new Set(this.cells.get(changed)?.defines ?? []);
    for (const c of [...this.cells.values()].sort((a, b) => a.lastRun - b.lastRun)) {
      if (c.id === changed || !c.uses.some((n) => names.has(n))) continue;
      out.push(c.id);
      for (const n of c.defines) names.add(n);
    }
    return out;
  }
}
