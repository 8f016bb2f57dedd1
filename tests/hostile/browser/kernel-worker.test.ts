// Hostile case #15.4 in Chromium, where only a real worker shows it: the kernel always comes back.
// A cell's self.close() is refused; a cell that replaces self.postMessage and Array.prototype.push does
// not cut the kernel off; a worker wedged by a leftover timer is found dead by the heartbeat and the page
// offers Restart, with the student's unsaved edit intact. Expected beside each case.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASE, serveSite } from "../../export/helpers.ts";
import { violations } from "../../e2e/axe.ts";
import { exportedSite, hasBrowser, launch, serve, type Opened, type Served } from "../../e2e/harness.ts";

const LESSON = `---
title: A hostile lesson
order: 1
summary: cells that try to take the kernel down
---

# A hostile lesson

\`\`\`ts {#close}
self.close();
"still here"
\`\`\`

\`\`\`ts {#clobber}
(self as any).postMessage = null;
(Array.prototype as any).push = null;
JSON.stringify = () => "";
"clobbered"
\`\`\`

\`\`\`ts {#after}
const alive = 40 + 2;
alive
\`\`\`

\`\`\`ts {#huge}
"y".repeat(2_500_000)
\`\`\`

\`\`\`ts {#chatty}
for (let i = 0; i < 20_000; i++) console.log(i);
\`\`\`

\`\`\`ts {#wedge}
setTimeout(() => { while (true) {} }, 100);
"a timer that never returns"
\`\`\`
`;

describe.skipIf(!hasBrowser())("a kernel that always comes back, in Chromium", () => {
  let dir: string;
  let served: Served;
  let b: Opened;
  let page: Page;
  const errors: string[] = [];
  const cell = (id: string) => page.locator(`sb-code-cell[data-cell="${id}"]`);
  const run = (id: string) => cell(id).locator(".btn-run").click();
  const text = (id: string) => cell(id).locator(".text-output").last().textContent({ timeout: 1000 }).catch(() => null);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "stepbook-hostile-"));
    writeFileSync(join(dir, "01-hostile.md"), LESSON);
    served = await serve({ notebooks: dir, mode: "dev" });
    b = await launch();
    page = await b.context.newPage();
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(served.url);
    await page.click(".lesson-card a >> nth=0");
    await page.waitForSelector('sb-code-cell[data-cell="after"]');
  }, 180_000);

  afterAll(async () => {
    await b?.close();
    await served?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  // Expected: self.close() throws in the cell with a message saying why; the kernel answers the next cell.
  it("refuses self.close() in a cell", async () => {
    await run("close");
    // the first run waits for the dev server to compile the kernel: a cold start can take a minute
    await expect.poll(() => cell("close").textContent(), { timeout: 150_000 }).toContain("self.close() would stop the kernel");
    expect(await cell("close").locator("sb-error-output").count()).toBe(1);
    await run("after");
    await expect.poll(() => text("after"), { timeout: 20_000 }).toBe("42");
  }, 180_000);

  // Expected: the cell's result and a note saying what was put back reach the page although the cell
  // replaced self.postMessage, Array.prototype.push and JSON.stringify; the next cell runs as usual.
  it("keeps its protocol when a cell replaces postMessage, push and JSON.stringify", async () => {
    await run("clobber");
    await expect.poll(() => cell("clobber").textContent(), { timeout: 20_000 }).toContain("which the kernel needs: put back");
    await expect.poll(() => text("clobber"), { timeout: 20_000 }).toBe("'clobbered'");
    await run("after");
    await expect.poll(() => cell("after").locator(".cell-prompt").textContent(), { timeout: 20_000 }).toMatch(/\d/);
    expect(await text("after")).toBe("42");
  }, 60_000);

  // Expected: a 2.5 MB result arrives cut at 1 MB with "Show more"; each press fetches 1 MB more from the
  // kernel, until the whole value is shown and the button goes.
  it("shows more of an output cut in the kernel", async () => {
    await run("huge");
    const more = cell("huge").locator("button.show-more");
    await more.waitFor({ timeout: 20_000 });
    const length = () => cell("huge").locator(".text-output").evaluate((el) => el.textContent!.length);
    expect(await length()).toBeLessThan(1_000_100);
    await more.click();
    await expect.poll(length, { timeout: 20_000 }).toBeGreaterThan(2_000_000);
    await more.click();
    await expect.poll(length, { timeout: 20_000 }).toBe(2_500_002);
    expect(await more.count()).toBe(0);
    // printed text past the 10,000-line limit: kept, and shown on request, to the last line
    await run("chatty");
    const rest = cell("chatty").locator("button.show-more");
    await rest.waitFor({ timeout: 20_000 });
    await rest.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(tmpdir(), "stepbook-show-more.png") });
    await rest.click();
    await expect.poll(() => cell("chatty").locator(".text-output").last().textContent(), { timeout: 20_000 }).toMatch(/^10000\n[\s\S]*\n19999\n$/);
  }, 60_000);

  // Expected: a leftover timer that never returns wedges the worker; within about 6 s the heartbeat finds
  // it dead and a banner offers Restart. The student's unsaved edit (in the editor, not run) is still
  // there after Restart, and runs in the fresh kernel.
  it("finds a wedged worker dead and offers Restart with the edit intact", async () => {
    await cell("after").locator(".code-view").click();
    await cell("after").locator(".monaco-editor .view-lines").waitFor({ timeout: 30_000 });
    await page.waitForTimeout(300);
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Delete");
    await page.keyboard.insertText("const alive = 7;\nalive");
    await page.keyboard.press("Escape");
    await run("wedge");
    const banner = page.locator(".banner.kernel-dead");
    await banner.waitFor({ timeout: 45_000 });
    expect(await banner.textContent()).toContain("Your edits are kept");
    expect(await page.locator(".kernel-status").textContent()).toContain("dead");
    expect(await page.locator("sb-code-cell .cell-prompt").allTextContents()).not.toContain("[*]");
    await page.screenshot({ path: join(tmpdir(), "stepbook-kernel-dead.png") });
    // visible where the student is (not scrolled away with the top of the page), light and dark, desktop and phone
    expect(await banner.isVisible()).toBe(true);
    const inView = await banner.evaluate((el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; });
    expect(inView).toBe(true);
    for (const [scheme, width, height] of [["dark", 390, 844], ["light", 390, 844]] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: join(tmpdir(), `stepbook-kernel-dead-${scheme}-${width}.png`) });
      expect(await banner.evaluate((el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight && r.width <= innerWidth; })).toBe(true);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ colorScheme: "light" });
    expect(await violations(page, [".banner.kernel-dead"])).toEqual([]);
    await banner.locator("button").click();
    await banner.waitFor({ state: "detached", timeout: 10_000 });
    await expect.poll(() => cell("after").locator(".code-view").textContent(), { timeout: 10_000 }).toContain("const alive = 7;");
    await run("after");
    await expect.poll(() => text("after"), { timeout: 20_000 }).toBe("7");
    expect(errors).toEqual([]);
  }, 150_000);
});

