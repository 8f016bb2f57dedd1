// Which cells are stale. A lesson is read top to bottom, so a cell is stale only when a cell ABOVE it,
// which defines a name it read, has changed (edited, not yet run) or run again since, or is itself
// stale. A redefinition further down never makes a cell stale. Plain data in (the cells in notebook
// order), plain data out, so the kernel and the UI apply the same rule (kernel/runtime/README.md).

export interface CellRun {
  id: string;
  defines: readonly string[];
  uses: readonly string[];
  /** when the cell last ran, on a clock that grows with every run; null: it has not run. */
  lastRun: number | null;
  /** its source changed since it ran. */
  edited?: boolean;
  /** it ran, but its values were lost (the kernel restarted or died since). */
  lost?: boolean;
}

/** Why a cell is stale: its own edit, a lost kernel, or `name` from the cell `cell` above it. */
export type StaleReason =
  | { why: "edited" }
  | { why: "restarted" }
  | { why: "changed" | "re-ran" | "stale"; name: string; cell: string };

/** The cell above `index` that provides `name` to it: the nearest one above that ran and defines it. */
function providerOf(cells: readonly CellRun[], index: number, name: string): CellRun | undefined {
  for (let j = index - 1; j >= 0; j--) {
    const c = cells[j]!;
    if (c.lastRun !== null && c.defines.includes(name)) return c;
  }
  return undefined;
}

/** The stale cells of a notebook (cells in notebook order), each with its reason, top to bottom. */
export function staleCells(cells: readonly CellRun[]): Map<string, StaleReason> {
  const stale = new Map<string, StaleReason>();
  // One pass from the top settles it: every provider sits above the cell it provides for.
  cells.forEach((c, i) => {
    if (c.lastRun === null) return;
    if (c.lost) return void stale.set(c.id, { why: "restarted" });
    if (c.edited) return void stale.set(c.id, { why: "edited" });
    for (const name of c.uses) {
      const p = providerOf(cells, i, name);
      if (!p) continue;
      if (p.edited) return void stale.set(c.id, { why: "changed", name, cell: p.id });
      if (p.lastRun! > c.lastRun!) return void stale.set(c.id, { why: "re-ran", name, cell: p.id });
      if (stale.has(p.id)) return void stale.set(c.id, { why: "stale", name, cell: p.id });
    }
  });
  return stale;
}

/**
 * What "Run stale" runs, in notebook order: the stale cells, and whatever keeps that from turning a
 * correct cell wrong. A stale cell may read a name that a cell BELOW it redefined since (the scope holds
 * the last value written); then the cell above that provides the name runs first. Cells that these runs
 * would leave stale run too. Running the plan leaves no cell stale.
 */
export function staleRunPlan(cells: readonly CellRun[]): string[] {
  const plan = new Set(staleCells(cells).keys());
  for (let changed = true; changed; ) {
    changed = false;
    // Simulate the plan: who wrote each name last, as the runs go.
    const writer = new Map<string, string>();
    for (const c of [...cells].filter((c) => c.lastRun !== null && !c.lost).sort((a, b) => a.lastRun! - b.lastRun!)) {
      for (const n of c.defines) writer.set(n, c.id);
    }
    let clock = Math.max(0, ...cells.map((c) => c.lastRun ?? 0)) + 1;
    const after: CellRun[] = [];
    for (const [i, c] of cells.entries()) {
      if (!plan.has(c.id)) { after.push(c); continue; }
      for (const n of c.uses) {
        const p = providerOf(cells, i, n);
        if (p && writer.get(n) !== p.id && !plan.has(p.id)) { plan.add(p.id); changed = true; }
      }
      if (changed) break;
      for (const n of c.defines) writer.set(n, c.id);
      after.push({ ...c, lastRun: clock++, edited: false, lost: false });
    }
    if (changed) continue;
    for (const id of staleCells(after).keys()) if (!plan.has(id)) { plan.add(id); changed = true; }
  }
  return cells.filter((c) => plan.has(c.id)).map((c) => c.id);
}

/** The kernel's record of runs: the cells it ran, their names, and the notebook order it was told. */
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

  /** The recorded cells in notebook `order`; cells it does not name follow, in the order they ran. */
  private ordered(order: readonly string[]): CellRun[] {
    const known = order.flatMap((id) => this.cells.get(id) ?? []);
    const rest = [...this.cells.values()].filter((c) => !order.includes(c.id)).sort((a, b) => a.lastRun! - b.lastRun!);
    return [...known, ...rest];
  }

  /** Stale cells, top to bottom. */
  stale(order: readonly string[] = []): string[] {
    return [...staleCells(this.ordered(order)).keys()];
  }

  /** What Run stale runs, top to bottom. */
  plan(order: readonly string[] = []): string[] {
    return staleRunPlan(this.ordered(order));
  }

  /** What an edit of `changed` would make stale (besides itself). */
  dependants(changed: string, order: readonly string[] = []): string[] {
    const cells = this.ordered(order).map((c) => (c.id === changed ? { ...c, edited: true } : c));
    return [...staleCells(cells).keys()].filter((id) => id !== changed);
  }
}
