import { serve, launch } from "../tests/e2e/harness.ts";
const [lesson, cellId, nsteps, dir] = process.argv.slice(2);
const s = await serve({ mode: "dev", notebooks: dir });
try {
  for (const [scheme, vp] of [["light", { width: 1280, height: 900 }], ["dark", { width: 390, height: 844 }]] as const) {
    const o = await launch({ colorScheme: scheme, viewport: vp });
    const page = await o.context.newPage();
    await page.goto(`${s.url}#/lesson/${lesson}`);
    await page.locator(".tb-run-all").click();
    const cell = page.locator(`sb-code-cell[data-cell="${cellId}"]`);
    await cell.locator(".btn-trace").waitFor({ timeout: 240_000 });
    await cell.locator(".btn-trace").click();
    const next = page.locator("[aria-label='next step']").first();
    for (let i = 0; i < Number(nsteps); i++) { await next.click(); await page.waitForTimeout(100); }
    await page.locator("sb-trace-view").first().screenshot({ path: `/tmp/shots/${lesson}-${scheme}.png` });
    await o.close();
  }
} finally { await s.stop(); }
