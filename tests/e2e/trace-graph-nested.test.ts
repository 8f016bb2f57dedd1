// Nested groups of the trace graph in Chromium, live in the app and on the exported site turned live: a
// traced step through an autoencoder (two nested nn.Sequentials, as lesson 16) shows "encoder" and
// "decoder" closed; opening the encoder shows its two layers closed inside its frame, and each of them
// opens to its ops and weights. Without JavaScript the exported page shows the outer groups closed.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { katexDistDir, nodeEffects } from "../../ui/export/node-effects.ts";
import { exportSite } from "../../ui/export/site.ts";
import { serveSite } from "../export/helpers.ts";
import { hasBrowser, launch, ROOT, serve, type Opened, type Served } from "./harness.ts";

const LESSON = `---
title: Nested models
order: 1
---

# Nested models

\`\`\`ts {#model}
const encoder = nn.Sequential([
  nn.Dense(4, { activation: "tanh", inputShape: [6], seed: 1 }),
  nn.Dense(2, { seed: 2 }),
], { name: "encoder" });
const decoder = nn.Sequential([
  nn.Dense(4, { activation: "tanh", inputShape: [2], seed: 3 }),
  nn.Dense(6, { activation: "sigmoid", seed: 4 }),
], { name: "decoder" });
const autoencoder = nn.Sequential([encoder, decoder]);
np.random.seed(0);
const batch = np.random.rand(3, 6);
\`\`\`

\`\`\`ts {#one-step trace}
const codeStep = encoder.apply(batch, { training: true });
const Lstep = decoder.apply(codeStep, { training: true }).sub(batch).square().mean();
Lstep.backward();
\`\`\`
`;

/** Open the trace of #one-step, then the encoder, then its first layer, checking each level. */
async function openNested(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('sb-code-cell[data-cell="one-step"] .btn-trace') !== null, undefined, { timeout: 120_000, polling: 250 });
  await page.locator('sb-code-cell[data-cell="one-step"] .btn-trace').click();
  const graph = page.locator("sb-trace-view figure.trace-graph");
  await graph.locator("svg.trace-graph-svg").waitFor({ timeout: 30_000 });
  const group = (key: string): Locator => graph.locator(`[data-group="${key}"]`);
  expect(await group("encoder/").getAttribute("aria-expanded")).toBe("false");
  expect(await group("decoder/").getAttribute("aria-expanded")).toBe("false");
  expect(await group("encoder/dense_1/").count()).toBe(0);

  await group("encoder/").click();
  await expect.poll(() => group("encoder/").getAttribute("aria-expanded")).toBe("true");
  for (const layer of ["encoder/dense_1/", "encoder/dense_2/"]) expect(await group(layer).getAttribute("aria-expanded")).toBe("false");
  expect(await group("decoder/").getAttribute("aria-expanded")).toBe("false");
  // the closed layers are drawn inside the encoder's frame
  const frame = (await graph.locator(".graph-cluster > rect").first().boundingBox())!;
  for (const layer of ["encoder/dense_1/", "encoder/dense_2/"]) {
    const b = (await group(layer).boundingBox())!;
    expect(b.x >= frame.x && b.y >= frame.y && b.x + b.width <= frame.x + frame.width && b.y + b.height <= frame.y + frame.height, `${layer} inside the encoder`).toBe(true);
  }

  await group("encoder/dense_1/").click();
  await expect.poll(() => group("encoder/dense_1/").getAttribute("aria-expanded")).toBe("true");
  expect(await graph.locator(".graph-node[aria-label^='encoder/dense_1/W ']").count()).toBe(1);
  expect(await group("encoder/dense_2/").getAttribute("aria-expanded")).toBe("false");
  expect(await graph.locator(".graph-cluster").count()).toBe(2);
  // closing the encoder hides its layers again
  await group("encoder/").click();
  await expect.poll(() => group("encoder/").getAttribute("aria-expanded")).toBe("false");
  expect(await group("encoder/dense_1/").count()).toBe(0);
}

describe.skipIf(!hasBrowser())("nested groups in the trace graph, live and exported", () => {
  let notebooks: string;
  let app: Served;
  let site: string;
  let stat: { server: Server; origin: string };
  let b: Opened;

  beforeAll(async () => {
    notebooks = mkdtempSync(path.join(tmpdir(), "stepbook-nested-"));
    writeFileSync(path.join(notebooks, "01-nested.md"), LESSON);
    app = await serve({ notebooks });
    site = path.join(mkdtempSync(path.join(tmpdir(), "stepbook-nested-site-")), "site");
    await exportSite({ input: notebooks, outDir: site, katexDir: katexDistDir(), effects: nodeEffects, title: "Nested" });
    const { build } = await import("vite");
    await build({ root: ROOT, configFile: path.join(ROOT, "vite.export.config.ts"), logLevel: "warn", build: { outDir: path.join(site, "app"), emptyOutDir: false } });
    stat = await serveSite(site);
    b = await launch();
  }, 600_000);

  afterAll(async () => {
    await b?.close();
    await app?.stop();
    await new Promise((r) => stat?.server.close(r));
    if (site) rmSync(path.join(site, ".."), { recursive: true, force: true });
    if (notebooks) rmSync(notebooks, { recursive: true, force: true });
  });

  it("the exported page shows the encoder and decoder closed without JavaScript", async () => {
    const off = await launch({ javaScriptEnabled: false });
    try {
      const page = await off.context.newPage();
      await page.goto(`${stat.origin}/course/01-nested.html`);
      const groups = await page.locator("details.trace .graph-node.group").evaluateAll((els) => els.map((e) => e.getAttribute("data-group")));
      expect(groups).toContain("encoder/");
      expect(groups).toContain("decoder/");
      expect(groups.some((g) => g!.startsWith("encoder/dense"))).toBe(false);
    } finally {
      await off.close();
    }
  }, 120_000);

  for (const where of ["app", "exported site"] as const) {
    it(`${where}: opening the encoder shows its layers closed, and a layer opens to its ops`, async () => {
      const page = await b.context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      try {
        if (where === "app") {
          await page.goto(`${app.url}#/lesson/01-nested`);
          await page.waitForSelector("sb-code-cell");
          await page.click(".tb-run-all");
        } else {
          await page.goto(`${stat.origin}/course/01-nested.html`);
          await page.getByRole("button", { name: "Run", exact: true }).click();
        }
        await openNested(page);
      } finally {
        await page.close();
      }
      expect(errors).toEqual([]);
    }, 300_000);
  }
});
