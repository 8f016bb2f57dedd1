// The real course in Chromium, not the small fixtures: lessons 08 and 09 after Run all, with a trace open
// and Variables open, in light and dark, in the app and as exported pages (JavaScript on and off), checked
// by axe-core (no serious or critical violation); and lesson 09's update steps, whose (2, 16) tensors sit
// side by side, never drawing over each other (wide ones scroll inside their own box).
import type { Server } from "node:http";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASE, serveSite } from "../export/helpers.ts";
import { NOTEBOOKS } from "../notebooks/lessons.ts";
import { violations } from "./axe.ts";
import { COURSE_TITLE, exportedSite, hasBrowser, launch, openLesson, serve, type Served } from "./harness.ts";

const LESSONS = ["08-vectorised-backprop", "09-softmax-and-cross-entropy"];

async function runAll(page: Page) {
  await page.click(".tb-run-all");
  await page.waitForFunction(() => document.querySelectorAll(".status-running, .status-queued").length === 0
    && [...document.querySelectorAll("sb-code-cell .cell-prompt")].every((p) => p.textContent !== "[ ]" || p.closest(".code-cell")?.querySelector(".solution-hidden")),
  null, { timeout: 240_000 });
}

/** Pairs of the step's tensor views whose boxes overlap, and views reaching past the step card. */
async function overlaps(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const card = document.querySelector("sb-trace-view .step-card")!.getBoundingClientRect();
    const views = [...document.querySelectorAll<HTMLElement>("sb-trace-view .step-values sb-tensor-view")].map((v) => ({ name: v.getAttribute("label") ?? "", r: v.getBoundingClientRect() }));
    const bad: string[] = [];
    for (const v of views) if (v.r.right > card.right + 1 || v.r.left < card.left - 1) bad.push(`${v.name} outside the card`);
    for (let i = 0; i < views.length; i++) for (let j = i + 1; j < views.length; j++) {
      const [a, b] = [views[i]!.r, views[j]!.r];
      if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) bad.push(`${views[i]!.name} over ${views[j]!.name}`);
    }
    return bad;
  });
}

describe.skipIf(!hasBrowser())("the real course (lessons 08 and 09) in Chromium", () => {
  let app: Served;
  let stat: { server: Server; origin: string };

  // the whole course, built and exported once for the browser tests of the course (built.ts)
  beforeAll(async () => {
    stat = await serveSite(await exportedSite({ input: NOTEBOOKS, title: COURSE_TITLE, app: true }));
    app = await serve({ notebooks: NOTEBOOKS });
  }, 900_000);

  afterAll(async () => {
    await app?.stop();
    await new Promise((r) => stat?.server.close(r));
  });

  for (const colorScheme of ["light", "dark"] as const) {
    it(`the app, ${colorScheme}: lessons 08 and 09 after Run all, a trace and Variables open; 09's update step tensors never overlap`, async () => {
      const b = await launch({ colorScheme });
      try {
        const page = await b.context.newPage();
        for (const lesson of LESSONS) {
          await openLesson(page, app.url, lesson);
          await runAll(page);
          await page.locator(".btn-trace").first().click();
          await page.waitForSelector("sb-trace-view .step-card");
          await page.click("sb-trace-view [aria-label='next step']");
          await page.click(".tb-toggle-variables");
          await page.waitForSelector(".var-table");
          await page.locator(".var-table th button").first().click();
          await page.waitForTimeout(500);
          expect(await violations(page)).toEqual([]);
          await page.click(".tb-toggle-variables");
        }
        // lesson 09 is open: its training trace's update steps (W1 of shape (2, 16) and its gradient)
        await page.locator('sb-code-cell[data-cell="train"] .btn-trace').click();
        await page.waitForSelector("sb-trace-view .step-card");
        await page.click("sb-trace-view .phase-chip.phase-update");
        await expect.poll(() => page.locator("sb-trace-view .phase-badge").textContent()).toBe("update");
        let checked = 0;
        for (let i = 0; i < 4; i++) {
          await page.waitForTimeout(400);
          const shapes = await page.locator("sb-trace-view .step-values .shape-badge").allTextContents();
          if (shapes.some((s) => s === "(2, 16)")) {
            checked++;
            expect(await overlaps(page)).toEqual([]);
            // a table wider than its column scrolls inside its box, which a keyboard can reach
            const scrolls = await page.locator("sb-trace-view .step-values .tensor-scroll").evaluateAll((els) => els.map((e) => e.getAttribute("tabindex")));
            expect(scrolls.every((t) => t === "0")).toBe(true);
          }
          await page.click("sb-trace-view [aria-label='next step']");
        }
        expect(checked).toBeGreaterThan(0);
        expect(await violations(page)).toEqual([]);
      } finally {
        await b.close();
      }
    }, 600_000);

    for (const javaScriptEnabled of [true, false]) {
      it(`the exported lessons 08 and 09, ${colorScheme}, JavaScript ${javaScriptEnabled ? "on" : "off"}`, async () => {
        const b = await launch({ colorScheme });
        try {
          const page = await b.context.newPage();
          if (!javaScriptEnabled) await page.route(/\.m?js$/, (route) => route.abort());
          for (const lesson of LESSONS) {
            await page.goto(`${stat.origin}${BASE}${lesson}.html`, { waitUntil: "networkidle" });
            expect(await violations(page)).toEqual([]);
          }
        } finally {
          await b.close();
        }
      }, 120_000);
    }
  }
});
