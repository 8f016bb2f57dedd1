// nn in Chromium: summary and fit's progress bar render in the cell, and the same seeds give the same
// numbers as in Node (initial weights, shuffles, dropout masks, data: all from the portable generator).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import type { Page } from "playwright-core";
import { hasBrowser, launch, serve, ROOT, type Opened, type Served } from "./harness.ts";
import { NodeKernelHost } from "../../kernel/host/node.ts";
import { parseMarkdownNotebook } from "../../ui/document/markdown.ts";
import { readFileSync } from "node:fs";

const NOTEBOOKS = path.join(ROOT, "tests/e2e/fixtures/nn-notebooks");

describe.skipIf(!hasBrowser())("nn in Chromium", () => {
  let served: Served;
  let b: Opened;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    served = await serve({ notebooks: NOTEBOOKS });
    b = await launch();
    page = await b.context.newPage();
    page.on("pageerror", (e) => errors.push(e.message));
  }, 180_000);

  afterAll(async () => {
    await b?.close();
    await served?.stop();
  });

  it("shows summary() and a finished progress bar, and computes what Node computes", async () => {
    await page.goto(served.url);
    await page.click(".lesson-card a >> nth=0");
    await page.waitForSelector("sb-code-cell");
    await page.click(".tb-run-all");
    const result = page.locator('sb-code-cell[data-cell="result"] .out-prompt');
    await result.first().waitFor({ timeout: 180_000 });
    const data = await page.locator('sb-code-cell[data-cell="data"]').innerText();
    expect(data).toContain('Model: "sequential"');
    expect(data).toMatch(/batch_normalization_1 \(BatchNormalization\)/);
    const fit = page.locator('sb-code-cell[data-cell="fit"]');
    await expect.poll(() => fit.locator("sb-progress").innerText(), { timeout: 60_000 }).toMatch(/Epoch 30\/30 - loss: \d\.\d{4} - accuracy: \d\.\d{4} - val_loss/);
    const browserText = await page.locator('sb-code-cell[data-cell="result"]').innerText();

    // the same cells in Node
    const doc = parseMarkdownNotebook(readFileSync(path.join(NOTEBOOKS, "01-nn.md"), "utf8"), "01-nn.md");
    const host = new NodeKernelHost();
    let nodeResult = "";
    for (const c of doc.cells.filter((c) => c.type === "code")) {
      const out = await host.execute(c.source, { cellId: c.id });
      const r = out.messages.find((m) => m.type === "execute_result");
      if (r?.type === "execute_result") nodeResult = String(r.data["text/plain"]);
    }
    const numbers = (s: string) => s.match(/loss \S+ w \S+/)?.[0];
    expect(numbers(nodeResult)).toBeDefined();
    expect(numbers(browserText)).toBe(numbers(nodeResult));
    expect(errors).toEqual([]);
  }, 300_000);
});
