// The exported site, once live, looks and behaves like the dev app: `npm run build`'s two steps (the
// exporter, then vite.export.config.ts into app/) on the fixture course, served as plain static files
// (as `python3 -m http.server` would: no isolation headers) and by `vite preview`. Edit opens Monaco with
// its stylesheet (line numbers, no bare textarea); typing and Ctrl+Enter run the cell; the edited cell
// matches the same cell in the app built by `vite build` (index.html), pixel for pixel within a margin.
import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import type { Server } from "node:http";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COURSE, serveSite } from "../export/helpers.ts";
import { exportedSite, freePort, hasBrowser, launch, ROOT, serve, type Opened, type Served } from "./harness.ts";

const CODE = "const X = np.array([[1, 2], [3, 4], [-1, 0.5]]);\nconst W = np.array([[0.5], [-0.25]]);\nconst typed = 4 + 5;\ntyped";

/** Hide Monaco's blinking caret so two screenshots can be compared. */
const NO_CARET = ".monaco-editor .cursors-layer { visibility: hidden !important; }";

async function editRunAndShoot(page: Page): Promise<Buffer> {
  const cell = page.locator('sb-code-cell[data-cell="setup"]');
  await cell.locator(".monaco-editor .view-lines").waitFor({ timeout: 60_000 });
  await page.waitForTimeout(300);
  await cell.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(CODE);
  await page.keyboard.press("Control+Enter");
  await expect.poll(() => cell.locator(".text-output").textContent(), { timeout: 30_000 }).toBe("9");
  await page.addStyleTag({ content: NO_CARET });
  await page.mouse.move(0, 0);
  await page.waitForTimeout(500);
  return cell.screenshot({ animations: "disabled" });
}

/** Share of pixels that differ (any channel by more than 24/255, allowing a one-pixel shift) between two PNGs, decoded by the page. */
async function pixelDifference(page: Page, a: Buffer, b: Buffer): Promise<{ size: [number, number, number, number]; share: number }> {
  return page.evaluate(async ([a64, b64]) => {
    const load = async (b: string) => createImageBitmap(await (await fetch(`data:image/png;base64,${b}`)).blob());
    const [ia, ib] = [await load(a64), await load(b64)];
    const w = Math.min(ia.width, ib.width), h = Math.min(ia.height, ib.height);
    const pixels = (img: ImageBitmap) => {
      const c = new OffscreenCanvas(w, h);
      const ctx = c.getContext("2d")!;
      ctx.drawImage(img, 0, 0);
      return ctx.getImageData(0, 0, w, h).data;
    };
    const [pa, pb] = [pixels(ia), pixels(ib)];
    // a pixel matches when one within a pixel of it in the other image is close (sub-pixel positions
    // differ between two pages by a fraction of a pixel)
    const close = (i: number, j: number) => Math.abs(pa[i]! - pb[j]!) <= 24 && Math.abs(pa[i + 1]! - pb[j + 1]!) <= 24 && Math.abs(pa[i + 2]! - pb[j + 2]!) <= 24;
    let differ = 0;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const i = (y * w + x) * 4;
        let ok = false;
        for (let dy = -1; dy <= 1 && !ok; dy++) for (let dx = -1; dx <= 1 && !ok; dx++) {
          const yy = y + dy, xx = x + dx;
          if (yy >= 0 && yy < h && xx >= 0 && xx < w) ok = close(i, (yy * w + xx) * 4);
        }
        if (!ok) differ++;
      }
    }
    return { size: [ia.width, ia.height, ib.width, ib.height] as [number, number, number, number], share: differ / (w * h) };
  }, [a.toString("base64"), b.toString("base64")] as const);
}

