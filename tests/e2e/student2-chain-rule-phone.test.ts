// A student stepping through lesson 10's two paths on a phone (390 x 844): at the step db2 = Σ_i dL1/d(...)
// the chain rule reads "... summed over axis 0", one piece KaTeX cannot break, 6 px wider than the
// column; the whole page scrolled sideways by those 6 px and the words were cut at the screen's edge. The
// chain rule now scrolls inside its own box, as the step's formula does, and the page never sideways. A box
// that scrolls is focusable and labelled (axe: scrollable-region-focusable, serious, for the formula too).
import path from "node:path";
import { describe, expect, it } from "vitest";
import { hasBrowser, launch, ROOT } from "./harness.ts";
import { violations } from "./axe.ts";
import { servedForBlock } from "./served.ts";

describe.skipIf(!hasBrowser())("the chain rule of a step on a phone", () => {
  const served = servedForBlock({ notebooks: path.join(ROOT, "notebooks"), mode: "dev" });

  it("lesson 10, two paths, the db2 step (dark): the page does not scroll sideways; the chain rule scrolls in its box", async () => {
    const b = await launch({ viewport: { width: 390, height: 844 }, colorScheme: "dark" });
    try {
      const page = await b.context.newPage();
      await page.goto(`${served().url}#/lesson/10-generalisation-and-l2`);
      await page.locator(".tb-run-all").click({ timeout: 120_000 });
      const button = page.locator('sb-code-cell[data-cell="two-paths"] .btn-trace');
      await button.waitFor({ timeout: 300_000 });
      await button.click();
      const view = page.locator("sb-trace-view");
      await view.locator(".step-card").waitFor();
      const next = view.locator('button[aria-label="next step"]');
      // step by step to the first bias gradient (db2), whose chain rule ends "summed over axis 0"
      for (let k = 0; k < 40 && !/→ db2/.test((await view.locator(".step-head").textContent()) ?? ""); k++) await next.click();
      expect(await view.locator(".step-head").textContent()).toContain("→ db2");
      const factor = view.locator(".grad-factor").first();
      expect(await factor.textContent()).toContain("summed over axis 0");
      const m = await factor.evaluate((f) => ({
        sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        boxRight: f.getBoundingClientRect().right, width: innerWidth, scrolls: f.scrollWidth > f.clientWidth,
      }));
      expect(m.sideways).toBeLessThanOrEqual(0);
      expect(m.boxRight).toBeLessThanOrEqual(m.width);
      expect(m.scrolls).toBe(true); // the piece is wider than the column: it scrolls in its own box
      // a box that scrolls can be reached from the keyboard and says what it is
      expect(await factor.evaluate((f) => [f.tabIndex, f.getAttribute("aria-label")])).toEqual([0, "chain rule, scrolls sideways"]);
      expect(await violations(page, ["sb-trace-view"])).toEqual([]);
      // a step whose formula and chain rule fit has no such boxes (no stops for the keyboard that scroll nothing)
      await view.locator('button[aria-label="previous step"]').click();
      await view.locator('button[aria-label="previous step"]').click();
      await view.locator('button[aria-label="previous step"]').click(); // dL1/d(… - Ytrain) -> back to a short step
      const fits = await view.evaluate((el) => [...el.querySelectorAll<HTMLElement>(".step-formula, .grad-factor")]
        .map((b) => ({ wide: b.scrollWidth > b.clientWidth + 1, focusable: b.hasAttribute("tabindex") })));
      expect(fits.every((b) => b.wide === b.focusable)).toBe(true);
    } finally {
      await b.close();
    }
  }, 420_000);
});
