// Lesson 10's two paths, stepped through to the total dW2 = dW2 via the network + dW2 via the penalty:
// the graph beside it labelled db1 and db2 on their edges, and nothing at all on W2's, the sum the lesson
// is about. A weight no op makes has no edge into it to carry its total: each edge out of it now carries
// its part ("dW via W ** 2"), and an edge standing for all of them (into a closed group) the total. In the
// app and on the exported site turned live (one function lays out both). Its labels read in the dark theme
// too: #dc2626 on the dark background was 3.4:1 for 10 px text (AA wants 4.5:1; axe skips SVG text).
import path from "node:path";
import type { Server } from "node:http";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASE, serveSite } from "../export/helpers.ts";
import { exportedSite, hasBrowser, launch, ROOT } from "./harness.ts";
import { servedForBlock } from "./served.ts";

const LESSONS = path.join(ROOT, "tests/e2e/fixtures/two-paths");

/** The edge labels of the graph at the step that sums dW. */
async function labelsAtTotal(page: Page) {
  const button = page.locator('sb-code-cell[data-cell="ridge"] .btn-trace');
  await button.waitFor({ timeout: 120_000 });
  await button.click();
  const view = page.locator("sb-trace-view");
  await view.locator(".step-card").waitFor();
  const next = view.locator('button[aria-label="next step"]');
  for (let k = 0; k < 40 && !/total\s*→ dW\b/.test((await view.locator(".step-head").textContent()) ?? ""); k++) await next.click();
  expect(await view.locator(".step-head").textContent()).toMatch(/total\s*→ dW\b/);
  return (await view.locator(".graph-grad").allTextContents()).sort();
}

/**
 * The contrast of the gradients' labels (10 px SVG text, which axe does not check) against the step-through's
 * background: #dc2626 on the dark theme's background was 3.4:1, under WCAG AA's 4.5:1.
 */
async function gradContrast(page: Page): Promise<number> {
  return page.evaluate(() => {
    const t = document.querySelector("sb-trace-view .graph-grad")!;
    let el: Element | null = t.parentElement, bg = "rgba(0, 0, 0, 0)";
    while (el && /rgba\(0, 0, 0, 0\)|transparent/.test(bg)) { bg = getComputedStyle(el).backgroundColor; el = el.parentElement; }
    const rgb = (c: string) => c.match(/[\d.]+/g)!.slice(0, 3).map(Number);
    const lum = (c: number[]) => { const [r, g, b] = c.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!; };
    const [a, b] = [lum(rgb(getComputedStyle(t).fill)), lum(rgb(bg))].sort((x, y) => y - x);
    return (a! + 0.05) / (b! + 0.05);
  });
}

describe.skipIf(!hasBrowser())("a weight's two paths carry their gradients in the graph", () => {
  const app = servedForBlock({ notebooks: LESSONS });
  let server: Server;
  let origin: string;

  beforeAll(async () => {
    ({ server, origin } = await serveSite(await exportedSite({ input: LESSONS, title: "Two paths", app: true })));
  }, 900_000);

  afterAll(async () => {
    await new Promise((r) => server?.close(r));
  });

  it("the app, on a phone in the dark: W's two edges say dW via X @ W and dW via W ** 2", async () => {
    const b = await launch({ viewport: { width: 390, height: 844 }, colorScheme: "dark" });
    try {
      const page = await b.context.newPage();
      await page.goto(`${app().url}#/lesson/01-ridge`);
      await page.locator(".tb-run-all").click({ timeout: 120_000 });
      expect(await labelsAtTotal(page)).toEqual(["dW via W ** 2", "dW via X @ W"]);
      expect(await gradContrast(page)).toBeGreaterThanOrEqual(4.5);
    } finally {
      await b.close();
    }
  }, 300_000);

  it("the exported page turned live with Run: the same, and readable in the light and the dark theme", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      const b = await launch({ colorScheme });
      try {
        const page = await b.context.newPage();
        await page.goto(`${origin}${BASE}01-ridge.html`, { waitUntil: "networkidle" });
        await page.getByRole("button", { name: "Run", exact: true }).first().click();
        expect(await labelsAtTotal(page)).toEqual(["dW via W ** 2", "dW via X @ W"]);
        expect(await gradContrast(page), colorScheme).toBeGreaterThanOrEqual(4.5);
      } finally {
        await b.close();
      }
    }
  }, 300_000);
});
