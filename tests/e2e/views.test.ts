// The views and widgets in Chromium, each one live in the dev app and in the exported page (the
// exporter's output with its live app from vite.export.config.ts, served as static files), light and
// dark, desktop and phone width, with axe-core finding no serious or critical violation on any of them.
// Moving a slider re-runs its cell and exactly the cells that depend on it, and the value survives a
// reload; an exported widget shows its value without JavaScript and is live as soon as the page is
// (Edit); the live loss curves of a hand loop and of fit end in their final state, live and exported.
// Screenshots: docs/screenshots/view-<cell>-<live|exported>[-dark|-phone].png, one per view.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync } from "node:fs";
import type { Server } from "node:http";
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { exportedSite, hasBrowser, launch, serve, ROOT, type Served } from "./harness.ts";
import { violations } from "./axe.ts";
import { BASE, serveSite } from "../export/helpers.ts";

const NOTEBOOKS = path.join(ROOT, "tests/e2e/fixtures/views");
const SHOTS = path.join(ROOT, "docs/screenshots");
/** the cell of each view, and how its text alternative starts */
const VIEWS: Record<string, string> = {
  descent: "plot: contour", train: 'boundary "epoch 300"', network: "network: 2 inputs -> 8 tanh -> 1 sigmoid",
  histogram: "histogram of 16 bins", images: "images: 6 images of 4 x 4 pixels", confusion: "confusion matrix of 2 classes",
  "hand-curve": 'plot "hand loop, step 200": line of 200 points', "fit-curve": 'plot "fit, epoch 40": line of 40 points',
};
const MODES = [
  { name: "", options: {} },
  { name: "-dark", options: { colorScheme: "dark" as const } },
  { name: "-phone", options: { viewport: { width: 390, height: 844 } } },
];

const idle = () => document.querySelectorAll(".status-running, .status-queued").length === 0 && document.querySelectorAll("sb-view svg").length >= 5;

/** No view or plot is wider than the page (phone width). */
const overflowing = (page: Page) => page.evaluate(() => [...document.querySelectorAll("sb-view figure, sb-plot figure, figure.plot")]
  .filter((s) => s.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map((s) => s.closest("[data-cell]")?.getAttribute("data-cell"))
  .concat(document.documentElement.scrollWidth > document.documentElement.clientWidth + 1 ? ["the page scrolls sideways"] : []));

async function shoot(where: Locator, file: string): Promise<void> {
  await where.scrollIntoViewIfNeeded();
  await where.screenshot({ path: path.join(SHOTS, file), animations: "disabled" });
}

describe.skipIf(!hasBrowser())("views and widgets live in the dev app", () => {
  let served: Served;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    served = await serve({ notebooks: NOTEBOOKS, mode: "dev" });
  }, 180_000);

  afterAll(async () => { await served?.stop(); });

  for (const mode of MODES) {
    it(`every view draws its SVG with its text alternative${mode.name || " (light)"}; axe finds nothing serious`, async () => {
      const b = await launch(mode.options);
      try {
        const page = await b.context.newPage();
        const errors: string[] = [];
        page.on("pageerror", (e) => errors.push(e.message));
        await page.goto(served.url);
        await page.click(".lesson-card a >> nth=0");
        await page.waitForSelector("sb-code-cell");
        await page.click(".tb-run-all");
        await page.waitForFunction(idle, null, { timeout: 180_000 });
        for (const [id, start] of Object.entries(VIEWS)) {
          const cell = page.locator(`sb-code-cell[data-cell="${id}"]`);
          const labels = await cell.locator("figure[aria-label]").evaluateAll((fs) => fs.map((f) => f.getAttribute("aria-label") ?? ""));
          expect(labels.some((l) => l.includes(start)), `${id}: ${labels.join(" | ")}`).toBe(true);
          expect(await cell.locator("figure svg").count(), id).toBeGreaterThan(0);
          await shoot(cell.locator("sb-output-area"), `view-${id}-live${mode.name}.png`);
        }
        expect(await page.locator('sb-code-cell[data-cell="rate"] input[type="range"]').inputValue()).toBe("0.1");
        expect(await overflowing(page)).toEqual([]);
        expect(await violations(page)).toEqual([]);
        expect(errors).toEqual([]);
        if (!mode.name) await page.screenshot({ path: path.join(SHOTS, "views-light.png"), fullPage: true });
      } finally {
        await b.close();
      }
    }, 300_000);
  }

  it("moving the slider re-runs its cell and exactly its dependants, and the value survives a reload", async () => {
    const b = await launch();
    try {
      const page = await b.context.newPage();
      const cell = (id: string) => page.locator(`sb-code-cell[data-cell="${id}"]`);
      const count = async (id: string) => Number((await cell(id).locator(".cell-prompt").first().textContent().catch(() => ""))?.replace(/\D/g, "") || NaN);
      await page.goto(served.url);
      await page.click(".lesson-card a >> nth=0");
      await page.waitForSelector("sb-code-cell");
      await page.click(".tb-run-all");
      await page.waitForFunction(idle, null, { timeout: 180_000 });
      const before = { descent: await count("descent"), unrelated: await count("unrelated"), train: await count("train") };
      const slider = cell("rate").locator('input[type="range"]');
      await slider.evaluate((el: HTMLInputElement) => { el.value = "0.45"; el.dispatchEvent(new Event("change", { bubbles: true })); });
      await expect.poll(() => count("descent"), { timeout: 60_000 }).toBeGreaterThan(before.descent);
      await expect.poll(() => cell("descent").locator(".plot svg text").allTextContents(), { timeout: 30_000 }).toContain("α = 0.45");
      expect(await count("unrelated")).toBe(before.unrelated);
      expect(await count("train")).toBe(before.train);
      await page.waitForTimeout(1000); // the autosave's debounce
      await page.reload();
      await page.waitForSelector("sb-code-cell");
      await page.click(".tb-run-all");
      await page.waitForFunction(idle, null, { timeout: 180_000 });
      expect(await slider.inputValue()).toBe("0.45");
      expect(await cell("descent").locator(".plot svg text").allTextContents()).toContain("α = 0.45");
    } finally {
      await b.close();
    }
  }, 300_000);
});

