// A tensor's numbers at phone width (lesson 15's step-through, dense_2/dZ on a 390 px phone): the table
// shrank to its box by breaking numbers at their '-', so "5.892e-11" read "5.892e-" over "11". A number
// is one token: each cell keeps it on one line and the table scrolls in its box, as it does on a desktop.
import { describe, expect, it } from "vitest";
import { hasBrowser, launch, replaceCellSource } from "./harness.ts";
import { servedForBlock } from "./served.ts";

describe.skipIf(!hasBrowser())("a tensor's numbers never break across lines", () => {
  const served = servedForBlock();

  it("on a phone, dark: every cell of a wide tensor of small numbers is one line; the page does not scroll sideways", async () => {
    const b = await launch({ viewport: { width: 390, height: 844 }, colorScheme: "dark" });
    try {
      const page = await b.context.newPage();
      await page.goto(`${served().url}#/lesson/01-one-layer`);
      const cell = await replaceCellSource(page, "data", "np.random.seed(1);\nnp.random.randn(4, 10).mul(1e-9)");
      await page.keyboard.press("Control+Enter");
      const table = cell.locator("sb-output-area .tensor-table");
      await table.waitFor({ timeout: 30_000 });
      const m = await table.evaluate((t) => {
        const cells = [...t.querySelectorAll("td")].filter((td) => /\d/.test(td.textContent ?? ""));
        const lines = (td: Element) => { const r = document.createRange(); r.selectNodeContents(td); return new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size; };
        const scroll = t.closest(".tensor-scroll")!;
        return { cells: cells.length, broken: cells.filter((td) => lines(td) > 1).map((td) => td.textContent), scrolls: scroll.scrollWidth > scroll.clientWidth,
          sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth };
      });
      expect(m.cells).toBeGreaterThan(20);
      expect(m.broken).toEqual([]);
      expect(m.scrolls).toBe(true);
      expect(m.sideways).toBeLessThanOrEqual(0);
    } finally {
      await b.close();
    }
  }, 120_000);
});
