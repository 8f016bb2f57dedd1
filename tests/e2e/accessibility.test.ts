// axe-core (@axe-core/playwright) on every screen a student meets, light and dark: the course index, a
// lesson after Run all with a trace open and Variables open, and an exported lesson with JavaScript on
// and off. No serious or critical violation may remain.
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASE, COURSE, serveSite } from "../export/helpers.ts";
import { violations } from "./axe.ts";
import { exportedSite, hasBrowser, launch, serve, type Served } from "./harness.ts";

describe.skipIf(!hasBrowser())("accessibility (axe-core): no serious or critical violations", () => {
  let app: Served;
  let stat: { server: Server; origin: string };

  beforeAll(async () => {
    app = await serve();
    stat = await serveSite(await exportedSite({ input: COURSE, title: "Fixture course", app: true }));
  }, 300_000);

  afterAll(async () => {
    await app?.stop();
    await new Promise((r) => stat?.server.close(r));
  });

  for (const colorScheme of ["light", "dark"] as const) {
    it(`the app, ${colorScheme}: the index, then a lesson after Run all with a trace and Variables open`, async () => {
      const b = await launch({ colorScheme });
      try {
        const page = await b.context.newPage();
        await page.goto(app.url);
        await page.waitForSelector(".lesson-card");
        expect(await violations(page)).toEqual([]);
        await page.click(".lesson-card a >> nth=0");
        await page.waitForSelector("sb-code-cell");
        await page.click(".tb-run-all");
        await page.waitForFunction(() => document.querySelectorAll(".status-running, .status-queued").length === 0 && document.querySelectorAll(".out-prompt, .check").length > 0, null, { timeout: 60_000 });
        await page.locator(".btn-trace").first().click();
        await page.waitForSelector("sb-trace-view .step-card");
        await page.click("sb-trace-view [aria-label='next step']");
        await page.click(".tb-toggle-variables");
        await page.waitForSelector(".var-table");
        await page.locator(".var-table button").first().click();
        await page.waitForTimeout(500);
        expect(await violations(page)).toEqual([]);
      } finally {
        await b.close();
      }
    }, 180_000);

    for (const javaScriptEnabled of [true, false]) {
      it(`an exported lesson, ${colorScheme}, JavaScript ${javaScriptEnabled ? "on" : "off"}`, async () => {
        // axe is a script the test injects, so "JavaScript off" blocks the page's own scripts instead
        const b = await launch({ colorScheme });
        try {
          const page = await b.context.newPage();
          if (!javaScriptEnabled) await page.route(/\.m?js$/, (route) => route.abort());
          await page.goto(`${stat.origin}${BASE}01-neuron.html`, { waitUntil: "networkidle" });
          expect(await violations(page)).toEqual([]);
          await page.goto(`${stat.origin}${BASE}`, { waitUntil: "networkidle" });
          expect(await violations(page)).toEqual([]);
        } finally {
          await b.close();
        }
      }, 120_000);
    }
  }
});
