// Hostile case #15.6 on the exported site (the same sb-app, turned live with Edit): two tabs of one lesson
// keep both tabs' edits of different cells, and each tab says which cell the other changed. Expected
// beside the case; tests/hostile/browser/saved-work.test.ts has the dev app's cases.
import type { Server } from "node:http";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COURSE, serveSite } from "../../export/helpers.ts";
import { exportedSite, hasBrowser, launch, type Opened } from "../../e2e/harness.ts";

describe.skipIf(!hasBrowser())("students never lose work on the exported site (two tabs)", () => {
  let stat: { server: Server; origin: string };
  let b: Opened;

  beforeAll(async () => {
    stat = await serveSite(await exportedSite({ input: COURSE, title: "Fixture course", app: true }));
    b = await launch();
  }, 400_000);

  afterAll(async () => {
    await b?.close();
    await new Promise((r) => stat?.server.close(r));
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
