// A student scrolls down to a traced cell's "Step through" button and presses it. The step-through opens
// under the cell's code and outputs: below a long cell (lesson 7 on a phone, a 30-line loop and its plot)
// that was 800 px below the screen, and only the button's new label ("Hide steps") said anything had
// happened. Now the controls and the first step's formula come up from the bottom edge.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { BASE } from "../export/helpers.ts";
import { FIXTURE_NOTEBOOKS, hasBrowser, launch } from "./harness.ts";
import { servedForBlock, siteForBlock } from "./served.ts";

/** Scroll the button to the bottom of the screen, as a student reading down to it; press it; where are the steps? */
async function openFromTheBottom(page: Page) {
  const button = page.locator('sb-code-cell[data-cell="forward"] .btn-trace');
  await button.waitFor({ timeout: 120_000 });
  await button.evaluate((el) => scrollBy(0, el.getBoundingClientRect().bottom - innerHeight + 8));
  await button.click();
  await page.locator("sb-trace-view .step-formula").waitFor();
  await page.waitForTimeout(1200); // a smooth scroll, if any, has ended
  return page.evaluate(() => {
    const view = document.querySelector("sb-trace-view")!;
    const controls = view.querySelector(".trace-controls")!.getBoundingClientRect(), formula = view.querySelector(".step-formula")!.getBoundingClientRect();
    const button = document.querySelector('sb-code-cell[data-cell="forward"] .btn-trace')!.getBoundingClientRect();
    return { controls: controls.top >= 0 && controls.bottom <= innerHeight, formula: formula.bottom <= innerHeight, button: button.top >= 0 };
  });
}

describe.skipIf(!hasBrowser())("Step through opens where the student can see it", () => {
  const app = servedForBlock();
  const site = siteForBlock({ input: FIXTURE_NOTEBOOKS, title: "Fixture", app: true });

  it("the exported page turned live, on a phone in the dark: the controls and the first formula are on screen", async () => {
    const b = await launch({ viewport: { width: 390, height: 844 }, colorScheme: "dark" });
    try {
      const page = await b.context.newPage();
      await page.goto(`${site()}${BASE}01-one-layer.html`, { waitUntil: "networkidle" });
      await page.getByRole("button", { name: "Run", exact: true }).first().click();
      expect(await openFromTheBottom(page)).toEqual({ controls: true, formula: true, button: true });
    } finally {
      await b.close();
    }
  }, 300_000);

  it("the app on a desktop: the same", async () => {
    const b = await launch();
    try {
      const page = await b.context.newPage();
      await page.goto(`${app().url}#/lesson/01-one-layer`);
      await page.locator(".tb-run-all").click({ timeout: 120_000 });
      expect(await openFromTheBottom(page)).toMatchObject({ controls: true, formula: true });
    } finally {
      await b.close();
    }
  }, 300_000);
});