describe.skipIf(!hasBrowser())("views and widgets in the exported page", () => {
  let origin: string;
  let server: Server;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ({ server, origin } = await serveSite(await exportedSite({ input: NOTEBOOKS, title: "Views", app: true })));
  }, 300_000);

  afterAll(async () => {
    await new Promise((r) => server?.close(r));
  });

  for (const mode of MODES) {
    it(`without JavaScript, every view is an SVG with its text alternative${mode.name || " (light)"}; axe finds nothing serious`, async () => {
      const b = await launch(mode.options);
      try {
        const page = await b.context.newPage();
        // axe is a script the test injects, so "JavaScript off" blocks the page's own scripts instead
        await page.route(/\.m?js$/, (route) => route.abort());
        await page.goto(`${origin}${BASE}01-views.html`, { waitUntil: "networkidle" });
        for (const [id, start] of Object.entries(VIEWS)) {
          const cell = page.locator(`section[data-cell="${id}"]`);
          const labels = await cell.locator("figure.plot[role=img]").evaluateAll((fs) => fs.map((f) => f.getAttribute("aria-label") ?? ""));
          expect(labels.some((l) => l.startsWith(`[${start}`)), `${id}: ${labels.join(" | ")}`).toBe(true);
          expect(await cell.locator("figure.plot svg").count(), id).toBe(labels.length);
          await shoot(cell.locator(".outputs"), `view-${id}-exported${mode.name}.png`);
        }
        expect(await page.locator('.widget-slider input[type="range"]').getAttribute("value")).toBe("0.1");
        expect(await page.locator(".widget-slider output").textContent()).toBe("0.1");
        expect(await overflowing(page)).toEqual([]);
        expect(await violations(page)).toEqual([]);
        if (!mode.name) await page.screenshot({ path: path.join(SHOTS, "views-exported.png"), fullPage: true });
      } finally {
        await b.close();
      }
    }, 180_000);
  }

  it("Edit turns the page live with its widget live at once; moving it redraws; the value survives a reload; axe", async () => {
    const b = await launch();
    try {
      const page = await b.context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      const cell = (id: string) => page.locator(`sb-code-cell[data-cell="${id}"]`);
      await page.goto(`${origin}${BASE}01-views.html`);
      await page.getByRole("button", { name: "Edit", exact: true }).click();
      const slider = cell("rate").locator('input[type="range"]');
      // without a re-run: the widget's cell and the cell that draws with its value ran on their own
      await expect.poll(() => slider.isEnabled().catch(() => false), { timeout: 120_000 }).toBe(true);
      expect(await slider.inputValue()).toBe("0.1");
      await expect.poll(() => cell("descent").locator(".plot svg text").allTextContents(), { timeout: 60_000 }).toContain("α = 0.1");
      // the cells that have nothing to do with the widget did not run
      expect(await cell("train").locator("figure").count()).toBe(0);
      expect(await violations(page)).toEqual([]);
      await slider.evaluate((el: HTMLInputElement) => { el.value = "0.3"; el.dispatchEvent(new Event("change", { bubbles: true })); });
      await expect.poll(() => cell("descent").locator(".plot svg text").allTextContents(), { timeout: 60_000 }).toContain("α = 0.3");
      await page.waitForTimeout(1000); // the autosave's debounce
      await page.reload();
      await page.getByRole("button", { name: "Edit", exact: true }).click();
      await expect.poll(() => slider.inputValue().catch(() => ""), { timeout: 120_000 }).toBe("0.3");
      await expect.poll(() => cell("descent").locator(".plot svg text").allTextContents(), { timeout: 60_000 }).toContain("α = 0.3");
      expect(errors).toEqual([]);
    } finally {
      await b.close();
    }
  }, 300_000);
});
