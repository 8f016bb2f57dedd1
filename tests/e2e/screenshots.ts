// Screenshots of every screen, for looking at them and for the README (docs/):
//   npx tsx tests/e2e/screenshots.ts [outDir]
// With STEPBOOK_SITE=dist/site (after `npm run build`) it also shoots the exported site: a lesson read,
// then turned live with Edit, light, dark and phone.
import path from "node:path";
import { mkdirSync } from "node:fs";
import { closeBrowser, launch, openLesson, serve, ROOT } from "./harness.ts";

const out = path.resolve(process.argv[2] ?? path.join(ROOT, "docs"));
mkdirSync(out, { recursive: true });
const served = await serve({ notebooks: process.env.STEPBOOK_NOTEBOOKS });
const shots: [string, "light" | "dark", { width: number; height: number }][] = [
  ["light", "light", { width: 1280, height: 900 }],
  ["dark", "dark", { width: 1280, height: 900 }],
  ["tablet", "light", { width: 820, height: 1180 }],
  ["phone", "light", { width: 390, height: 844 }],
];
try {
  for (const [name, colorScheme, viewport] of shots) {
    const b = await launch({ colorScheme, viewport });
    const page = await b.context.newPage();
    page.on("console", (m) => m.type() === "error" && console.log(`[${name}] console:`, m.text()));
    page.on("pageerror", (e) => console.log(`[${name}] page error:`, e.message));
    await page.goto(served.url);
    await page.waitForSelector(".lesson-card");
    await page.screenshot({ path: path.join(out, `index-${name}.png`) });
    // a lesson with a traced cell (the course's 04; the fixtures' first)
    const traced = page.locator('.lesson-card a[href*="04-forward-propagation"]');
    await (await traced.count() ? traced : page.locator(".lesson-card a").first()).click();
    await page.waitForSelector("sb-code-cell");
    await page.mouse.move(0, 0);
    await page.click(".tb-run-all");
    await page.waitForFunction(() => document.querySelectorAll(".status-running, .status-queued").length === 0 && document.querySelectorAll(".out-prompt, .error-output, .check").length > 0, null, { timeout: 30_000 });
    await page.screenshot({ path: path.join(out, `lesson-${name}.png`), fullPage: true });
    const trace = page.locator(".btn-trace").first();
    if (await trace.count()) {
      await trace.click();
      await page.waitForSelector("sb-trace-view .step-card");
      for (let i = 0; i < 5; i++) await page.click("sb-trace-view [aria-label='next step']");
      await page.waitForTimeout(300);
      await page.locator("sb-trace-view").scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(out, `trace-${name}.png`) });
    }
    // on a phone the Variables button is in the toolbar's More menu
    if (await page.locator(".tb-more").isVisible()) await page.click(".tb-more");
    await page.click(".tb-toggle-variables");
    await page.waitForSelector(".var-table");
    await page.locator(".var-table th button").first().click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(out, `inspector-${name}.png`) });
    if (await page.locator(".tb-more").isVisible()) {
      await page.keyboard.press("Escape");
      await page.mouse.move(0, 0);
      await page.evaluate(() => scrollTo(0, 0));
      await page.click(".tb-more");
      await page.waitForTimeout(200);
      await page.screenshot({ path: path.join(out, `toolbar-menu-${name}.png`) });
      await page.keyboard.press("Escape");
    }
    // lesson 09's update steps: (2, 16) tensors side by side (light and phone only: the lesson trains)
    const softmax = "09-softmax-and-cross-entropy";
    if (name === "light" || name === "phone") {
      await openLesson(page, served.url, softmax);
      if (await page.locator('sb-code-cell[data-cell="train"]').count()) {
        if (await page.locator(".tb-more").isVisible()) await page.click(".tb-more");
        await page.click(".tb-run-all");
        await page.waitForFunction(() => document.querySelectorAll(".status-running, .status-queued").length === 0
          && document.querySelector('sb-code-cell[data-cell="train"] .btn-trace'), null, { timeout: 240_000 });
        await page.locator('sb-code-cell[data-cell="train"] .btn-trace').click();
        await page.waitForSelector("sb-trace-view .step-card");
        await page.click("sb-trace-view .phase-chip.phase-update");
        await page.waitForTimeout(500);
        await page.locator("sb-trace-view .step-card").scrollIntoViewIfNeeded();
        await page.locator("sb-trace-view").screenshot({ path: path.join(out, `trace-09-update-${name}.png`) });
      }
    }
    await b.close();
  }
  const siteDir = process.env.STEPBOOK_SITE;
  if (siteDir) {
    const { serveSite, BASE } = await import("../export/helpers.ts");
    const site = await serveSite(path.resolve(siteDir));
    try {
      for (const [name, colorScheme, viewport] of shots) {
        const b = await launch({ colorScheme, viewport });
        const page = await b.context.newPage();
        page.on("pageerror", (e) => console.log(`[export ${name}] page error:`, e.message));
        await page.goto(`${site.origin}${BASE}04-forward-propagation.html`, { waitUntil: "networkidle" });
        await page.screenshot({ path: path.join(out, `export-lesson-${name}.png`) });
        await page.getByRole("button", { name: "Edit", exact: true }).click();
        await page.locator("sb-code-cell .monaco-editor .view-lines").first().waitFor({ timeout: 60_000 });
        await page.waitForTimeout(800);
        await page.mouse.move(0, 0);
        await page.locator("sb-code-cell").first().scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join(out, `export-edit-${name}.png`) });
        await b.close();
      }
    } finally {
      await new Promise((r) => site.server.close(r));
    }
  }
} finally {
  await closeBrowser();
  await served.stop();
}
console.log(`screenshots in ${out}`);
