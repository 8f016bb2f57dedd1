// model.summary() on a 390 px phone (lesson 15, as a Keras user reads it): the table is a value's text laid
// out in columns, and both the exported page and the live app wrapped it, so "(None, 32)" broke over two
// lines and "Param #" fell under "Layer (type)". A value's text keeps its lines and scrolls in its own box
// (as a tensor's table does); the page itself never scrolls sideways.
import type { Server } from "node:http";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveSite } from "../export/helpers.ts";
import { exportedSite, hasBrowser, launch, ROOT } from "./harness.ts";

const NOTEBOOKS = path.join(ROOT, "tests/e2e/fixtures/nn-notebooks");

/** For the summary's <pre>: its non-empty lines, the lines it takes on screen, and whether it scrolls in its box. */
function layout(page: Page, selector: string) {
  return page.locator(selector).filter({ hasText: 'Model: "sequential"' }).first().evaluate((pre) => {
    const range = document.createRange();
    range.selectNodeContents(pre);
    const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
    return {
      lines: (pre.textContent ?? "").split("\n").filter((l) => l.trim() !== "").length,
      onScreen: tops.size,
      scrollsInBox: pre.scrollWidth > pre.clientWidth,
      focusable: (pre as HTMLElement).tabIndex === 0,
      pageSideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    };
  });
}

describe.skipIf(!hasBrowser())("model.summary() at phone width", () => {
  let stat: { server: Server; origin: string };

  // the same export as nn-export.test.ts (built once: built.ts)
  beforeAll(async () => {
    stat = await serveSite(await exportedSite({ input: NOTEBOOKS, title: "nn fixture", app: true }));
  }, 300_000);

  afterAll(async () => {
    await new Promise((r) => stat?.server.close(r));
  });

  it("dark, 390 px: one screen line per line of the table on the exported page and in the live app, scrolling in its box", async () => {
    const b = await launch({ colorScheme: "dark", viewport: { width: 390, height: 844 } });
    try {
      const page = await b.context.newPage();
      await page.goto(`${stat.origin}/course/01-nn.html`);
      const exported = await layout(page, "pre.output.text");
      expect(exported.lines).toBeGreaterThan(10);
      expect(exported).toMatchObject({ onScreen: exported.lines, scrollsInBox: true, focusable: true, pageSideways: 0 });

      await page.getByRole("button", { name: "Run", exact: true }).click();
      const summary = page.locator('sb-code-cell[data-cell="data"] .text-output');
      await summary.filter({ hasText: 'Model: "sequential"' }).first().waitFor({ timeout: 300_000 });
      const live = await layout(page, 'sb-code-cell[data-cell="data"] .text-output');
      expect(live).toMatchObject({ lines: exported.lines, onScreen: exported.lines, scrollsInBox: true, focusable: true, pageSideways: 0 });
    } finally {
      await b.close();
    }
  }, 400_000);
});
