// The benchmark in headless Chromium: Vite bundles bench/browser/ (the same bench code as in Node),
// a small static server serves it, playwright-core drives Debian's Chromium (never a downloaded one).
import { createServer, type Server } from "node:http";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { build } from "vite";
import { chromium } from "playwright-core";
import type { Figures, Settings } from "./figures.ts";

export const CHROMIUM = process.env.STEPBOOK_CHROMIUM ?? "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const ROOT = path.resolve(import.meta.dirname, "..");
const TYPES: Record<string, string> = {
  ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".json": "application/json",
};

export const hasChromium = () => existsSync(CHROMIUM);

/** Build the page into a temp dir; returns the dir. */
export async function buildBenchPage(root = path.join(ROOT, "bench/browser")): Promise<string> {
  const outDir = mkdtempSync(path.join(tmpdir(), "stepbook-bench-page-"));
  await build({
    configFile: false,
    root,
    base: "./",
    logLevel: "warn",
    build: { outDir, emptyOutDir: true, target: "es2022", minify: false, sourcemap: false },
    // the threads bench's worker imports the kernel: an ES module worker
    worker: { format: "es" },
  });
  return outDir;
}

function serveDir(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const file = path.join(dir, rel === "/" ? "index.html" : rel);
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream",
      "Cross-Origin-Opener-Policy": "same-origin",
      "Cross-Origin-Embedder-Policy": "require-corp",
    });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => {
    const { port } = server.address() as { port: number };
    resolve({ server, url: `http://127.0.0.1:${port}/` });
  }));
}

export interface ChromiumRun {
  figures: Figures;
  version: string;
  /** with `profile`: self time in ms by function, from the DevTools protocol's CPU profiler */
  profile?: SelfTime[];
}

export async function runInChromium(settings: Settings, options: { profile?: boolean } = {}): Promise<ChromiumRun> {
  // (Infinity is not JSON: the page reads a missing matmulMaxRows as no limit)
  const query = JSON.stringify({ ...settings, matmulMaxRows: Number.isFinite(settings.matmulMaxRows) ? settings.matmulMaxRows : undefined });
  const run = await runPage(`settings=${encodeURIComponent(query)}`, options);
  return { ...run, figures: run.result as Figures };
}

/**
 * Open the bench page (or the page at `root`) with `query`, wait for window.benchResult (or benchError), optionally under
 * the DevTools protocol's CPU profiler (self time by function, sampled every 200 us).
 */
export async function runPage(query: string, options: { profile?: boolean; root?: string } = {}): Promise<{ result: unknown; version: string; profile?: SelfTime[] }> {
  const dir = await buildBenchPage(options.root);
  const { server, url } = await serveDir(dir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  try {
    const page = await browser.newPage();
    const cdp = options.profile ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
      await cdp.send("Profiler.start");
    }
    await page.goto(`${url}?${query}`, { waitUntil: "commit", timeout: 120_000 });
    await page.waitForFunction(() => window.benchResult !== undefined || window.benchError !== undefined,
      undefined, { timeout: 30 * 60_000, polling: 500 });
    const error = await page.evaluate(() => window.benchError);
    if (error !== undefined) throw new Error(`bench page failed: ${error}`);
    const result = await page.evaluate(() => window.benchResult);
    let profile: SelfTime[] | undefined;
    if (cdp) {
      const { profile: p } = await cdp.send("Profiler.stop");
      profile = selfTimes(p as unknown as CpuProfile);
    }
    return { result, version: browser.version(), profile };
  } finally {
    await browser.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface SelfTime { fn: string; url: string; line: number; selfMs: number }

/** a V8 CPU profile, as the DevTools protocol and node:inspector hand it out */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time by function, largest first. */
export function selfTimes(p: CpuProfile): SelfTime[] {
  const byNode = new Map(p.nodes.map((n) => [n.id, n.callFrame]));
  const ms = new Map<string, SelfTime>();
  for (let i = 0; i < p.samples.length; i++) {
    const f = byNode.get(p.samples[i])!;
    const key = `${f.functionName}@${f.url}:${f.lineNumber}`;
    const e = ms.get(key) ?? { fn: f.functionName || "(anonymous)", url: f.url.split("/").pop() ?? "", line: f.lineNumber, selfMs: 0 };
    e.selfMs += (p.timeDeltas[i] ?? 0) / 1000;
    ms.set(key, e);
  }
  return [...ms.values()].sort((a, b) => b.selfMs - a.selfMs);
}
