// A student's first hour (issue 14), in Chromium on the built app: equation popovers that stay while the
// pointer is on them and show a scalar's value; "see the derivation" and the way back to the step; the
// Variables inspector beside the list on a desktop and as a dialog on a phone; the phone's toolbar menu,
// with the header and toolbar in at most ~15% of the height and no sideways scroll of the page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { hasBrowser, launch, serve, type Opened, type Served } from "./harness.ts";

describe.skipIf(!hasBrowser())("a student's first hour in Chromium", () => {
  let served: Served;
  let b: Opened;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    served = await serve();
    b = await launch();
    page = await b.context.newPage();
    page.on("pageerror", (e) => errors.push(e.message));
  }, 180_000);

  afterAll(async () => {
    await b?.close();
    await served?.stop();
  });

  async function openAndRun(p: Page) {
    await p.goto(`${served.url}#/lesson/01-one-layer`);
    await p.waitForSelector("sb-code-cell");
    await p.locator(".tb-run-all").click();
    await p.waitForFunction(() => document.querySelector('sb-code-cell[data-cell="forward"] .cell-prompt')?.textContent !== "[ ]"
      && document.querySelectorAll(".status-running, .status-queued").length === 0, null, { timeout: 60_000 });
  }

  it("an equation's popover stays while the pointer is on it, shows a scalar's value, and goes when left", async () => {
    await openAndRun(page);
    const eq = page.locator("#eq-loss");
    await eq.scrollIntoViewIfNeeded();
    await eq.hover();
    const pop = page.locator(".value-popover");
    await pop.waitFor();
    const text = (await pop.textContent()) ?? "";
    expect(text).toContain("() scalar");
    expect(text).toMatch(/L\s*\(\) scalar\s*-?\d/);
    expect(text).not.toMatch(/min|mean/);
    // into the popover: it stays
    const box = (await pop.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
    await page.waitForTimeout(700);
    expect(await pop.isVisible()).toBe(true);
    // away from both: it goes
    await page.mouse.move(5, 5, { steps: 2 });
    await expect.poll(() => page.locator(".value-popover").count(), { timeout: 3000 }).toBe(0);
    // by keyboard: focus shows it, Esc hides it
    await eq.focus();
    await page.locator(".value-popover").waitFor();
    await page.keyboard.press("Escape");
    await expect.poll(() => page.locator(".value-popover").count()).toBe(0);
  });

  it("\"see the derivation\" goes to the equation and a button goes back to the same step", async () => {
    const cell = page.locator('sb-code-cell[data-cell="forward"]');
    await cell.locator(".btn-trace").click();
    await page.waitForSelector("sb-trace-view .step-card");
    // find a step bound to an equation (Z = XW + b binds Z)
    for (let i = 0; i < 12 && (await page.locator("sb-trace-view .step-equation").count()) === 0; i++) {
      await page.locator('sb-trace-view button[aria-label="next step"]').click();
    }
    const position = await page.locator(".trace-position").textContent();
    await page.locator("sb-trace-view .step-equation").click();
    const back = page.locator(".back-to-step");
    await back.waitFor();
    expect(await back.textContent()).toContain(`step ${position!.match(/step (\d+)/)![1]}`);
    await back.click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains("step-card"))).toBe(true);
    expect(await page.locator(".trace-position").textContent()).toBe(position);
    expect(await page.locator(".back-to-step").count()).toBe(0);
  });

  it("Variables on a desktop: the chosen variable opens in place, under its row, beside the lesson", async () => {
    await page.click(".tb-toggle-variables");
    await page.waitForSelector("aside.inspector .var-table");
    await page.locator(".var-table button", { hasText: /^W$/ }).click();
    await page.waitForSelector(".var-detail sb-tensor-view");
    const after = await page.evaluate(() => {
      const row = [...document.querySelectorAll(".var-table tbody tr")].find((r) => r.querySelector("th button")?.textContent === "W")!;
      return row.nextElementSibling?.classList.contains("var-detail");
    });
    expect(after).toBe(true);
    const [lesson, aside] = await Promise.all([page.locator("article.lesson").boundingBox(), page.locator("aside.inspector").boundingBox()]);
    expect(aside!.x).toBeGreaterThanOrEqual(lesson!.x + lesson!.width);
    await page.click(".tb-toggle-variables");
  });

  it("Variables: a non-tensor variable expands to its whole value, not a three-line summary; numbers read in one format", async () => {
    const p = await b.context.newPage();
    p.on("pageerror", (e) => errors.push(e.message));
    try {
      await p.goto(`${served.url}#/lesson/01-one-layer`);
      const data = p.locator('sb-code-cell[data-cell="data"]');
      await data.locator(".code-view").click();
      await data.locator(".monaco-editor .view-lines").waitFor({ timeout: 30_000 });
      await p.waitForTimeout(300);
      await p.keyboard.press("Control+A");
      await p.keyboard.press("Delete");
      await p.keyboard.insertText("np.random.seed(0);\nconst X = np.random.randn(6, 2);\nconst Y = X.matmul(np.array([[2], [-1]])).add(0.5);\n"
        + "const settings = { seed: 0, rows: 6, columns: ['x1', 'x2'], noise: { kind: 'normal', scale: { mean: 0, std: 1 } }, steps: Array.from({ length: 40 }, (_, i) => i) };\nconst lr = 1e-5;\nX");
      await p.keyboard.press("Control+Enter");
      await expect.poll(() => data.locator(".cell-prompt").textContent(), { timeout: 30_000 }).toBe("[1]");
      await p.keyboard.press("Escape");
      await p.click(".tb-toggle-variables");
      await p.waitForSelector("aside.inspector .var-table");
      const row = (name: string) => p.locator(".var-table tbody tr:not(.var-detail)").filter({ has: p.locator("th button", { hasText: new RegExp(`^${name}$`) }) });
      expect(await row("lr").locator(".var-summary").textContent()).toBe("1e-05");
      expect(await row("settings").locator(".var-summary").textContent()).not.toContain("std: 1");
      await row("settings").locator("th button").click();
      const full = p.locator(".var-detail .var-full");
      await expect.poll(() => full.textContent(), { timeout: 10_000 }).toContain("std: 1");
      const text = (await full.textContent())!;
      expect(text).toContain("39");
      expect(text.split("\n").length).toBeGreaterThan(3);
      await row("lr").locator("th button").click();
      await expect.poll(() => p.locator(".var-detail .var-full").textContent()).toBe("1e-05");
      if (process.env.STEPBOOK_SHOTS) await p.locator("aside.inspector").screenshot({ path: `${process.env.STEPBOOK_SHOTS}/variables-other.png` });
    } finally {
      await p.close();
    }
  }, 120_000);

  it("on a phone (390x844): a More menu, header + toolbar within 15% of the height, no sideways page scroll, Variables as a dialog", async () => {
    const phone = await launch({ viewport: { width: 390, height: 844 } });
    try {
      const p = await phone.context.newPage();
      p.on("pageerror", (e) => errors.push(e.message));
      await p.goto(`${served.url}#/lesson/01-one-layer`);
      await p.waitForSelector("sb-code-cell");
      const top = await p.evaluate(() => Math.max(document.querySelector(".app-header")!.getBoundingClientRect().bottom, document.querySelector("sb-toolbar")!.getBoundingClientRect().bottom));
      console.log(`phone: header + toolbar end at ${top.toFixed(0)} px of 844 (${(100 * top / 844).toFixed(1)}%)`);
      expect(top).toBeLessThanOrEqual(0.15 * 844);
      expect(await p.locator(".tb-restart").isVisible()).toBe(false);
      await p.click(".tb-more");
      expect(await p.locator(".tb-restart").isVisible()).toBe(true);
      await p.keyboard.press("Escape");
      expect(await p.locator(".tb-restart").isVisible()).toBe(false);
      expect(await p.evaluate(() => document.activeElement?.classList.contains("tb-more"))).toBe(true);
      await p.click(".tb-more");
      await p.click(".tb-run-all");
      await p.waitForFunction(() => document.querySelector('sb-code-cell[data-cell="forward"] .cell-prompt')?.textContent !== "[ ]"
        && document.querySelectorAll(".status-running, .status-queued").length === 0, null, { timeout: 60_000 });
      await p.locator('sb-code-cell[data-cell="forward"] .btn-trace').click();
      await p.waitForSelector("sb-trace-view .step-card");
      const wide = await p.evaluate(() => ({ page: document.documentElement.scrollWidth, view: innerWidth,
        over: [...document.querySelectorAll<HTMLElement>("main *")].filter((e) => e.getBoundingClientRect().right > innerWidth + 1 && !e.closest(".tensor-scroll, .math-display, .code-view, .table-scroll, .katex-display, .step-formula, .tex-output, .trace-graph, pre")).slice(0, 5).map((e) => `${e.tagName}.${e.getAttribute("class")} right ${Math.round(e.getBoundingClientRect().right)}`) }));
      expect(wide.over).toEqual([]);
      expect(wide.page).toBeLessThanOrEqual(wide.view);
      // Variables: a modal dialog over the lesson; focus stays in it; Esc closes it and focus returns
      await p.click(".tb-more");
      await p.click(".tb-toggle-variables");
      await p.waitForSelector("dialog.inspector-dialog[open]");
      for (let i = 0; i < 8; i++) await p.keyboard.press("Tab");
      expect(await p.evaluate(() => !!document.activeElement?.closest("dialog.inspector-dialog") || document.activeElement === document.body)).toBe(true);
      const box = (await p.locator("dialog.inspector-dialog").boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      await p.keyboard.press("Escape");
      await expect.poll(() => p.locator("dialog.inspector-dialog").count()).toBe(0);
      expect(await p.evaluate(() => document.activeElement?.classList.contains("tb-more"))).toBe(true);
    } finally {
      await phone.close();
    }
  }, 120_000);

  it("has no page errors", () => {
    expect(errors).toEqual([]);
  });
});
