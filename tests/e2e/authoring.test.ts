// The lecturer's loop in the dev server: edit a lesson in the browser and find it saved to its .md
// file with a minimal diff; edit the file and find the open page updated in place, kernel state kept.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { FIXTURE_NOTEBOOKS, freePort, hasBrowser, launch, serve, type Opened, type Served } from "./harness.ts";

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

  it("a cell's code, running in the kernel's worker, can neither find the session token nor save", async () => {
    const before = readFileSync(file(), "utf8");
    const worker = page.workers()[0];
    expect(worker, "the kernel's worker").toBeDefined();
    const attempt = await worker.evaluate(async (text) => {
      const page = await (await fetch("/")).text();
      const token = /stepbook-session" content="([^"]+)"/.exec(page)?.[1] ?? null;
      const tries = [];
      for (const type of ["application/vnd.stepbook.lesson+json", "text/plain"]) {
        const res = await fetch("/__stepbook/save", {
          method: "POST", headers: { "Content-Type": type, "X-Stepbook-Token": token ?? "guess" },
          body: JSON.stringify({ name: "01-one-layer", text, base: null, cells: [] }),
        });
        tries.push(res.status);
      }
      return { token, tries };
    }, before.replace("One dense layer", "Pwned layer"));
    expect(attempt.token).toBeNull();
    expect(attempt.tries).toEqual([403, 415]);
    expect(readFileSync(file(), "utf8")).toBe(before);
  });

  it("a page on another site can neither create nor overwrite a lesson (no-cors fetch, text/plain form)", async () => {
    const before = readFileSync(file(), "utf8");
    const evilPort = await freePort();
    const target = `${served.url.replace(/\/$/, "")}/__stepbook/save`;
    const evil: Server = createHttpServer((_req, res) => {
      res.setHeader("Content-Type", "text/html");
      res.end(`<!doctype html><form id="f" method="POST" enctype="text/plain" action="${target}?name=99-pwned">
        <input name='{"name":"01-one-layer","text":"---\\ntitle: x\\n---\\n","base":null,"cells":[],"x":"' value='"}'></form>
        <script>
          fetch(${JSON.stringify(target)}, { method: "POST", mode: "no-cors", headers: { "Content-Type": "text/plain" },
            body: JSON.stringify({ name: "99-pwned", text: "---\\ntitle: x\\n---\\n", base: null, cells: [] }) })
            .finally(() => document.getElementById("f").submit());
        </script>`);
    });
    await new Promise<void>((r) => evil.listen(evilPort, "127.0.0.1", r));
    const other = await b.context.newPage();
    try {
      const posted = other.waitForResponse((r) => r.url().startsWith(target) && r.request().method() === "POST" && r.request().resourceType() === "document", { timeout: 15_000 });
      await other.goto(`http://localhost:${evilPort}/`);
      expect((await posted).status()).toBe(403);
    } finally {
      await other.close();
      evil.close();
    }
    expect(readFileSync(file(), "utf8")).toBe(before);
    expect(() => readFileSync(path.join(dir, "99-pwned.md"))).toThrow();
  });

  it("two tabs editing different cells of one lesson: both edits land in the file", async () => {
    const second = await b.context.newPage();
    try {
      await second.goto(`${served.url}#/lesson/01-one-layer`);
      await second.waitForSelector("sb-code-cell", { timeout: 60_000 });
      const editProse = async (p: Page, index: number, from: string, to: string) => {
        if (!(await p.locator(".tb-toggle-authoring[aria-pressed='true']").count())) await p.click(".tb-toggle-authoring");
        await p.locator("sb-markdown-cell").nth(index).locator(".markdown-body").dblclick();
        const textarea = p.locator("textarea.markdown-source");
        await textarea.waitFor();
        await textarea.fill((await textarea.inputValue()).replace(from, to));
        await p.keyboard.press("Escape");
      };
      await editProse(page, 0, "maps inputs", "maps its inputs");
      await expect.poll(() => readFileSync(file(), "utf8"), { timeout: 10_000 }).toContain("maps its inputs");
      // the second tab hears of the first tab's save before the lecturer edits there
      await expect.poll(() => second.locator("sb-markdown-cell").first().textContent(), { timeout: 10_000 }).toContain("maps its inputs");
      await editProse(second, 1, "The data has shape", "The data have shape");
      await expect.poll(() => readFileSync(file(), "utf8"), { timeout: 10_000 }).toContain("The data have shape");
      expect(readFileSync(file(), "utf8")).toContain("maps its inputs");
    } finally {
      await second.close();
    }
  });

  it("shows a clash when the file changed on disk in the cell being edited, and saves nothing until the lecturer chooses", async () => {
    if (!(await page.locator(".tb-toggle-authoring[aria-pressed='true']").count())) await page.click(".tb-toggle-authoring");
    await page.locator("sb-markdown-cell").first().locator(".markdown-body").dblclick();
    const textarea = page.locator("textarea.markdown-source");
    await textarea.waitFor();
    const onDisk = readFileSync(file(), "utf8").replace("# One layer, step by step", "# One layer (edited on disk)");
    // the page's edit waits ~800 ms before it is saved; the file changes in that window
    await textarea.fill((await textarea.inputValue()).replace("# One layer, step by step", "# One layer (edited in the page)"));
    writeFileSync(file(), onDisk);
    await page.locator(".banner.conflict").waitFor({ timeout: 10_000 });
    expect(await page.locator(".banner.conflict").textContent()).toMatch(/changed on disk while you were editing/);
    await page.waitForTimeout(1500);
    expect(readFileSync(file(), "utf8")).toBe(onDisk);
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "Use the file's version" }).click();
    await expect.poll(() => page.locator("sb-markdown-cell").first().textContent()).toContain("(edited on disk)");
    expect(readFileSync(file(), "utf8")).toBe(onDisk);
  });

  it("lecturer mode is one bar; editing a heading marks no code cell stale", async () => {
    if (await page.locator(".tb-toggle-authoring[aria-pressed='true']").count()) await page.click(".tb-toggle-authoring");
    await page.click(".tb-run-all");
    await page.waitForFunction(() => document.querySelectorAll(".status-running, .status-queued").length === 0
      && document.querySelector('sb-code-cell[data-cell="forward"] .cell-prompt')?.textContent !== "[ ]", null, { timeout: 60_000 });
    expect(await page.locator(".badge-stale").count()).toBe(0);
    await page.click(".tb-toggle-authoring");
    const banner = page.locator(".banner.authoring");
    await banner.waitFor();
    // one bar: a single line of text (not pieces spread across the row) and the save state beside it
    expect(await banner.locator("> p").count()).toBe(1);
    const box = (await banner.boundingBox())!;
    expect(box.height).toBeLessThan(80);
    await page.locator("sb-markdown-cell").first().locator(".markdown-body").dblclick();
    const textarea = page.locator("textarea.markdown-source");
    await textarea.waitFor();
    const heading = (await textarea.inputValue()).match(/^# .*$/m)![0];
    await textarea.fill((await textarea.inputValue()).replace(heading, `${heading} (renamed)`));
    await expect.poll(() => readFileSync(file(), "utf8"), { timeout: 10_000 }).toContain(`${heading} (renamed)`);
    await expect.poll(() => banner.locator(".save-state").textContent(), { timeout: 10_000 }).toBe(`saved ${file()}`);
    // the bar names the file it writes: here the folder the server was started on, outside the project
    expect(await banner.locator("code").textContent()).toBe(file());
    await page.keyboard.press("Escape");
    await page.waitForTimeout(500);
    expect(await page.locator(".badge-stale").count()).toBe(0);
    await page.click(".tb-toggle-authoring");
  });

  it("a new lesson file appears in the course index without a reload", async () => {
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    await page.goto(`${served.url}#/`);
    await page.waitForSelector(".lesson-card");
    writeFileSync(path.join(dir, "03-brand-new.md"), "---\ntitle: A brand-new lesson\norder: 3\nsummary: Written while the page was open, with $x^2$.\n---\n\n# A brand-new lesson\n");
    await expect.poll(() => page.locator(".lesson-card .lesson-title").allTextContents(), { timeout: 15_000 }).toContain("A brand-new lesson");
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(await page.locator(".lesson-card", { hasText: "A brand-new lesson" }).locator(".lesson-summary .katex").count()).toBe(1);
  });
});
