// The WASM backend loads where students run the kernel: in the kernel's Web Worker, from the Vite
// dev server, from the built app and from the exported static site. A cell asks the kernel which
// backend ran it (and checks that the module computes: exp(1), within the 1 ulp docs/speed.md states,
// and a small product), then runs a large product (300x256x260, over the 256^3 where threads start)
// and reports np.parallelInfo(): on the dev server and `vite preview` (cross-origin isolated, the
// kernel in a worker) the helper threads compute rows of it, with the same bits as one thread; the
// static site has no isolation headers, so products stay on one thread, and the kernel says why.
import type { Server } from "node:http";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { COURSE, serveSite } from "../export/helpers.ts";
import { exportedSite, hasBrowser, launch, replaceCellSource, serve, type Opened, type Served } from "./harness.ts";

const CODE = `const which = np.getBackend();
const ok = Math.abs(np.exp(np.array([1])).item() - Math.E) <= 2 * Number.EPSILON * Math.E && np.array([[1, 2]]).matmul(np.array([[3], [4]])).item() === 11;
np.random.seed(1);
const A = np.random.randn(300, 256), B = np.random.randn(256, 260);
let C = A.matmul(B); // the first large product starts the helper threads (and runs on one)
for (let i = 0; i < 200 && np.getNumThreads() > 1 && np.parallelInfo().helperChunks === 0; i++) {
  await new Promise((resolve) => setTimeout(resolve, 25));
  C = A.matmul(B);
}
const info = np.parallelInfo();
const threads = np.getNumThreads();
np.setNumThreads(1);
const same = A.matmul(B).data.every((v, i) => Object.is(v, C.data[i]));
np.setNumThreads(threads);
JSON.stringify({ which, ok, same, cores: navigator.hardwareConcurrency, ...info })`;

interface Report {
  which: string; ok: boolean; same: boolean; cores: number;
  numThreads: number; helpersReady: number; helperChunks: number; oneThreadBecause: string;
}

/** Replace the setup cell's code with CODE, run it, and parse what it printed. */
async function runCell(page: Page): Promise<Report> {
  const cell = await replaceCellSource(page, "setup", CODE, 60_000);
  await page.keyboard.press("Shift+Enter");
  const out = cell.locator(".text-output");
  // (a string shows in quotes)
  await expect.poll(() => out.textContent(), { timeout: 90_000 }).toMatch(/^\s*'\{.*\}'\s*$/);
  const text = (await out.textContent())!.trim();
  return JSON.parse(text.slice(1, -1)) as Report;
}

describe.skipIf(!hasBrowser())("the wasm backend and its threads in Chromium's kernel worker", () => {
  const opened: (Opened | Served)[] = [];
  let stat: { server: Server; origin: string } | undefined;
  afterAll(async () => {
    for (const o of opened.reverse()) await ("stop" in o ? o.stop() : o.close());
    await new Promise((r) => (stat ? stat.server.close(r) : r(undefined)));
  });

  for (const mode of ["dev", "preview"] as const) {
    it(`runs a cell on the wasm backend, large products on threads (${mode === "dev" ? "Vite dev server" : "built app"})`, async () => {
      const served = await serve({ mode, notebooks: COURSE });
      opened.push(served);
      const b = await launch();
      opened.push(b);
      const page = await b.context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(`${served.url}#/lesson/01-neuron`);
      const r = await runCell(page);
      expect(r).toMatchObject({ which: "wasm", ok: true, same: true });
      if (r.cores >= 2) {
        expect(r.numThreads).toBe(Math.min(r.cores, 4));
        expect(r.oneThreadBecause).toBe("");
        expect(r.helpersReady).toBeGreaterThanOrEqual(1);
        expect(r.helperChunks).toBeGreaterThan(0);
      } else {
        expect(r).toMatchObject({ numThreads: 1, oneThreadBecause: "this machine reports one core" });
      }
      expect(errors).toEqual([]);
    }, 240_000);
  }

  it("the exported static site (no isolation headers): the wasm backend, one thread, and why", async () => {
    stat = await serveSite(await exportedSite({ input: COURSE, title: "Fixture course", app: true }));
    const b = await launch();
    opened.push(b);
    const page = await b.context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${stat.origin}/course/01-neuron.html`);
    await page.locator('button[data-stepbook-action="run"]').first().click();
    await page.locator('sb-code-cell[data-cell="setup"]').waitFor({ timeout: 60_000 });
    const r = await runCell(page);
    expect(r).toMatchObject({ which: "wasm", ok: true, same: true, numThreads: 1, helpersReady: 0, helperChunks: 0 });
    expect(r.oneThreadBecause).toMatch(/not cross-origin isolated/);
    expect(errors).toEqual([]);
  }, 240_000);
});
