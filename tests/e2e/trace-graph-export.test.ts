// The computation graph on the real course's exported site (the exporter plus vite.export.config.ts,
// served as static files): every traced cell's graph is on the page without JavaScript (the largest shown
// closed, each group named), and turned live with Run (three lessons), every graph renders, a click on a node moves the
// step player to that node's step, and a closed group opens on a click. The app's half is
// trace-graph-live.test.ts.
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveSite } from "../export/helpers.ts";
import { NOTEBOOKS } from "../notebooks/lessons.ts";
import { COURSE_TITLE, exportedSite, hasBrowser, launch, type Opened } from "./harness.ts";
import { checkCourseGraphs, LARGE, tracedLessons } from "./trace-graph-course.ts";

describe.skipIf(!hasBrowser())("the trace graph on the real course's exported site", () => {
  let stat: { server: Server; origin: string };
  let b: Opened;
  const lessons = tracedLessons();

  beforeAll(async () => {
    stat = await serveSite(await exportedSite({ input: NOTEBOOKS, title: COURSE_TITLE, app: true }));
    b = await launch();
  }, 900_000);

  afterAll(async () => {
    await b?.close();
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

  // Turned live, an exported page draws its graphs with the app's own code (one rendering path), which
  // trace-graph-live.test.ts runs on every traced lesson; here the export's build of it, on three lessons:
  // the largest graph (its groups), a training loop, and a nested nn model. (All 15 lessons took 128 s of
  // the suite on 2 cores; what differs per lesson is the trace, which the app's half checks on all 15.)
  const LIVE = ["06-backpropagation", "09-softmax-and-cross-entropy", "16-autoencoders"];

  it(`exported site: the graphs render live (${LIVE.join(", ")}), a node click moves the step player, a group opens`, async () => {
    expect(LIVE.every((name) => lessons.some((l) => l.name === name))).toBe(true);
    await checkCourseGraphs(b.context, async (page, name) => {
      await page.goto(`${stat.origin}/course/${name}.html`);
      await page.getByRole("button", { name: "Run", exact: true }).click();
    }, LIVE);
  }, 1_800_000);
});
