// Hostile case #15.3 in Chromium: the Content-Security-Policy forbids inline script in the dev app and
// in exported pages, and everything still works under it (Vite dev with HMR, the kernel worker, Monaco,
// the exported page's Run). Expected beside each case.
import type { Server } from "node:http";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASE, COURSE, serveSite } from "../../export/helpers.ts";
import { exportedSite, hasBrowser, launch, serve, type Opened, type Served } from "../../e2e/harness.ts";

/** Records CSP violations and errors of the page and its workers. */
async function watch(page: Page): Promise<{ violations: () => Promise<string[]>; errors: string[] }> {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("worker", (w) => w.on("console", (m) => { if (m.type() === "error") errors.push(`worker: ${m.text()}`); }));
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__csp.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
  return { errors, violations: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp) };
}

/** Markup from data that would run script without the policy: an onerror handler and an inline script. */
async function inject(page: Page): Promise<unknown> {
  await page.evaluate(() => {
    const div = document.createElement("div");
    div.innerHTML = `<img src="data:," onerror="window.__pwned = 'img'">`;
    document.body.append(div);
    const s = document.createElement("script");
    s.textContent = "window.__pwned = 'script'";
    document.body.append(s);
  });
  await page.waitForTimeout(500);
  return page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned ?? null);
}

describe.skipIf(!hasBrowser())("Content-Security-Policy in Chromium", () => {
  let b: Opened;
  beforeAll(async () => { b = await launch(); }, 60_000);
  afterAll(async () => { await b?.close(); });

  describe("the dev app (vite dev, HMR)", () => {
    let served: Served;
    beforeAll(async () => { served = await serve({ mode: "dev" }); }, 120_000);
    afterAll(async () => { await served?.stop(); });

    // Expected: the lesson opens, a cell runs in the kernel worker, Monaco opens, the HMR client
    // connects, and the policy reports no violation; injected inline script does not run.
    it("works under the policy and refuses inline script", async () => {
      const page = await b.context.newPage();
      const w = await watch(page);
      const response = await page.goto(served.url);
      expect(response?.headers()["content-security-policy"]).toMatch(/script-src 'self'/);
      await page.click(".lesson-card a >> nth=0");
      const cell = page.locator('sb-code-cell[data-cell="data"]');
      await cell.locator(".btn-run").click();
      await expect.poll(() => cell.locator(".shape-badge").first().textContent(), { timeout: 60_000 }).toBe("(6, 2)");
      await cell.locator(".code-view").click();
      await cell.locator(".monaco-editor .view-lines").waitFor({ timeout: 60_000 });
      const hmr = await page.evaluate(() => performance.getEntriesByType("resource").some((r) => r.name.includes("/@vite/client")));
      expect(hmr).toBe(true);
      expect(await w.violations()).toEqual([]);
      expect(await inject(page)).toBe(null);
      expect((await w.violations()).some((v) => v.startsWith("script-src"))).toBe(true);
      expect(w.errors.filter((e) => !/Content Security Policy/.test(e))).toEqual([]);
      await page.close();
    }, 180_000);
  });

  describe("an exported site on a host that sends no headers", () => {
    let host: { server: Server; origin: string };
    // serveSite sends no header but the Content-Type: the page's <meta> policy is all there is
    beforeAll(async () => {
      host = await serveSite(await exportedSite({ input: COURSE, title: "Fixture course", app: true }));
    }, 300_000);
    afterAll(async () => { host?.server.close(); });

    // Expected: the page reads and Run runs its cells with no violation; injected inline script does not run.
    it("runs under the <meta> policy and refuses inline script", async () => {
      const page = await b.context.newPage();
      const w = await watch(page);
      await page.goto(`${host.origin}${BASE}01-neuron.html`);
      expect(await inject(page)).toBe(null);
      expect((await w.violations()).some((v) => v.startsWith("script-src"))).toBe(true);
      const before = (await w.violations()).length;
      await page.getByRole("button", { name: "Run", exact: true }).click();
      const cell = (id: string) => page.locator(`sb-code-cell[data-cell="${id}"]`);
      await expect.poll(() => cell("curve").locator(".cell-prompt").textContent(), { timeout: 60_000 }).toBe("[3]");
      expect(await cell("setup").locator(".shape-badge").first().textContent()).toBe("(3, 2)");
      // Edit opens Monaco (its workers) under the same policy.
      await cell("setup").locator(".code-view").click();
      await cell("setup").locator(".monaco-editor .view-lines").waitFor({ timeout: 60_000 });
      expect((await w.violations()).slice(before)).toEqual([]);
      expect(w.errors.filter((e) => !/Content Security Policy/.test(e))).toEqual([]);
      await page.close();
    }, 180_000);
  });
});