describe.skipIf(!hasBrowser())("the exported site, turned live, is the dev app", () => {
  let site: string;
  let stat: { server: Server; origin: string };
  let preview: ChildProcess;
  let previewUrl: string;
  let app: Served;
  let b: Opened;
  let appShot: Buffer;

  beforeAll(async () => {
    site = await exportedSite({ input: COURSE, title: "Fixture course", app: true });
    stat = await serveSite(site);
    const port = await freePort();
    preview = spawn(process.execPath, [path.join(ROOT, "node_modules/vite/bin/vite.js"), "preview", "--outDir", site, "--host", "127.0.0.1", "--port", String(port), "--strictPort"], { cwd: ROOT, stdio: "ignore" });
    previewUrl = `http://127.0.0.1:${port}/`;
    for (let i = 0; i < 200; i++) {
      if (await fetch(previewUrl).then((r) => r.ok, () => false)) break;
      await new Promise((r) => setTimeout(r, 150));
    }
    app = await serve({ notebooks: COURSE });
    b = await launch();
  }, 300_000);

  afterAll(async () => {
    await b?.close();
    await app?.stop();
    preview?.kill("SIGTERM");
    await new Promise((r) => stat?.server.close(r));
  });

  it("the app (vite build of index.html): edit, type, run", async () => {
    const page = await b.context.newPage();
    await page.goto(`${app.url}#/lesson/01-neuron`);
    await page.locator('sb-code-cell[data-cell="setup"] .code-view').click();
    appShot = await editRunAndShoot(page);
    await page.close();
  }, 120_000);

  it("Run and Edit look like the app's buttons and are hidden without JavaScript; live, the toolbar sticks to the top with no gap", async () => {
    const look = (sel: string) => (p: Page) => p.locator(sel).first().evaluate((el) => {
      const c = getComputedStyle(el);
      return [c.backgroundColor, c.color, c.borderRadius, c.fontSize, c.paddingTop, c.paddingLeft, c.borderTopColor, c.fontFamily];
    });
    const appPage = await b.context.newPage();
    await appPage.goto(`${app.url}#/lesson/01-neuron`);
    await appPage.waitForSelector("sb-code-cell .btn-run");
    const appRun = await look("sb-code-cell .btn-run")(appPage);
    const appEdit = await look("sb-toolbar .tb-restart")(appPage);
    await appPage.close();
    const page = await b.context.newPage();
    await page.goto(`${stat.origin}/course/01-neuron.html`);
    await page.locator('button[data-stepbook-action="run"]').waitFor({ state: "visible" });
    expect(await look('button[data-stepbook-action="run"]')(page)).toEqual(appRun);
    expect(await look('button[data-stepbook-action="edit"]')(page)).toEqual(appEdit);
    await page.locator('button[data-stepbook-action="run"]').click();
    await page.waitForSelector("sb-app sb-toolbar");
    // a page long enough to scroll past the toolbar's place (the fixture lesson is short)
    await page.addStyleTag({ content: "body { padding-bottom: 200vh; }" });
    await page.evaluate(() => scrollTo(0, document.querySelector("sb-app sb-toolbar")!.getBoundingClientRect().top + scrollY + 400));
    await page.waitForTimeout(300);
    const top = await page.evaluate(() => {
      const bar = document.querySelector("sb-app sb-toolbar")!;
      const r = bar.getBoundingClientRect();
      return { top: r.top, covered: !!document.elementFromPoint(r.left + r.width / 2, 1)?.closest("sb-toolbar") };
    });
    expect(top).toEqual({ top: 0, covered: true });
    await page.close();
    const off = await launch({ javaScriptEnabled: false });
    try {
      const still = await off.context.newPage();
      await still.goto(`${stat.origin}/course/01-neuron.html`);
      expect(await still.locator('button[data-stepbook-action="run"]').isVisible()).toBe(false);
      expect(await still.locator('button[data-stepbook-action="edit"]').isVisible()).toBe(false);
      expect(await still.locator("main.lesson .cell.code").count()).toBeGreaterThan(0);
    } finally {
      await off.close();
    }
  }, 120_000);

  it("the toolbar is one line at 1024 and 1280 px, live on the exported page and in the app; what does not fit is under More", async () => {
    for (const width of [1024, 1280]) {
      const wide = await launch({ viewport: { width, height: 800 } });
      try {
        for (const [surface, url, live] of [["exported", `${stat.origin}/course/01-neuron.html`, true], ["app", `${app.url}#/lesson/01-neuron`, false]] as const) {
          const page = await wide.context.newPage();
          await page.goto(url);
          if (live) await page.locator('button[data-stepbook-action="run"]').click();
          await page.waitForSelector("sb-app sb-toolbar .toolbar");
          await expect.poll(() => page.locator(".kernel-status").textContent(), { timeout: 30_000 }).toMatch(/idle/);
          const lines = () => page.evaluate(() => {
            const shown = [...document.querySelectorAll<HTMLElement>("sb-toolbar .toolbar button, sb-toolbar .kernel-status")].filter((e) => e.offsetParent && !e.closest(".tb-menu.open .tb-secondary"));
            return new Set(shown.map((e) => Math.round(e.getBoundingClientRect().top + e.getBoundingClientRect().height / 2))).size;
          });
          expect(`${surface} at ${width}: ${await lines()} line(s)`).toBe(`${surface} at ${width}: 1 line(s)`);
          // every action is reachable: in the bar, or under More
          if (!(await page.locator(".tb-download-md").isVisible())) {
            await page.locator(".tb-more").click();
            expect(await page.locator(".tb-download-md").isVisible()).toBe(true);
            expect(await page.locator(".tb-run-stale").isVisible()).toBe(true);
            await page.keyboard.press("Escape");
            expect(await page.locator(".tb-download-md").isVisible()).toBe(false);
            expect(await page.evaluate(() => document.activeElement?.classList.contains("tb-more"))).toBe(true);
          }
          await page.close();
        }
      } finally {
        await wide.close();
      }
    }
  }, 180_000);

  for (const [name, url] of [["served as static files", () => `${stat.origin}/course/01-neuron.html`], ["served by vite preview", () => `${previewUrl}01-neuron.html`]] as const) {
    it(`${name}: Edit loads the editor's stylesheet, and the edited cell looks as in the app`, async () => {
      const page = await b.context.newPage();
      const css: string[] = [];
      const failed: string[] = [];
      const errors: string[] = [];
      page.on("response", (r) => { if (r.url().endsWith(".css")) css.push(r.url()); if (r.status() >= 400) failed.push(r.url()); });
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(url());
      // the column keeps its width when the page turns live
      const before = (await page.locator("main.lesson").boundingBox())!;
      await page.getByRole("button", { name: "Edit", exact: true }).click();
      const shot = await editRunAndShoot(page);
      const after = (await page.locator("sb-app main").boundingBox())!;
      expect([Math.round(after.x), Math.round(after.width)]).toEqual([Math.round(before.x), Math.round(before.width)]);
      expect(css.some((u) => /\/app\/assets\/.*\.css$/.test(u))).toBe(true);
      // Monaco styled: line numbers drawn, its input textarea hidden (a bare textarea is what broke)
      expect(await page.locator('sb-code-cell[data-cell="setup"] .line-numbers').count()).toBeGreaterThan(0);
      const textarea = (await page.locator('sb-code-cell[data-cell="setup"] .monaco-editor textarea').boundingBox());
      expect(textarea === null || textarea.width <= 2 || textarea.height <= 30).toBe(true);
      if (process.env.STEPBOOK_SHOTS) {
        writeFileSync(path.join(process.env.STEPBOOK_SHOTS, "app-cell.png"), appShot);
        writeFileSync(path.join(process.env.STEPBOOK_SHOTS, `export-cell-${name.replace(/ /g, "-")}.png`), shot);
      }
      const diff = await pixelDifference(page, appShot, shot);
      expect(diff.size[0]).toBe(diff.size[2]);
      expect(Math.abs(diff.size[1] - diff.size[3])).toBeLessThanOrEqual(1);
      expect(diff.share).toBeLessThan(0.01);
      expect(failed).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    }, 120_000);
  }
});
