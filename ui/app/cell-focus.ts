// Where focus goes after the page re-renders: a lesson's title when it opens (a screen reader starts
// reading there), a cell's code when its editor closes or when Shift+Enter selects it (command mode).
// Each waits for the host's render and the element's own, then focuses without a jump of the page.

type Updating = HTMLElement & { updateComplete?: Promise<unknown> };

/** After `host` rendered: focus the lesson's title (made focusable). */
export async function focusTitle(host: Updating): Promise<void> {
  await host.updateComplete;
  await host.querySelector<Updating>("article.lesson sb-markdown-cell")?.updateComplete;
  const title = host.querySelector<HTMLElement>("article.lesson h1");
  if (!title) return;
  title.tabIndex = -1;
  title.focus({ preventScroll: true });
}

/**
 * After `host` rendered: focus cell `cellId`'s code (or a prose cell's text). `scroll`: the page scrolls
 * only as far as needed to show the cell.
 */
export async function focusCell(host: Updating, cellId: string, selector: string, scroll = false): Promise<void> {
  await host.updateComplete;
  const el = host.querySelector<Updating>(`[data-cell="${CSS.escape(cellId)}"]`);
  await el?.updateComplete;
  el?.querySelector<HTMLElement>(selector)?.focus({ preventScroll: scroll });
  if (scroll) el?.scrollIntoView({ block: "nearest" });
}
