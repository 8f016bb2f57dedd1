// The lecturer's loop in the dev server: edit a lesson in the browser and find it saved to its .md
// file with a minimal diff; edit the file and find the open page updated in place, kernel state kept.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { FIXTURE_NOTEBOOKS, hasBrowser, launch, serve, type Opened, type Served } from "./harness.ts";

describe.skipIf(!hasBrowser())("lecturer: the dev server", () => {
  let served: Served;
  let b: Opened;
  let page: Page;
  let dir: string;
  const file = () => path.join(dir, "01-one-layer.md");

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "stepbook-notebooks-"));
    cpSync(FIXTURE_NOTEBOOKS, dir, { recursive: true });
    served = await serve({ mode: "dev", notebooks: dir });
    b = await launch();
    page = await b.context.newPage();
    await page.goto(`${served.url}#/lesson/01-one-layer`);
    await page.waitForSelector("sb-code-cell", { timeout: 60_000 });
  }, 120_000);

  afterAll(async () => {
    await b?.close();
    await served?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("saves a lesson edited in the browser back to its file, changing only the edited line", async () => {
    const before = readFileSync(file(), "utf8");
    await page.click(".tb-toggle-authoring");
    await page.locator("sb-markdown-cell").first().locator(".markdown-body").dblclick();
    const textarea = page.locator("textarea.markdown-source");
    await textarea.waitFor();
    const source = await textarea.inputValue();
    await textarea.fill(source.replace("A single dense layer maps", "One dense layer maps"));
    await expect.poll(() => readFileSync(file(), "utf8"), { timeout: 10_000 }).toContain("One dense layer maps");
    const after = readFileSync(file(), "utf8");
    const changed = after.split("\n").filter((line, i) => line !== before.split("\n")[i]);
    expect(changed).toEqual(["One dense layer maps inputs $X$ to scores $Z$:"]);
    await page.keyboard.press("Escape");
    await page.click(".tb-toggle-authoring");
  });

  it("shows a change made to the file in an editor without reloading, and keeps the kernel's variables", async () => {
    await page.locator('sb-code-cell[data-cell="data"] .btn-run').click();
    await expect.poll(() => page.locator('sb-code-cell[data-cell="data"] .cell-prompt').textContent(), { timeout: 20_000 }).toBe("[1]");
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    writeFileSync(file(), readFileSync(file(), "utf8").replace("The mean squared error", "The mean squared error (MSE)"));
    await expect.poll(() => page.locator("sb-markdown-cell").allTextContents(), { timeout: 15_000 }).toEqual(expect.arrayContaining([expect.stringContaining("(MSE)")]));
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await page.click(".tb-toggle-variables");
    await expect.poll(() => page.locator(".var-table th button").allTextContents()).toContain("X");
  });
});
