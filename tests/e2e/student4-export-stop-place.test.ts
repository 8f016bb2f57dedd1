// A student on the exported site (a static host: no isolation headers, so no SharedArrayBuffer) writes a
// runaway loop and presses Stop. The dev app stops it in its worker and says where: "line 3", the line
// quoted, a caret. The export has to end the worker, and said only "the kernel was restarted and the 0
// cells that ran before were run again": no place, and "0 cells". A worker that cannot be reached now says
// where its running cell is (RunningAtMessage), so the export names the line too; the app is unchanged.
import type { Server } from "node:http";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASE, COURSE, serveSite } from "../export/helpers.ts";
import { exportedSite, hasBrowser, launch, replaceCellSource } from "./harness.ts";
import { servedForBlock } from "./served.ts";

const LOOP = "const g1 = np.array([-9, 150]);\nlet i = 0;\nwhile (true) { i++; }";

async function runAndStop(page: Page, editorOpen: boolean) {
  const cell = await replaceCellSource(page, "setup", LOOP, 120_000, { editorOpen });
  await page.keyboard.press("Control+Enter");
  // the cell runs (Stop is enabled), and loops long enough to say where it is (every 100 ms); a loaded
  // machine may take a while to start the worker on the exported page
  await expect.poll(() => page.locator(".tb-stop").isEnabled(), { timeout: 60_000 }).toBe(true);
  await page.waitForTimeout(2000);
  await page.locator(".tb-stop").click();
  const error = cell.locator("sb-error-output");
  await error.waitFor({ timeout: 30_000 });
  return { text: await error.innerText(), sideways: await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth) };
}

describe.skipIf(!hasBrowser())("Stop on a runaway loop names its line, on the exported site and in the app", () => {
  let server: Server;
  let origin: string;
  const app = servedForBlock({ notebooks: COURSE });

  beforeAll(async () => {
    ({ server, origin } = await serveSite(await exportedSite({ input: COURSE, title: "Fixture course", app: true })));
  }, 900_000);

  afterAll(async () => {
    await new Promise((r) => server?.close(r));
  });

  it("the exported page, on a phone in the dark: the error quotes line 3 with a caret, and says no cell had run before", async () => {
    const b = await launch({ viewport: { width: 390, height: 844 }, colorScheme: "dark" });
    try {
      const page = await b.context.newPage();
      await page.goto(`${origin}${BASE}01-neuron.html`, { waitUntil: "networkidle" });
      expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
      await page.getByRole("button", { name: "Edit", exact: true }).first().click();
      const { text, sideways } = await runAndStop(page, true);
      expect(text).toContain("3 | while (true) { i++; }");
      expect(text).toMatch(/line 3/);
      expect(text).toMatch(/no cell had run before it/);
      expect(text).not.toMatch(/\b0 cells/);
      expect(sideways).toBeLessThanOrEqual(0);
    } finally {
      await b.close();
    }
  }, 300_000);

  it("the app (isolated: stopped in its worker) names the same line", async () => {
    const b = await launch();
    try {
      const page = await b.context.newPage();
      await page.goto(`${app().url}#/lesson/01-neuron`);
      expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
      const { text } = await runAndStop(page, false);
      expect(text).toContain("3 | while (true) { i++; }");
    } finally {
      await b.close();
    }
  }, 300_000);
});
