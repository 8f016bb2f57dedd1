// Shared by the end-to-end tests and the screenshot script: a built Stepbook served by `vite preview`
// on a free port (the build made once per set of lessons: built.ts), or the dev server, and Debian's
// Chromium driven by playwright-core (never a downloaded browser).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContext } from "playwright-core";
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

/** `vite preview` of the app built with these lessons (built once: built.ts); or the dev server with `mode: "dev"`. */
export async function serve(options: { notebooks?: string; mode?: "preview" | "dev" } = {}): Promise<Served> {
  const env = { STEPBOOK_NOTEBOOKS: options.notebooks ?? FIXTURE_NOTEBOOKS };
  const vite = path.join(ROOT, "node_modules/vite/bin/vite.js");
  const port = await freePort();
  const args = options.mode === "dev" ? [] : ["preview", "--outDir", await builtApp(env.STEPBOOK_NOTEBOOKS)];
  const child = run(process.execPath, [vite, ...args, "--host", "127.0.0.1", "--port", String(port), "--strictPort"], env);
  const url = `http://127.0.0.1:${port}/`;
  await waitForUrl(url, child, 60_000);
  return {
    url,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 100));
    },
  };
}

export interface Opened { browser: Browser; context: BrowserContext; userDataDir: string; close(): Promise<void> }

/** A persistent context on a fresh user-data dir, so IndexedDB survives a reload within a test. */
export async function launch(options: { colorScheme?: "light" | "dark"; viewport?: { width: number; height: number }; javaScriptEnabled?: boolean } = {}): Promise<Opened> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), "stepbook-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: options.viewport ?? { width: 1280, height: 900 },
    colorScheme: options.colorScheme ?? "light",
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  return {
    browser: context.browser()!,
    context,
    userDataDir,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
