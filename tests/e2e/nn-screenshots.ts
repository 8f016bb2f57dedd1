// Screenshots of nn in the app: summary() and fit's progress bar, light and dark, desktop and phone.
//   npx tsx tests/e2e/nn-screenshots.ts [outDir]
import path from "node:path";
import { mkdirSync } from "node:fs";
import { closeBrowser, launch, serve, ROOT } from "./harness.ts";

const out = path.resolve(process.argv[2] ?? path.join(ROOT, "docs/screenshots"));
mkdirSync(out, { recursive: true });
const served = await serve({ notebooks: path.join(ROOT, "tests/e2e/fixtures/nn-notebooks") });
const shots: [string, "light" | "dark", { width: number; height: number }][] = [
  ["light", "light", { width: 1280, height: 900 }],
  ["dark", "dark", { width: 1280, height: 900 }],
  ["phone", "light", { width: 390, height: 844 }],
];
try {
  for (const [name, colorScheme, viewport] of shots) {
    const b = await launch({ colorScheme, viewport });
    const page = await b.context.newPage();
    page.on("pageerror", (e) => console.log(`[${name}] page error:`, e.message));
    await page.goto(served.url);
    await page.click(".lesson-card a >> nth=0");
    await page.waitForSelector("sb-code-cell");
    await page.click(".tb-run-all");
    await page.locator('sb-code-cell[data-cell="result"] .out-prompt').first().waitFor({ timeout: 240_000 });
    await page.waitForTimeout(500);
    const data = page.locator('sb-code-cell[data-cell="data"]');
    await data.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(out, `nn-fit-${name}.png`), fullPage: true });
    await b.close();
  }
} finally {
  await closeBrowser();
  await served.stop();
}
console.log(`screenshots in ${out}`);