// The exported site on a static host that sends no headers: no cross-origin isolation, so no
// SharedArrayBuffer; the heartbeat still finds a wedged worker (no cell running), and outputs cut at
// build time stay as exported until the reader runs the cell.
const EXPORTED = `---
title: Exported and hostile
order: 1
summary: a huge output and a timer that wedges the worker (only in a browser worker)
---

# Exported and hostile

\`\`\`ts {#huge}
"y".repeat(2_500_000)
\`\`\`

\`\`\`ts {#after}
const alive = 40 + 2;
alive
\`\`\`

\`\`\`ts {#wedge}
if (typeof (globalThis as any).WorkerGlobalScope !== "undefined") setTimeout(() => { while (true) {} }, 100);
"armed"
\`\`\`
`;

describe.skipIf(!hasBrowser())("a kernel that always comes back, on an exported site", () => {
  let input: string;
  let host: { server: Server; origin: string };
  let b: Opened;

  beforeAll(async () => {
    input = mkdtempSync(join(tmpdir(), "stepbook-hostile-course-"));
    writeFileSync(join(input, "01-exported.md"), EXPORTED);
    host = await serveSite(await exportedSite({ input, title: "Hostile", app: true }));
    b = await launch();
  }, 300_000);

  afterAll(async () => {
    await b?.close();
    host?.server.close();
    if (input) rmSync(input, { recursive: true, force: true });
  });

  // Expected: the exported output is cut as it was at build time, with no "Show more" (no kernel holds
  // the rest); after Run, the live output has it. The wedged worker is found dead without
  // SharedArrayBuffer too, the banner offers Restart, and the kernel runs again.
  it("keeps exported outputs as exported, shows more of live ones, and offers Restart for a dead worker", async () => {
    const page = await b.context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${host.origin}${BASE}01-exported.html`);
    const cell = (id: string) => page.locator(`sb-code-cell[data-cell="${id}"], [data-cell="${id}"]`).first();
    await expect.poll(() => page.locator('[data-cell="huge"]').first().textContent(), { timeout: 30_000 }).toContain("[output truncated: 2.5 MB in all, the first 1 MB shown]");
    expect(await page.locator("button.show-more").count()).toBe(0);
    // Edit turns the page live without running anything; then each cell runs by its own button
    await page.getByRole("button", { name: "Edit", exact: true }).click();
    await page.locator('sb-code-cell[data-cell="huge"] .btn-run').waitFor({ timeout: 60_000 });
    await page.keyboard.press("Escape");
    await cell("huge").locator(".btn-run").click();
    const more = cell("huge").locator("button.show-more");
    await more.waitFor({ timeout: 60_000 });
    await more.click();
    await expect.poll(() => cell("huge").locator(".text-output").evaluate((el) => el.textContent!.length), { timeout: 20_000 }).toBeGreaterThan(2_000_000);
    await cell("wedge").locator(".btn-run").click();
    await expect.poll(() => cell("wedge").locator(".text-output").last().textContent({ timeout: 1000 }).catch(() => null), { timeout: 20_000 }).toBe("'armed'");
    const banner = page.locator(".banner.kernel-dead");
    await banner.waitFor({ timeout: 45_000 });
    await banner.locator("button").click();
    await banner.waitFor({ state: "detached", timeout: 10_000 });
    await cell("after").locator(".btn-run").click();
    await expect.poll(() => cell("after").locator(".text-output").last().textContent({ timeout: 1000 }).catch(() => null), { timeout: 20_000 }).toBe("42");
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);
});
