// nn on the exported site, turned live: the nn fixture lesson exported (exporter + vite.export.config.ts),
// served as static files; Run runs model.summary() and model.fit(...) in the page's kernel worker: the
// summary table and fit's progress bar (to its last epoch, with loss, accuracy and val_*) appear as in the
// app, the result is the one Node computes, and axe finds no serious issue on those outputs.
import { readFileSync } from "node:fs";
import type { Server } from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NodeKernelHost } from "../../kernel/host/node.ts";
import { parseMarkdownNotebook } from "../../ui/document/markdown.ts";
import { serveSite } from "../export/helpers.ts";
import { violations } from "./axe.ts";
import { exportedSite, hasBrowser, launch, ROOT } from "./harness.ts";

const NOTEBOOKS = path.join(ROOT, "tests/e2e/fixtures/nn-notebooks");

describe.skipIf(!hasBrowser())("nn on the exported site, turned live", () => {
  let stat: { server: Server; origin: string };

  beforeAll(async () => {
    stat = await serveSite(await exportedSite({ input: NOTEBOOKS, title: "nn fixture", app: true }));
  }, 300_000);

  afterAll(async () => {
    await new Promise((r) => stat?.server.close(r));
  });

  for (const colorScheme of ["light", "dark"] as const) {
    it(`${colorScheme}: Run fits the model in the page; summary and progress show; same numbers as Node; axe clean`, async () => {
      const b = await launch({ colorScheme });
      try {
        const page = await b.context.newPage();
        const errors: string[] = [];
        page.on("pageerror", (e) => errors.push(e.message));
        await page.goto(`${stat.origin}/course/01-nn.html`);
        await page.getByRole("button", { name: "Run", exact: true }).click();
        const fit = page.locator('sb-code-cell[data-cell="fit"]');
        await expect.poll(() => fit.locator("sb-progress").innerText().catch(() => ""), { timeout: 300_000, interval: 500 })
          .toMatch(/Epoch 30\/30 - loss: \d\.\d{4} - accuracy: \d\.\d{4} - val_loss: \d\.\d{4} - val_accuracy: \d\.\d{4}/);
        const result = page.locator('sb-code-cell[data-cell="result"] .out-prompt');
        await result.first().waitFor({ timeout: 120_000 });
        const summary = await page.locator('sb-code-cell[data-cell="data"]').innerText();
        expect(summary).toContain('Model: "sequential"');
        expect(summary).toMatch(/dense_3 \(Dense\)\s+\(None, 2\)\s+34/);
        expect(summary).toMatch(/Total params: [\d,]+/);
        // the progress bar is a native <progress> with an accessible name, finished
        const bar = fit.locator("progress");
        expect(await bar.count()).toBe(1);
        expect(await bar.evaluate((e: HTMLProgressElement) => [e.value === e.max, e.getAttribute("aria-label")])).toEqual([true, expect.stringMatching(/^Epoch 30\/30/)]);

        const browserText = await page.locator('sb-code-cell[data-cell="result"]').innerText();
        const doc = parseMarkdownNotebook(readFileSync(path.join(NOTEBOOKS, "01-nn.md"), "utf8"), "01-nn.md");
        const host = new NodeKernelHost();
        let nodeResult = "";
        try {
          for (const c of doc.cells.filter((c) => c.type === "code")) {
            const out = await host.execute(c.source, { cellId: c.id });
            const r = out.messages.find((m) => m.type === "execute_result");
            if (r?.type === "execute_result") nodeResult = String(r.data["text/plain"]);
          }
        } finally {
          host.dispose();
        }
        const numbers = (s: string) => s.match(/loss \S+ w \S+/)?.[0];
        expect(numbers(nodeResult)).toBeDefined();
        expect(numbers(browserText)).toBe(numbers(nodeResult));

        expect(await violations(page, ['sb-code-cell[data-cell="data"]', 'sb-code-cell[data-cell="fit"]'])).toEqual([]);
        if (process.env.STEPBOOK_SHOTS) {
          await page.locator('sb-code-cell[data-cell="data"]').screenshot({ path: path.join(process.env.STEPBOOK_SHOTS, `nn-export-summary-${colorScheme}.png`) });
          await fit.screenshot({ path: path.join(process.env.STEPBOOK_SHOTS, `nn-export-fit-${colorScheme}.png`) });
        }
        expect(errors).toEqual([]);
      } finally {
        await b.close();
      }
    }, 600_000);
  }
});
