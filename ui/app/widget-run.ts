// What a widget change re-runs: the widget's own cell (it now returns the new value), then exactly the
// cells that depend on it — those that use a name it defines, then those that use theirs, and so on —
// in page order. Cells that never ran are left alone (the reader has not got there yet).
import type { RuntimeState } from "./state.ts";

export function dependentsOf(state: RuntimeState, cellId: string, pageOrder: readonly string[]): string[] {
  const names = new Set(state.cells[cellId]?.defines ?? []);
  const out = new Set<string>();
  // a dependant's own definitions make its dependants dependants too: repeat until nothing changes
  for (let changed = true; changed; ) {
    changed = false;
    for (const [id, c] of Object.entries(state.cells)) {
      if (id === cellId || out.has(id) || c.ranSource === null || !c.uses.some((u) => names.has(u))) continue;
      out.add(id);
      for (const n of c.defines) names.add(n);
      changed = true;
    }
  }
  return pageOrder.filter((id) => out.has(id));
}
