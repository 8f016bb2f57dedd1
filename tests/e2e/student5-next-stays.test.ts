// A student on a phone presses Next in a step-through. At each step bound to an equation of the lesson
// (Z = X W + b binds Z) the page scrolled that equation to the middle of the screen, and the Next button
// they were pressing went 1800 px down the page (lesson 4 on the exported site: 5 of 11 presses); the
// next step with no equation left them at the equation. Now the equation comes into view only when the
// step controls stay on screen too (a desktop, where both fit); otherwise it is highlighted where it is,
// and "see the derivation" goes to it.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { BASE } from "../export/helpers.ts";
import { FIXTURE_NOTEBOOKS, hasBrowser, launch } from "./harness.ts";
import { servedForBlock, siteForBlock } from "./served.ts";

/** Open the traced cell's steps, press Next (as a finger does: on screen) up to the step that binds Z. */
async function nextToZ(page: Page) {
  const button = page.locator('sb-code-cell[data-cell="forward"] .btn-trace');
  await button.waitFor({ timeout: 120_000 });
  await button.click();
  const view = page.locator("sb-trace-view");
  const next = view.locator('button[aria-label="next step"]');
  await next.waitFor();
  for (let k = 0; k < 10 && !/→ Z\b/.test((await view.locator(".step-head").textContent()) ?? ""); k++) await next.click();
  expect(await view.locator(".step-head").textContent()).toMatch(/→ Z\b/);
  await expect.poll(() => page.locator("#eq-forward.eq-active").count()).toBe(1);
  await page.waitForTimeout(1500); // a smooth scroll, if any, has ended
  const onScreen = (sel: string) => page.locator(sel).first().evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= innerHeight;
  });
  return { next: await onScreen('sb-trace-view button[aria-label="next step"]'), equation: await onScreen("#eq-forward") };
}

describe.skipIf(!hasBrowser())("Next stays under the student's finger when a step's equation is off screen", () => {
  const app = servedForBlock();
  const site = siteForBlock({ input: FIXTURE_NOTEBOOKS, title: "Fixture", app: true });

  it("the exported page turned live, on a phone in the dark: Next is still on screen at the step Z = X W + b", async () => {
    const b = await launch({ viewport: { width: 390, height: 844 }, colorScheme: "dark" });
    try {
      const page = await b.context.newPage();
      await page.goto(`${site()}${BASE}01-one-layer.html`, { waitUntil: "networkidle" });
      await page.getByRole("button", { name: "Run", exact: true }).first().click();
      const { next, equation } = await nextToZ(page);
      expect(equation).toBe(false); // too far above to show with the controls: highlighted where it is
      expect(next).toBe(true);
    } finally {
      await b.close();
    }
  }, 300_000);

  it("the app on a desktop: Next stays on screen; on a tall screen, where both fit, the equation comes into view too", async () => {
    for (const height of [900, 1300]) {
      const b = await launch({ viewport: { width: 1280, height } });
      try {
        const page = await b.context.newPage();
        await page.goto(`${app().url}#/lesson/01-one-layer`);
        await page.locator(".tb-run-all").click({ timeout: 120_000 });
        const { next, equation } = await nextToZ(page);
        expect(next).toBe(true);
        expect(equation).toBe(height > 1000);
      } finally {
        await b.close();
      }
    }
  }, 300_000);
});
