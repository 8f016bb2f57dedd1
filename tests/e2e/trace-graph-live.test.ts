// The computation graph on the real course, live: in the app (vite build of index.html with notebooks/)
// and on the exported site (the exporter plus vite.export.config.ts, served as static files, turned live
// with Run). For every traced cell of every lesson: the exported page shows its graph without JavaScript;
// live, the step-through's graph renders, a click on a node moves the step player to that node's step,
// and a closed group (a layer, a long composite) opens on a click. axe finds no serious issue in the
// step-through with its graph (light and dark, a group open), and at phone width the graph scrolls
// inside its own box while the page does not scroll sideways.
import type { Server } from "node:http";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveSite } from "../export/helpers.ts";
import { lessonFiles, loadLesson, NOTEBOOKS } from "../notebooks/lessons.ts";
import { violations } from "./axe.ts";
import { COURSE_TITLE, exportedSite, hasBrowser, launch, serve, type Opened, type Served } from "./harness.ts";

/** The course's lessons with traced cells, and those cells' ids. */
function tracedLessons(): { name: string; cells: string[] }[] {
  return lessonFiles().map((file) => ({ name: file.replace(/\.md$/, ""), cells: loadLesson(file).code.filter(({ cell }) => cell.options.trace === true).map(({ cell }) => cell.id) }))
    .filter((l) => l.cells.length > 0);
}

/** Wait until the lesson has run and every traced cell offers its step-through. */
async function waitForTraces(page: Page, cells: string[]): Promise<void> {
  await page.waitForFunction((ids) => document.querySelectorAll(".status-running, .status-queued").length === 0
    && ids.every((id) => document.querySelector(`sb-code-cell[data-cell="${id}"] .btn-trace`) !== null), cells, { timeout: 400_000, polling: 500 });
}

/** Open each traced cell's step-through; its graph renders, a node click moves the player, a group opens. */
async function checkGraphs(page: Page, lesson: string, cells: string[], problems: string[]): Promise<number> {
  let clicked = 0;
  for (const id of cells) {
    const where = `${lesson} #${id}`;
    const button = page.locator(`sb-code-cell[data-cell="${id}"] .btn-trace`);
    if ((await button.getAttribute("aria-pressed")) !== "true") await button.click();
    const view = page.locator(`sb-trace-view`).filter({ has: page.locator(`[aria-label="step-through of cell ${id}"]`) });
    await view.locator("figure.trace-graph svg.trace-graph-svg").waitFor({ timeout: 30_000 });
    const nodes = view.locator("figure.trace-graph .graph-node");
    const count = await nodes.count();
    if (count < 2) { problems.push(`${where}: ${count} graph nodes`); continue; }
    const total = Number((await view.locator(".trace-position").innerText()).match(/\/ (\d+)/)?.[1]);
    // the node farthest along (the loss end of the graph) that is not the current step
    const targets = await view.locator("figure.trace-graph .graph-node[data-index]").evaluateAll((els) =>
      els.map((e) => ({ index: Number(e.getAttribute("data-index")), current: e.classList.contains("current"), label: e.getAttribute("aria-label") ?? "" })));
    const target = targets.filter((t) => !t.current).sort((a, b) => b.index - a.index)[0];
    if (target === undefined) { problems.push(`${where}: no node to click`); continue; }
    await view.locator(`figure.trace-graph .graph-node[data-index="${target.index}"]`).first().click();
    try {
      await expect.poll(() => view.locator(".trace-position").innerText(), { timeout: 10_000 }).toBe(`step ${target.index + 1} / ${total}`);
      await view.locator("figure.trace-graph .graph-node.current").first().waitFor({ timeout: 5_000 });
      clicked++;
    } catch {
      problems.push(`${where}: a click on "${target.label}" did not move the player to step ${target.index + 1}`);
    }
    const group = view.locator("figure.trace-graph .graph-node.group").first();
    if (await group.count()) {
      const key = (await group.getAttribute("data-group"))!;
      await group.click();
      const opened = view.locator(`figure.trace-graph [data-group="${key}"]`);
      await expect.poll(() => opened.getAttribute("aria-expanded"), { timeout: 10_000 }).toBe("true");
      if ((await view.locator("figure.trace-graph .graph-cluster").count()) === 0) problems.push(`${where}: group ${key} opened without a frame`);
    }
    await button.click(); // close it again
  }
  return clicked;
}

