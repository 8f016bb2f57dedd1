// The exported lessons 10-18 (the course's part 2) in Chromium, as a reader without JavaScript gets
// them: axe-core finds no serious or critical violation in light or dark; at phone width the page
// never scrolls sideways; every picture is an SVG with its text alternative. Screenshots of each
// lesson's first picture, dark and at phone width: docs/screenshots/course-NN-dark.png, -phone.png.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, readdirSync } from "node:fs";
import type { Server } from "node:http";
import path from "node:path";
import { COURSE_TITLE, exportedSite, hasBrowser, launch, ROOT } from "./harness.ts";
import { violations } from "./axe.ts";
import { BASE, serveSite } from "../export/helpers.ts";
import { NOTEBOOKS } from "../notebooks/lessons.ts";

const SHOTS = path.join(ROOT, "docs/screenshots");
const PART2 = readdirSync(NOTEBOOKS).filter((f) => /^(1\d)-.*\.md$/.test(f) && Number(f.slice(0, 2)) >= 10).sort();

describe.skipIf(!hasBrowser())("the exported lessons 10-18, light, dark and at phone width", () => {
  let server: Server;
  let origin: string;

  // the whole course, exported once for the browser tests of the course (built.ts); these are its lessons 10-18
  beforeAll(async () => {
    ({ server, origin } = await serveSite(await exportedSite({ input: NOTEBOOKS, title: COURSE_TITLE, app: true })));
    mkdirSync(SHOTS, { recursive: true });
  }, 900_000);

  afterAll(async () => {
    await new Promise((r) => server?.close(r));
  });

  it("has the nine lessons", () => expect(PART2).toHaveLength(9));

  for (const [name, options] of [["light", {}], ["dark", { colorScheme: "dark" as const }], ["phone", { viewport: { width: 390, height: 844 } }]] as const) {
    it(`${name}: axe finds nothing serious, no sideways scrolling, every picture labelled`, async () => {
      const b = await launch(options);
      const problems: string[] = [];
      try {
        const page = await b.context.newPage();
        await page.route(/\.m?js$/, (route) => route.abort()); // the reader without JavaScript (axe is injected)
        for (const file of PART2) {
          await page.goto(`${origin}${BASE}${file.replace(/\.md$/, ".html")}`, { waitUntil: "networkidle" });
          problems.push(...(await violations(page)).map((v) => `${file}: ${v}`));
          const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          if (sideways > 1) problems.push(`${file}: the page scrolls sideways by ${sideways}px`);
          const unlabelled = await page.$$eval("figure.plot", (fs) => fs.filter((f) => !f.querySelector("svg") || !(f.getAttribute("aria-label") ?? "").startsWith("[")).length);
          if (unlabelled) problems.push(`${file}: ${unlabelled} picture(s) without an SVG or a text alternative`);
          if (name !== "light") {
            const first = page.locator("figure.plot").first();
            if (await first.count()) {
              await first.scrollIntoViewIfNeeded();
              await page.screenshot({ path: path.join(SHOTS, `course-${file.slice(0, 2)}-${name}.png`) });
            }
          }
        }
      } finally {
        await b.close();
      }
      expect(problems).toEqual([]);
    }, 600_000);
  }
});
