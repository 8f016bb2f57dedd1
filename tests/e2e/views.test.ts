// The views and widgets in Chromium, live in the app and in the exported page: every view draws an SVG
// with its text alternative; moving a slider re-runs its cell and exactly the cells that depend on it,
// and the value survives a reload; the exported page shows every view as SVG with JavaScript off.
// Screenshots (light, dark, phone) go to docs/screenshots/views-*.png.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { hasBrowser, launch, serve, ROOT, type Opened, type Served } from "./harness.ts";
import { katexDistDir, nodeEffects } from "../../ui/export/node-effects.ts";
import { exportSite } from "../../ui/export/site.ts";
import { BASE, serveSite } from "../export/helpers.ts";

const NOTEBOOKS = path.join(ROOT, "tests/e2e/fixtures/views");
const SHOTS = path.join(ROOT, "docs/screenshots");
const VIEWS = ["descent", "train", "network", "more"];

describe.skipIf(!hasBrowser())("views and widgets in Chromium", () => {
  let served: Served;
  let b: Opened;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    served = await serve({ notebooks: NOTEBOOKS });
    b = await launch();
    page = await b.context.newPage();
    page.on("pageerror", (e) => errors.push(e.message));
  }, 180_000);

  afterAll(async () => {
    await b?.close();
    await served?.stop();
  });

  const cell = (id: string) => page.locator(`sb-code-cell[data-cell="${id}"]`);
  const count = async (id: string) => Number((await cell(id).locator(".cell-prompt").first().textContent().catch(() => ""))?.replace(/\D/g, "") || NaN);

  async function runAll() {
    await page.click(".tb-run-all");
    await page.waitForFunction(() => document.querySelectorAll(".status-running, .status-queued").length === 0 && document.querySelectorAll("sb-view svg").length >= 5, null, { timeout: 120_000 });
  }

  it("every view draws an SVG labelled by its text alternative", async () => {
    await page.goto(served.url);
    await page.click(".lesson-card a >> nth=0");
    await page.waitForSelector("sb-code-cell");
    await runAll();
    const labels = await page.$$eval("sb-view figure", (fs) => fs.map((f) => f.getAttribute("aria-label") ?? ""));
    expect(labels.some((l) => l.startsWith('boundary "epoch 300": probability of class 1'))).toBe(true); // the last frame stays
    expect(labels.some((l) => l.startsWith("network: 2 inputs -> 8 tanh -> 1 sigmoid"))).toBe(true);
    expect(labels.some((l) => l.startsWith("histogram of 16 bins"))).toBe(true);
    expect(labels.some((l) => l.startsWith("images: 6 images of 4 x 4 pixels"))).toBe(true);
    expect(labels.some((l) => l.startsWith("confusion matrix of 2 classes"))).toBe(true);
    expect(await cell("descent").locator("sb-plot svg, sb-view svg").count()).toBe(1);
    expect(await cell("rate").locator('input[type="range"]').inputValue()).toBe("0.1");
    expect(errors).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, "views-light.png"), fullPage: true });
  }, 180_000);

  it("moving the slider re-runs its cell and exactly its dependants, and the value survives a reload", async () => {
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
    await runAll();
    expect(await cell("rate").locator('input[type="range"]').inputValue()).toBe("0.45");
    expect(await cell("descent").locator(".plot svg text").allTextContents()).toContain("α = 0.45");
  }, 240_000);

  it("screenshots in dark mode and at phone width", async () => {
    for (const [name, options] of [["dark", { colorScheme: "dark" as const }], ["phone", { viewport: { width: 390, height: 844 } }]] as const) {
      const o = await launch(options);
      const p = await o.context.newPage();
      await p.goto(served.url);
      await p.click(".lesson-card a >> nth=0");
      await p.waitForSelector("sb-code-cell");
      await p.click(".tb-run-all");
      await p.waitForFunction(() => document.querySelectorAll(".status-running, .status-queued").length === 0 && document.querySelectorAll("sb-view svg").length >= 5, null, { timeout: 120_000 });
      await p.screenshot({ path: path.join(SHOTS, `views-${name}.png`), fullPage: true });
      // at phone width no view is wider than the page
      const overflow = await p.evaluate(() => [...document.querySelectorAll("sb-view svg, sb-plot svg")].some((s) => s.getBoundingClientRect().right > document.documentElement.clientWidth + 1));
      expect(overflow).toBe(false);
      await o.close();
    }
  }, 300_000);
});

describe.skipIf(!hasBrowser())("views in the exported page", () => {
  let site: string;
  let origin: string;
  let server: Server;

  beforeAll(async () => {
    site = path.join(mkdtempSync(path.join(tmpdir(), "stepbook-views-site-")), "site");
    await exportSite({ input: NOTEBOOKS, outDir: site, katexDir: katexDistDir(), effects: nodeEffects, title: "Views" });
    ({ server, origin } = await serveSite(site));
  }, 120_000);

  afterAll(async () => {
    await new Promise((r) => server?.close(r));
    if (site) rmSync(path.join(site, ".."), { recursive: true, force: true });
  });

  it("with JavaScript off: every view is an SVG with its text alternative, the slider shows its value", async () => {
    const o = await launch({ javaScriptEnabled: false });
    const p = await o.context.newPage();
    await p.goto(`${origin}${BASE}01-views.html`, { waitUntil: "networkidle" });
    const labels = await p.$$eval("figure.plot[role=img]", (fs) => fs.map((f) => f.getAttribute("aria-label") ?? ""));
    for (const start of ['[boundary "epoch 300"', "[network:", "[histogram", "[images:", "[confusion matrix", "[plot: contour"]) {
      expect(labels.some((l) => l.startsWith(start)), start).toBe(true);
    }
    expect(await p.locator("figure.plot svg").count()).toBe(labels.length);
    for (const id of VIEWS) expect(await p.locator(`[id="${id}"], [data-cell="${id}"]`).count()).toBeGreaterThan(0);
    expect(await p.locator('.widget-slider input[type="range"]').getAttribute("value")).toBe("0.1");
    expect(await p.locator(".widget-slider output").textContent()).toBe("0.1");
    await p.screenshot({ path: path.join(SHOTS, "views-exported.png"), fullPage: true });
    await o.close();
  }, 120_000);
});
