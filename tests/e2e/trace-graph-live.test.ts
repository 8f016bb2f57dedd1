// The computation graph on the real course, live in the app (vite build of index.html with notebooks/):
// for every traced cell of every lesson the step-through's graph renders, a click on a node moves the step
// player to that node's step, and a closed group (a layer, a long composite) opens on a click. axe finds no
// serious issue in the step-through with its graph (light and dark, a group open), and at phone width the
// graph scrolls inside its own box while the page does not scroll sideways. The exported site's half is
// trace-graph-export.test.ts.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NOTEBOOKS } from "../notebooks/lessons.ts";
import { violations } from "./axe.ts";
import { hasBrowser, launch, openLesson, serve, type Opened, type Served } from "./harness.ts";
import { checkCourseGraphs, LARGE, waitForTraces } from "./trace-graph-course.ts";

describe.skipIf(!hasBrowser())("the trace graph on the real course, live in the app", () => {
  let app: Served;
  let b: Opened;

  beforeAll(async () => {
    app = await serve({ notebooks: NOTEBOOKS });
    b = await launch();
  }, 900_000);

  afterAll(async () => {
    await b?.close();
    await app?.stop();
  });

  it(`app: every traced cell's graph renders live, a node click moves the step player, a group opens`, async () => {
    await checkCourseGraphs(b.context, async (page, name) => {
      await openLesson(page, app.url, name);
      await page.click(".tb-run-all");
    });
  }, 1_800_000);

  for (const colorScheme of ["light", "dark"] as const) {
    it(`axe, ${colorScheme}: the step-through with its graph (a group open) has no serious issue`, async () => {
      const o = await launch({ colorScheme });
      try {
        const page = await o.context.newPage();
        await openLesson(page, app.url, LARGE.lesson);
        await page.click(".tb-run-all");
        await waitForTraces(page, [LARGE.cell]);
        await page.locator(`sb-code-cell[data-cell="${LARGE.cell}"] .btn-trace`).click();
        await page.locator("sb-trace-view .graph-node.group").first().click();
        await page.locator("sb-trace-view .graph-cluster").first().waitFor();
        expect(await violations(page, ["sb-trace-view"])).toEqual([]);
      } finally {
        await o.close();
      }
    }, 300_000);
  }

  it("phone width: the graph scrolls inside its box, the page does not scroll sideways", async () => {
    const o = await launch({ viewport: { width: 390, height: 844 } });
    try {
      const page = await o.context.newPage();
      await openLesson(page, app.url, LARGE.lesson);
      await page.click(".tb-run-all");
      await waitForTraces(page, [LARGE.cell]);
      await page.locator(`sb-code-cell[data-cell="${LARGE.cell}"] .btn-trace`).click();
      const box = page.locator("sb-trace-view .trace-graph-scroll");
      await box.waitFor();
      const m = await box.evaluate((e) => ({ scrollWidth: e.scrollWidth, clientWidth: e.clientWidth, right: e.getBoundingClientRect().right }));
      expect(m.scrollWidth).toBeGreaterThan(m.clientWidth);
      expect(m.right).toBeLessThanOrEqual(390);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await box.evaluate((e) => e.scrollBy(200, 0));
      expect(await box.evaluate((e) => e.scrollLeft)).toBeGreaterThan(0);
      if (process.env.STEPBOOK_SHOTS) await page.locator("sb-trace-view figure.trace-graph").screenshot({ path: path.join(process.env.STEPBOOK_SHOTS, "trace-graph-phone.png") });
    } finally {
      await o.close();
    }
  }, 300_000);
});