const LARGE = { lesson: "06-backpropagation", cell: "deep" };

describe.skipIf(!hasBrowser())("the trace graph on the real course, live in the app and on the exported site", () => {
  let app: Served;
  let stat: { server: Server; origin: string };
  let b: Opened;
  const lessons = tracedLessons();

  beforeAll(async () => {
    app = await serve({ notebooks: NOTEBOOKS });
    stat = await serveSite(await exportedSite({ input: NOTEBOOKS, title: COURSE_TITLE, app: true }));
    b = await launch();
  }, 900_000);

  afterAll(async () => {
    await b?.close();
    await app?.stop();
    await new Promise((r) => stat?.server.close(r));
  });

  it("the exported pages show every traced cell's graph without JavaScript", async () => {
    expect(lessons.length).toBeGreaterThanOrEqual(12);
    const off = await launch({ javaScriptEnabled: false });
    const problems: string[] = [];
    try {
      const page = await off.context.newPage();
      for (const { name, cells } of lessons) {
        await page.goto(`${stat.origin}/course/${name}.html`);
        const graphs = await page.locator("details.trace figure.trace-graph svg.trace-graph-svg").evaluateAll((els) => els.map((e) => e.querySelectorAll(".graph-node").length));
        if (graphs.length !== cells.length) problems.push(`${name}: ${graphs.length} graphs for ${cells.length} traced cells`);
        if (graphs.some((n) => n < 2)) problems.push(`${name}: a graph with fewer than 2 nodes`);
      }
      // the largest graph is shown closed, each group with its name
      await page.goto(`${stat.origin}/course/${LARGE.lesson}.html`);
      const groups = await page.locator(".graph-node.group").evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")));
      expect(groups.length).toBeGreaterThan(0);
      for (const g of groups) expect(g).toMatch(/^\S+ \(\d+ ops.*\), open this group$/);
    } finally {
      await off.close();
    }
    expect(problems).toEqual([]);
  }, 300_000);

  for (const where of ["app", "exported site"] as const) {
    it(`${where}: every traced cell's graph renders live, a node click moves the step player, a group opens`, async () => {
      const page = await b.context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      const problems: string[] = [];
      let clicked = 0, cellsSeen = 0;
      try {
        for (const { name, cells } of lessons) {
          if (where === "app") {
            await page.goto(`${app.url}#/lesson/${name}`);
            await page.waitForSelector("sb-code-cell");
            await page.click(".tb-run-all");
          } else {
            await page.goto(`${stat.origin}/course/${name}.html`);
            await page.getByRole("button", { name: "Run", exact: true }).click();
          }
          await waitForTraces(page, cells);
          clicked += await checkGraphs(page, name, cells, problems);
          cellsSeen += cells.length;
        }
      } finally {
        await page.close();
      }
      expect(problems).toEqual([]);
      expect(clicked).toBe(cellsSeen);
      expect(errors).toEqual([]);
    }, 1_800_000);
  }

  for (const colorScheme of ["light", "dark"] as const) {
    it(`axe, ${colorScheme}: the step-through with its graph (a group open) has no serious issue`, async () => {
      const o = await launch({ colorScheme });
      try {
        const page = await o.context.newPage();
        await page.goto(`${app.url}#/lesson/${LARGE.lesson}`);
        await page.waitForSelector("sb-code-cell");
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
      await page.goto(`${app.url}#/lesson/${LARGE.lesson}`);
      await page.waitForSelector("sb-code-cell");
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
