// A numpy user writes `if (X.greater(0))`: JavaScript counted the tensor, an object, as true, and the branch
// ran whatever the values. A cell now refuses a larger tensor as a condition with .any() / .all() to write
// (kernel/runtime/tensor-rows.ts truth), and reads a?.b[0] on a tensor as X[0] (refused) through the chain's
// short-circuit, and Math.exp(X) with np.exp (the tensor reads from Chromium's stack which function asked).
// The refusal shows on the cell, line and caret, in the app and on the exported site turned live (the same
// kernel in their workers), and axe finds nothing serious in the error's box.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { BASE } from "../export/helpers.ts";
import { violations } from "./axe.ts";
import { FIXTURE_NOTEBOOKS, hasBrowser, launch, replaceCellSource } from "./harness.ts";
import { servedForBlock, siteForBlock } from "./served.ts";

const CONDITION = "const X = np.array([[1, -2], [3, 4]]);\nlet said = 'none';\nif (X.greater(0)) said = 'all positive';";
const OPTIONAL = "const X = np.array([[1, -2], [3, 4]]);\nconst params: any = { W: X };\nconst first = params?.W[0];";
const MATH = "const X = np.array([[1, -2], [3, 4]]);\nconst E = Math.exp(X);";

/** Replace the data cell's code, run it, and read its error box. */
async function errorOf(page: Page, source: string, editorOpen: boolean) {
  const cell = await replaceCellSource(page, "data", source, 120_000, { editorOpen });
  await page.keyboard.press("Control+Enter");
  const error = cell.locator("sb-error-output");
  await error.waitFor({ timeout: 120_000 });
  return { text: await error.innerText(), sideways: await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth) };
}

describe.skipIf(!hasBrowser())("a tensor as a condition, a?.b[0] and Math.exp(X) on a tensor are refused on the cell", () => {
  const app = servedForBlock();
  const site = siteForBlock({ input: FIXTURE_NOTEBOOKS, title: "Fixture", app: true });

  it("the app, on a phone in the dark: if (X.greater(0)) says .any() or .all() at line 3; params?.W[0] says params.W.slice(0); Math.exp(X) says np.exp(x)", async () => {
    const b = await launch({ viewport: { width: 390, height: 844 }, colorScheme: "dark" });
    try {
      const page = await b.context.newPage();
      await page.goto(`${app().url}#/lesson/01-one-layer`);
      const condition = await errorOf(page, CONDITION, false);
      expect(condition.text).toContain("X.greater(0) as a condition, on a tensor of shape (2, 2)");
      expect(condition.text).toContain("write X.greater(0).any() or X.greater(0).all()");
      expect(condition.text).toContain("3 | if (X.greater(0)) said = 'all positive';");
      expect(condition.sideways).toBeLessThanOrEqual(0);
      expect(await violations(page, ["sb-error-output"])).toEqual([]);
      const optional = await errorOf(page, OPTIONAL, true);
      expect(optional.text).toContain("params.W[0] on a tensor");
      expect(optional.text).toContain("write params.W.slice(0) for numpy's params.W[0]");
      expect(optional.text).toContain("3 | const first = params?.W[0];");
      const math = await errorOf(page, MATH, true);
      expect(math.text).toContain("Math.exp(x) on a tensor: Math's functions take numbers, and a tensor is not one; write np.exp(x) for numpy's elementwise exp");
      expect(math.text).toContain("2 | const E = Math.exp(X);");
    } finally {
      await b.close();
    }
  }, 300_000);

  it("the exported page turned live with Edit, on a desktop: the same refusal and line", async () => {
    const b = await launch();
    try {
      const page = await b.context.newPage();
      await page.goto(`${site()}${BASE}01-one-layer.html`, { waitUntil: "networkidle" });
      await page.getByRole("button", { name: "Edit", exact: true }).first().click();
      const condition = await errorOf(page, CONDITION, true);
      expect(condition.text).toContain("X.greater(0) as a condition, on a tensor of shape (2, 2)");
      expect(condition.text).toContain("3 | if (X.greater(0)) said = 'all positive';");
      expect(await violations(page, ["sb-error-output"])).toEqual([]);
      expect((await errorOf(page, MATH, true)).text).toContain("Math.exp(x) on a tensor: Math's functions take numbers, and a tensor is not one; write np.exp(x)");
    } finally {
      await b.close();
    }
  }, 300_000);
});
