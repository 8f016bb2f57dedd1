// Hostile case #15.6 on the exported site (the same sb-app, turned live with Edit): two tabs of one lesson
// keep both tabs' edits of different cells, and each tab says which cell the other changed. Expected
// beside the case; tests/hostile/browser/saved-work.test.ts has the dev app's cases.
import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { katexDistDir, nodeEffects } from "../../../ui/export/node-effects.ts";
import { exportSite } from "../../../ui/export/site.ts";
import { COURSE, serveSite } from "../../export/helpers.ts";
import { hasBrowser, launch, ROOT, type Opened } from "../../e2e/harness.ts";

describe.skipIf(!hasBrowser())("students never lose work on the exported site (two tabs)", () => {
  let site: string;
  let stat: { server: Server; origin: string };
  let b: Opened;

  beforeAll(async () => {
    site = path.join(mkdtempSync(path.join(tmpdir(), "stepbook-work-site-")), "site");
    await exportSite({ input: COURSE, outDir: site, katexDir: katexDistDir(), effects: nodeEffects, title: "Fixture course" });
    const { build } = await import("vite");
    await build({ root: ROOT, configFile: path.join(ROOT, "vite.export.config.ts"), logLevel: "warn", build: { outDir: path.join(site, "app"), emptyOutDir: false } });
    stat = await serveSite(site);
    b = await launch();
  }, 400_000);

  afterAll(async () => {
    await b?.close();
    await new Promise((r) => stat?.server.close(r));
    if (site) rmSync(path.join(site, ".."), { recursive: true, force: true });
  });

  const cell = (page: Page, id: string) => page.locator(`sb-code-cell[data-cell="${id}"]`);
  async function openLive(page: Page) {
    await page.goto(`${stat.origin}/course/01-neuron.html`);
    await page.locator('button[data-stepbook-action="edit"]').click();
    await cell(page, "setup").locator(".monaco-editor .view-lines").waitFor({ timeout: 90_000 });
    await page.keyboard.press("Escape");
  }
  async function replaceCode(page: Page, id: string, code: string) {
    await cell(page, id).locator(".code-view").click();
    await cell(page, id).locator(".monaco-editor .view-lines").waitFor({ timeout: 60_000 });
    await page.waitForTimeout(300);
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Delete");
    await page.keyboard.insertText(code);
    await page.keyboard.press("Escape");
  }

  // Expected: after both tabs edited and reloaded, each shows both edits; before the fix the second
  // tab's save replaced the first tab's record and its edit was gone.
  it("both tabs' edits of different cells survive, and each tab is told of the other's", async () => {
    const [tabA, tabB] = [await b.context.newPage(), await b.context.newPage()];
    await openLive(tabA);
    await openLive(tabB);
    await replaceCode(tabA, "setup", "const fromA = 1;\nfromA");
    await expect.poll(() => tabB.locator(".notice").textContent(), { timeout: 10_000 }).toMatch(/Cell 1 was changed in another tab/);
    await replaceCode(tabB, "curve", "const fromB = 2;\nfromB");
    await expect.poll(() => tabA.locator(".notice").textContent(), { timeout: 10_000 }).toMatch(/Cell \d was changed in another tab/);
    await tabA.waitForTimeout(800);
    await tabA.close();
    await tabB.waitForTimeout(800);
    await tabB.close();
    const again = await b.context.newPage();
    await openLive(again);
    expect(await cell(again, "setup").locator(".code-view").textContent()).toContain("const fromA = 1;");
    expect(await cell(again, "curve").locator(".code-view").textContent()).toContain("const fromB = 2;");
  }, 300_000);
});
