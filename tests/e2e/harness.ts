// Shared by the end-to-end tests and the screenshot script: a built Stepbook served by `vite preview`
// on a free port (the build made once per set of lessons: built.ts), or the dev server, and Debian's
// Chromium driven by playwright-core (never a downloaded browser).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from "playwright-core";
import { builtApp, ROOT } from "./built.ts";

export { builtApp, COURSE_TITLE, exportedSite, ROOT } from "./built.ts";
export const CHROMIUM = process.env.STEPBOOK_CHROMIUM ?? "/usr/bin/chromium";
/** the small lessons the tests open (the real course changes; these do not). */
export const FIXTURE_NOTEBOOKS = path.join(ROOT, "tests/e2e/fixtures/notebooks");

export const hasBrowser = () => existsSync(CHROMIUM);

export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
}

async function waitForUrl(url: string, child: ChildProcess, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  let log = "";
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => (log += d));
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${log}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`server did not answer at ${url} within ${ms} ms:\n${log}`);
}

export interface Served { url: string; stop(): Promise<void> }

/**
 * `vite preview` of the app built with these lessons (built once: built.ts); or the dev server with
 * `mode: "dev"`, warmed: its first page load transforms the app's modules on demand, which on a loaded
 * machine can outlast a test's step, so a throwaway page loads the app before the tests do.
 */
export async function serve(options: { notebooks?: string; mode?: "preview" | "dev" } = {}): Promise<Served> {
  const env = { STEPBOOK_NOTEBOOKS: options.notebooks ?? FIXTURE_NOTEBOOKS };
  const vite = path.join(ROOT, "node_modules/vite/bin/vite.js");
  const port = await freePort();
  const args = options.mode === "dev" ? [] : ["preview", "--outDir", await builtApp(env.STEPBOOK_NOTEBOOKS)];
  const child = run(process.execPath, [vite, ...args, "--host", "127.0.0.1", "--port", String(port), "--strictPort"], env);
  const url = `http://127.0.0.1:${port}/`;
  await waitForUrl(url, child, 60_000);
  if (options.mode === "dev") {
    const warm = await launch();
    try {
      const page = await warm.context.newPage();
      await page.goto(url, { timeout: 180_000 });
      await page.waitForSelector(".lesson-card", { timeout: 180_000 });
    } finally {
      await warm.close();
    }
  }
  return {
    url,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 100));
    },
  };
}

export interface Opened { browser: Browser; context: BrowserContext; close(): Promise<void> }

let shared: Promise<Browser> | undefined;

/** The test file's one Chromium, launched on first use; closeBrowser() (tests/e2e/setup.ts, after each file) ends it. */
function browser(): Promise<Browser> {
  shared ??= chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  return shared;
}

export async function closeBrowser(): Promise<void> {
  const b = shared;
  shared = undefined;
  await (await b)?.close();
}

/**
 * A fresh context of the file's Chromium: a profile of its own (nothing shared with another context), in
 * which IndexedDB survives a reload and two pages are two tabs of one browser.
 */
export async function launch(options: { colorScheme?: "light" | "dark"; viewport?: { width: number; height: number }; javaScriptEnabled?: boolean } = {}): Promise<Opened> {
  const b = await browser();
  const context = await b.newContext({
    viewport: options.viewport ?? { width: 1280, height: 900 },
    colorScheme: options.colorScheme ?? "light",
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  // a page's load on a cold dev server or a loaded machine can take longer than Playwright's 30 s
  context.setDefaultNavigationTimeout(120_000);
  return { browser: b, context, close: () => context.close() };
}

/**
 * Open a lesson in the app (`url` is the app's, `name` the lesson's file name without .md) and wait until it
 * is the lesson on the page. Going from one lesson to another only changes the hash: the last lesson stays
 * on the page until the new one is read, and a Run all clicked in between runs the wrong lesson.
 */
export async function openLesson(page: Page, url: string, name: string, timeout = 120_000): Promise<void> {
  await page.goto(`${url}#/lesson/${name}`);
  await page.waitForSelector(`main[data-lesson="${name}"] sb-code-cell`, { timeout });
}

/** Open a cell's editor, replace its whole source with `source` (the cursor ends after it); run it yourself. */
export async function replaceCellSource(page: Page, cellId: string, source: string, timeout = 30_000, options: { editorOpen?: boolean } = {}): Promise<Locator> {
  const cell = page.locator(`sb-code-cell[data-cell="${cellId}"]`);
  const editor = cell.locator(".monaco-editor .view-lines");
  // (an exported page turned live with Edit has its editors open already: click into one instead)
  if (!options.editorOpen) await cell.locator(".code-view").click();
  await editor.waitFor({ timeout });
  await page.waitForTimeout(300);
  if (options.editorOpen) await editor.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(source);
  return cell;
}
