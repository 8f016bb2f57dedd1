// The WASM backend loads where students run the kernel: in the kernel's Web Worker, from the Vite
// dev server and from the built app. A cell asks the kernel which backend ran it (and checks that
// the module computes: exp(1), within the 1 ulp docs/speed.md states, and a small product).
import { afterAll, describe, expect, it } from "vitest";
import { hasBrowser, launch, serve, type Opened, type Served } from "./harness.ts";

const CODE = 'const which = np.getBackend();\nconst ok = Math.abs(np.exp(np.array([1])).item() - Math.E) <= 2 * Number.EPSILON * Math.E && np.array([[1, 2]]).matmul(np.array([[3], [4]])).item() === 11;\nwhich === "wasm" && ok ? 42 : `${which} ${ok}`';

describe.skipIf(!hasBrowser())("the wasm backend in Chromium's kernel worker", () => {
  const opened: (Opened | Served)[] = [];
  afterAll(async () => {
    for (const o of opened.reverse()) await ("stop" in o ? o.stop() : o.close());
  });

  for (const mode of ["dev", "preview"] as const) {
    it(`runs a cell on the wasm backend (${mode === "dev" ? "Vite dev server" : "built app"})`, async () => {
      const served = await serve({ mode });
      opened.push(served);
      const b = await launch();
      opened.push(b);
      const page = await b.context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(served.url);
      await page.click(".lesson-card a >> nth=0");
      const cell = page.locator('sb-code-cell[data-cell="data"]');
      await cell.locator(".code-view").click();
      await cell.locator(".monaco-editor .view-lines").waitFor({ timeout: 60_000 });
      await page.waitForTimeout(300);
      await page.keyboard.press("Control+A");
      await page.keyboard.press("Delete");
      await page.keyboard.insertText(CODE);
      await page.keyboard.press("Shift+Enter");
      await expect.poll(() => cell.locator(".text-output").textContent(), { timeout: 60_000 }).toBe("42");
      expect(errors).toEqual([]);
    }, 240_000);
  }
});
