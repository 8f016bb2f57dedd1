// Hostile case #15.6 in Chromium: students never lose work. Expected beside each case.
// - Two tabs of one lesson: each tab's edit of a different cell survives the other's saves (merge per
//   cell), and each tab says which cell the other changed. Before the fix, each tab saved its whole record
//   and the last save dropped the other tab's edit.
// - The lecturer deletes a cell the student edited: the edit is shown as an orphan (not hidden), and
//   "Restore as a new cell" brings the code back as a cell of the student's own.
// - #15.1: two lecturer tabs editing different cells at once both land, also when the file gained a cell
//   in an editor meanwhile (cells are matched by id: before, any change in the cells was a conflict), and
//   a heading edit changes no cell id.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseNotebook } from "../../../ui/document/index.ts";
import { violations } from "../../e2e/axe.ts";
import { FIXTURE_NOTEBOOKS, hasBrowser, launch, serve, type Opened, type Served } from "../../e2e/harness.ts";

describe.skipIf(!hasBrowser())("students never lose work (Chromium, two tabs of one context)", () => {
  let served: Served;
  let b: Opened;
  let tabA: Page;
  let tabB: Page;
  let dir: string;
  const file = () => path.join(dir, "01-one-layer.md");
  const lessonUrl = () => `${served.url}#/lesson/01-one-layer`;
  const cell = (page: Page, id: string) => page.locator(`sb-code-cell[data-cell="${id}"]`);

  async function replaceCode(page: Page, id: string, code: string) {
    await cell(page, id).locator(".code-view").click();
    await cell(page, id).locator(".monaco-editor .view-lines").waitFor({ timeout: 60_000 });
    await page.waitForTimeout(300);
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Delete");
    await page.keyboard.insertText(code);
    await page.keyboard.press("Escape");
  }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "stepbook-notebooks-"));
    cpSync(FIXTURE_NOTEBOOKS, dir, { recursive: true });
    served = await serve({ mode: "dev", notebooks: dir });
    b = await launch();
    tabA = await b.context.newPage();
    tabB = await b.context.newPage();
    for (const page of [tabA, tabB]) {
      await page.goto(lessonUrl());
      await page.waitForSelector('sb-code-cell[data-cell="forward"]', { timeout: 60_000 });
    }
  }, 180_000);

  afterAll(async () => {
    await b?.close();
    await served?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("two tabs editing different cells: both edits are kept, and each tab is told about the other's", async () => {
    await replaceCode(tabA, "data", "const fromA = 1;\nfromA");
    await expect.poll(() => tabB.locator(".notice").textContent(), { timeout: 10_000 }).toMatch(/Cell 1 was changed in another tab/);
    expect(await cell(tabB, "data").locator(".code-view").textContent()).toContain("const fromA = 1;");
    await replaceCode(tabB, "forward", "const fromB = 2;\nfromB");
    await expect.poll(() => tabA.locator(".notice").textContent(), { timeout: 10_000 }).toMatch(/Cell 2 was changed in another tab/);
    for (const page of [tabA, tabB]) {
      await page.waitForTimeout(800); // autosave runs within a second of an edit
      await page.reload();
      await page.waitForSelector('sb-code-cell[data-cell="forward"]', { timeout: 60_000 });
      expect(await cell(page, "data").locator(".code-view").textContent()).toContain("const fromA = 1;");
      expect(await cell(page, "forward").locator(".code-view").textContent()).toContain("const fromB = 2;");
    }
  }, 180_000); // two tabs load Monaco: slow on a loaded machine

  it("an edit whose cell the lecturer deleted is shown as an orphan and can be restored as the student's own cell", async () => {
    const text = readFileSync(file(), "utf8");
    const forward = /```ts \{#forward trace\}\n[\s\S]*?\n```\n/.exec(text)![0];
    writeFileSync(file(), text.replace(forward, ""));
    await expect.poll(() => cell(tabA, "forward").count(), { timeout: 15_000 }).toBe(0);
    const orphan = tabA.locator('.banner.orphans [data-orphan="forward"]');
    await orphan.waitFor({ timeout: 10_000 });
    expect(await orphan.locator(".orphan-source").textContent()).toBe("const fromB = 2;\nfromB");
    expect(await violations(tabA)).toEqual([]); // the orphan banner: no serious or critical axe issue
    await orphan.locator(".btn-orphan-restore").click();
    await expect.poll(() => tabA.locator(".banner.orphans").count()).toBe(0);
    const mine = tabA.locator('sb-code-cell[data-cell^="mine-"]');
    await expect.poll(() => mine.count()).toBe(1);
    expect(await mine.locator(".code-view").textContent()).toContain("const fromB = 2;");
    // after a reload the restored cell is still there (the work is saved) and no orphan comes back
    await tabA.waitForTimeout(800);
    await tabA.reload();
    await tabA.waitForSelector('sb-code-cell[data-cell="data"]', { timeout: 60_000 });
    expect(await tabA.locator('sb-code-cell[data-cell^="mine-"] .code-view').textContent()).toContain("const fromB = 2;");
    expect(await tabA.locator(".banner.orphans").count()).toBe(0);
  }, 120_000);

  it("two lecturer tabs editing different cells at once, while an editor adds a cell: every edit lands, no id moves", async () => {
    const idsOf = (text: string) => parseNotebook(text, "x.md").cells.map((c) => c.id);
    const startProse = async (page: Page, index: number) => {
      if (!(await page.locator(".tb-toggle-authoring[aria-pressed='true']").count())) await page.click(".tb-toggle-authoring");
      await page.locator("sb-markdown-cell").nth(index).locator(".markdown-body").dblclick();
      const textarea = page.locator("textarea.markdown-source");
      await textarea.waitFor();
      return textarea;
    };
    const before = readFileSync(file(), "utf8");
    const a = await startProse(tabA, 0);
    const bArea = await startProse(tabB, 1);
    // both type within the autosave delay, and an editor appends a code cell to the file meanwhile
    await a.fill((await a.inputValue()).replace("# One layer, step by step", "# One layer, slowly"));
    await bArea.fill((await bArea.inputValue()).replace("The data has shape", "The data have shape"));
    writeFileSync(file(), `${before}\n\`\`\`ts {#appended}\n1 + 1\n\`\`\`\n`);
    await expect.poll(() => readFileSync(file(), "utf8"), { timeout: 15_000 }).toMatch(/# One layer, slowly[\s\S]*The data have shape[\s\S]*\{#appended\}/);
    const after = readFileSync(file(), "utf8");
    expect(idsOf(after)).toEqual([...idsOf(before), "appended"]);
    for (const page of [tabA, tabB]) {
      await page.keyboard.press("Escape");
      expect(await page.locator(".banner.conflict").count()).toBe(0);
    }
  });
});
