// The exported lessons 10-18 on a phone (390 x 844), read without JavaScript: a student opens "Step
// through: N steps" under a traced cell. The step list's formulas (one line of MathML each, up to 500 px)
// ran past the screen and the whole page scrolled sideways, by up to 162 px (lesson 16's encoder/dense_1
// gradients). The list now scrolls sideways in its own box (focusable, labelled), and the page does not;
// axe finds nothing serious in the opened list, light or dark.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import type { Server } from "node:http";
import { COURSE_TITLE, exportedSite, hasBrowser, launch } from "./harness.ts";
import { violations } from "./axe.ts";
import { BASE, serveSite } from "../export/helpers.ts";
import { NOTEBOOKS } from "../notebooks/lessons.ts";

const PART2 = readdirSync(NOTEBOOKS).filter((f) => /^1\d-.*\.md$/.test(f) && Number(f.slice(0, 2)) >= 10).sort();

describe.skipIf(!hasBrowser())("an exported step list opened on a phone", () => {
  let server: Server;
  let origin: string;

  beforeAll(async () => {
    ({ server, origin } = await serveSite(await exportedSite({ input: NOTEBOOKS, title: COURSE_TITLE, app: true })));
  }, 900_000);

  afterAll(async () => {
    await new Promise((r) => server?.close(r));
  });

  for (const colorScheme of ["dark", "light"] as const) {
    it(`${colorScheme}: with every step list open the page does not scroll sideways; a wide list scrolls in its box; axe finds nothing serious`, async () => {
      const b = await launch({ viewport: { width: 390, height: 844 }, colorScheme });
      const problems: string[] = [];
      let scrolling = 0;
      try {
        const page = await b.context.newPage();
        await page.route(/\.m?js$/, (route) => route.abort()); // the reader without JavaScript
        for (const file of PART2) {
          await page.goto(`${origin}${BASE}${file.replace(/\.md$/, ".html")}`, { waitUntil: "networkidle" });
          const lists = await page.locator("details.trace").count();
          if (lists === 0) continue;
          for (let k = 0; k < lists; k++) { // the reader opens each that is closed (a short one is open already)
            if (!(await page.locator("details.trace").nth(k).evaluate((d) => (d as HTMLDetailsElement).open))) await page.locator("details.trace > summary").nth(k).click();
          }
          const m = await page.evaluate(() => ({
            open: [...document.querySelectorAll("details.trace")].every((d) => (d as HTMLDetailsElement).open),
            sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
            scrolling: [...document.querySelectorAll<HTMLElement>(".trace-steps")].filter((l) => l.scrollWidth > l.clientWidth + 1).length,
          }));
          if (!m.open) problems.push(`${file}: a step list did not open`);
          if (m.sideways > 1) problems.push(`${file}: the page scrolls sideways by ${m.sideways}px`);
          scrolling += m.scrolling;
          problems.push(...(await violations(page, ["details.trace"])).map((v) => `${file}: ${v}`));
        }
      } finally {
        await b.close();
      }
      expect(problems).toEqual([]);
      expect(scrolling).toBeGreaterThan(0); // some lists are wider than a phone: they scroll in their own box
    }, 600_000);
  }
});
