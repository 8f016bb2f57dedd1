// "Builds on …" in Chromium: a lesson whose front matter requires others links them at its top, in the app
// (to #/lesson/NAME) and on the exported page (to NAME.html); a link goes there; axe finds nothing
// serious in light or dark, and at phone width the line does not make the page scroll sideways.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { katexDistDir, nodeEffects } from "../../ui/export/node-effects.ts";
import { exportSite } from "../../ui/export/site.ts";
import { BASE, serveSite } from "../export/helpers.ts";
import { violations } from "./axe.ts";
import { hasBrowser, launch, serve, type Served } from "./harness.ts";

const lesson = (title: string, order: number, requires: string) =>
  `---\ntitle: ${title}\norder: ${order}\nrequires: ${requires}\n---\n\n# ${title}\n\nSome prose about ${title.toLowerCase()}.\n`;
const LINE = "Builds on Why stacked linear neurons collapse and The same networks in nn.";

describe.skipIf(!hasBrowser())("a lesson's requires, linked at its top", () => {
  let notebooks: string;
  let site: string;
  let app: Served;
  let stat: { server: Server; origin: string };

  beforeAll(async () => {
    notebooks = mkdtempSync(path.join(tmpdir(), "stepbook-requires-"));
    writeFileSync(path.join(notebooks, "02-linear-collapse.md"), lesson("Why stacked linear neurons collapse", 2, "[]"));
    writeFileSync(path.join(notebooks, "15-networks-in-nn.md"), lesson("The same networks in nn", 15, "[02-linear-collapse]"));
    writeFileSync(path.join(notebooks, "16-autoencoders.md"), lesson("Autoencoders", 16, "[02-linear-collapse, 15-networks-in-nn]"));
    app = await serve({ notebooks });
    site = path.join(mkdtempSync(path.join(tmpdir(), "stepbook-requires-site-")), "site");
    await exportSite({ input: notebooks, outDir: site, katexDir: katexDistDir(), effects: nodeEffects, title: "Requires" });
    stat = await serveSite(site);
  }, 600_000);

  afterAll(async () => {
    await app?.stop();
    await new Promise((r) => stat?.server.close(r));
    rmSync(notebooks, { recursive: true, force: true });
    if (site) rmSync(path.join(site, ".."), { recursive: true, force: true });
  });

  for (const colorScheme of ["light", "dark"] as const) {
    it(`in the app and on the exported page, ${colorScheme}`, async () => {
      const b = await launch({ colorScheme });
      try {
        const page = await b.context.newPage();
        await page.goto(`${app.url}#/lesson/16-autoencoders`);
        await expect.poll(() => page.locator(".lesson-requires").textContent()).toBe(LINE);
        expect(await violations(page)).toEqual([]);
        await page.locator(".lesson-requires a", { hasText: "The same networks in nn" }).click();
        await expect.poll(() => page.evaluate(() => location.hash)).toBe("#/lesson/15-networks-in-nn");
        await expect.poll(() => page.locator(".lesson-requires").textContent()).toBe("Builds on Why stacked linear neurons collapse.");

        await page.goto(`${stat.origin}${BASE}16-autoencoders.html`);
        expect(await page.locator(".lesson-requires").textContent()).toBe(LINE);
        expect(await violations(page)).toEqual([]);
        await page.locator(".lesson-requires a", { hasText: "Why stacked" }).click();
        await page.waitForURL(`${stat.origin}${BASE}02-linear-collapse.html`);
        expect(await page.locator(".lesson-requires").count()).toBe(0);
      } finally {
        await b.close();
      }
    }, 180_000);
  }

  it("at phone width, without sideways scrolling", async () => {
    const b = await launch({ viewport: { width: 390, height: 844 } });
    try {
      const page = await b.context.newPage();
      for (const url of [`${app.url}#/lesson/16-autoencoders`, `${stat.origin}${BASE}16-autoencoders.html`]) {
        await page.goto(url);
        await expect.poll(() => page.locator(".lesson-requires").textContent()).toBe(LINE);
        expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(1);
      }
    } finally {
      await b.close();
    }
  }, 180_000);
});
