// Lesson 16's step encoder/dense_1/dW on a phone: the formula read dL/dW = batchᵀ dL/d(batch W), as
// lesson 8 derives dW = Xᵀ dZ, but the chain rule under it read dL/dW = dL/d(batch W) · batchᵀ, a product
// in the other order, which has no shape ((4, 16) by (64, 4)). A matrix product's second operand takes its
// factor from the left (OpDef.factorFirst): the chain rule now reads in the formula's order, in the app
// and on the exported site turned live (one component draws both).
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { BASE } from "../export/helpers.ts";
import { FIXTURE_NOTEBOOKS, hasBrowser, launch } from "./harness.ts";
import { servedForBlock, siteForBlock } from "./served.ts";

/** Step to dW of the fixture's traced cell; the TeX of its formula and of its chain rule. */
async function dWStep(page: Page) {
  const button = page.locator('sb-code-cell[data-cell="forward"] .btn-trace');
  await button.waitFor({ timeout: 120_000 });
  await button.click();
  const view = page.locator("sb-trace-view");
  await view.locator(".step-card").waitFor();
  const next = view.locator('button[aria-label="next step"]');
  for (let k = 0; k < 40 && !/→ dW\b/.test((await view.locator(".step-head").textContent()) ?? ""); k++) await next.click();
  expect(await view.locator(".step-head").textContent()).toMatch(/→ dW\b/);
  const tex = (sel: string) => view.locator(`${sel} annotation`).first().textContent();
  return { formula: (await tex(".step-formula"))!, chain: (await tex(".grad-factor"))! };
}

/** the right-hand side of `tex` lists Xᵀ before the upstream gradient dL/d(X W), as dW = Xᵀ dZ does */
function inFormulaOrder(tex: string): boolean {
  const rhs = tex.slice(tex.indexOf("=") + 1);
  const factor = rhs.indexOf("X^{\\top}"), upstream = rhs.indexOf("\\frac{\\partial L}{\\partial \\left(X W\\right)}");
  return factor >= 0 && upstream >= 0 && factor < upstream;
}

describe.skipIf(!hasBrowser())("a weight's chain rule reads in the order of its formula", () => {
  const app = servedForBlock();
  const site = siteForBlock({ input: FIXTURE_NOTEBOOKS, title: "Fixture", app: true });

  it("the app, on a phone in the dark: dW = Xᵀ dL/d(X W), and the chain rule says Xᵀ first too", async () => {
    const b = await launch({ viewport: { width: 390, height: 844 }, colorScheme: "dark" });
    try {
      const page = await b.context.newPage();
      await page.goto(`${app().url}#/lesson/01-one-layer`);
      await page.locator(".tb-run-all").click({ timeout: 120_000 });
      const { formula, chain } = await dWStep(page);
      expect(inFormulaOrder(formula)).toBe(true);
      expect(inFormulaOrder(chain)).toBe(true);
    } finally {
      await b.close();
    }
  }, 300_000);

  it("the exported page turned live with Run, on a desktop: the same", async () => {
    const b = await launch();
    try {
      const page = await b.context.newPage();
      await page.goto(`${site()}${BASE}01-one-layer.html`, { waitUntil: "networkidle" });
      await page.getByRole("button", { name: "Run", exact: true }).first().click();
      const { formula, chain } = await dWStep(page);
      expect(inFormulaOrder(formula)).toBe(true);
      expect(inFormulaOrder(chain)).toBe(true);
    } finally {
      await b.close();
    }
  }, 300_000);
});
