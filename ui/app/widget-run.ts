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

/** A cell that shows a widget: it calls ui.slider, ui.select, ui.checkbox or ui.button. */
export const WIDGET_CALL = /\bui\s*\.\s*(slider|select|checkbox|button)\s*\(/;

/** the code without its comments and quoted strings (a name inside a string is not a use). */
const codeOnly = (source: string) => source.replace(/\/\/.*|\/\*[\s\S]*?\*\/|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'/g, " ");
/** the code reads `name` (not a property `.name`, not part of a longer name). */
const mentions = (code: string, name: string) => new RegExp(`(?<![\\w$.])${name.replace(/\$/g, "\\$")}(?![\\w$])`).test(code);

/**
 * What an exported page runs when it turns live for editing, so that its widgets, and what they draw,
 * are live at once rather than only after a re-run: the code cells from the top down to the last cell
 * that shows a widget or reads a name that a widget cell (or such a reader) defines. Which names a
 * cell defines is known once it ran (`definesOf` gives undefined before), so the caller runs this
 * plan, asks again, and runs what was added, until nothing is. Nothing when the lesson has no widget.
 */
export function widgetPrefix(cells: readonly { id: string; source: string }[], definesOf: (id: string) => readonly string[] | undefined = () => undefined): string[] {
  const names = new Set<string>();
  let last = -1;
  cells.forEach((c, i) => {
    const code = codeOnly(c.source);
    if (!WIDGET_CALL.test(code) && ![...names].some((n) => mentions(code, n))) return;
    last = i;
    for (const n of definesOf(c.id) ?? []) names.add(n);
  });
  return cells.slice(0, last + 1).map((c) => c.id);
}
