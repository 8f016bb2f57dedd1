// Lesson 10's two paths, stepped through to the total dW2 = dW2 via the network + dW2 via the penalty:
// the graph beside it labelled db1 and db2 on their edges, and nothing at all on W2's, the sum the lesson
// is about. A weight no op makes has no edge into it to carry its total: each edge out of it now carries
// its part ("dW via W ** 2"), and an edge standing for all of them (into a closed group) the total. In the
// app and on the exported site turned live (one function lays out both).
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
    } finally {
      await b.close();
    }
  }, 300_000);

  it("the exported page turned live with Run: the same", async () => {
    const b = await launch();
    try {
      const page = await b.context.newPage();
      await page.goto(`${origin}${BASE}01-ridge.html`, { waitUntil: "networkidle" });
      await page.getByRole("button", { name: "Run", exact: true }).first().click();
      expect(await labelsAtTotal(page)).toEqual(["dW via W ** 2", "dW via X @ W"]);
    } finally {
      await b.close();
    }
  }, 300_000);
});
