// The builds and exports the browser tests share, each made once per content and kept on disk under
// node_modules/.cache/stepbook-e2e: the app that `vite build` makes of index.html for a notebooks
// directory (its lessons are bundled in, so one build per set of lessons), the exported site's live app
// (vite.export.config.ts, the same for every site) and exported sites (the exporter's output, with that
// app in app/ when asked, as `npm run build` makes it). An entry's name carries a hash of its inputs (the
// lessons' files, the title) and of every source a build reads (ui/, kernel/, index.html, the Vite
// configs, the lockfile), so a changed source makes new entries and never serves a stale one; entries of
// other sources are removed. Entries are read-only: a test that changes a site copies it first.
import { spawn } from "node:child_process";
import { createHash, type Hash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { katexDistDir, nodeEffects } from "../../ui/export/node-effects.ts";
import { exportSite } from "../../ui/export/site.ts";

/** the repository (harness.ts re-exports it). */
export const ROOT = path.resolve(import.meta.dirname, "../..");
/** the title of the course's exported site in the browser tests (one export of notebooks/ serves them all). */
export const COURSE_TITLE = "Course";
const CACHE = path.join(ROOT, "node_modules/.cache/stepbook-e2e");
/** what a build or an export reads besides its lessons (node_modules is pinned by the lockfile). */
const SOURCES = ["ui", "kernel", "index.html", "vite.config.ts", "vite.export.config.ts", "package-lock.json", "tsconfig.json"];

function hashTree(hash: Hash, file: string): void {
  const stat = statSync(file);
  if (stat.isDirectory()) {
    for (const name of readdirSync(file).sort()) hashTree(hash, path.join(file, name));
  } else if (stat.isFile()) {
    hash.update(`${path.relative(ROOT, file)}\0`).update(readFileSync(file)).update("\0");
  }
}

let sources: string | undefined;
/** A hash of the sources every build and export reads (computed once per test file). */
function sourcesHash(): string {
  if (sources === undefined) {
    const hash = createHash("sha256");
    for (const entry of SOURCES) if (existsSync(path.join(ROOT, entry))) hashTree(hash, path.join(ROOT, entry));
    sources = hash.digest("hex").slice(0, 16);
  }
  return sources;
}

/** A hash of a lessons directory: its files (not sub-directories: neither the app nor the exporter reads them), names and contents. */
function lessonsHash(dir: string): string {
  const hash = createHash("sha256");
  for (const name of readdirSync(dir).sort()) {
    const file = path.join(dir, name);
    if (statSync(file).isFile()) hash.update(`${name}\0`).update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex");
}

/** Set STEPBOOK_E2E_TIMINGS=1 to see what each build and export cost. */
function timing(what: string, started: number): void {
  if (process.env.STEPBOOK_E2E_TIMINGS) console.log(`[e2e timing] ${what}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** Whether the process `pid` is alive (a lock's owner that died leaves its lock behind). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Holds `entry`'s lock (a directory beside it, made atomically, naming its owner's pid) while `work`
 * runs, so that of the test files starting together on a clean clone one makes an entry and the others
 * wait for it instead of making it again (the course's site with its app is ~70 s of CPU). A lock whose
 * owner is gone is taken over.
 */
async function locked<T>(entry: string, work: () => Promise<T>): Promise<T> {
  const lock = `${path.dirname(entry)}/.lock-${path.basename(entry)}`;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    let stale: boolean;
    try {
      stale = !alive(Number(readFileSync(path.join(lock, "pid"), "utf8")));
    } catch { // no pid yet: stale only if its owner died between making the lock and writing it
      stale = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 30_000;
    }
    if (stale) rmSync(lock, { recursive: true, force: true });
    else await new Promise((r) => setTimeout(r, 250));
  }
  try {
    writeFileSync(path.join(lock, "pid"), String(process.pid));
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * The directory `make` fills for these inputs, made once: one process makes it (the others wait: locked)
 * in a private directory and renames it into place, so a reader never sees half of one.
 */
async function cached(kind: string, label: string, inputs: string[], make: (out: string) => Promise<void>): Promise<string> {
  const source = sourcesHash();
  const key = createHash("sha256").update(inputs.join("\0")).digest("hex").slice(0, 16);
  const entry = path.join(CACHE, `${kind}-${key}-${source}`);
  if (existsSync(entry)) return entry;
  mkdirSync(CACHE, { recursive: true });
  return locked(entry, async () => {
    if (existsSync(entry)) return entry; // made while this process waited
    for (const name of readdirSync(CACHE)) {
      if (!name.startsWith(".") && !name.endsWith(`-${source}`)) rmSync(path.join(CACHE, name), { recursive: true, force: true });
    }
    const work = mkdtempSync(path.join(CACHE, `.${kind}-`));
    const started = performance.now();
    try {
      await make(path.join(work, "out"));
      try {
        renameSync(path.join(work, "out"), entry);
      } catch (e) {
        if (!existsSync(entry)) throw e; // another process made it meanwhile: theirs is as good
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
    timing(`${kind} ${label}`, started);
    return entry;
  });
}

/** `vite build` of the app (index.html) with the lessons of `notebooks` bundled in; the output directory. */
export function builtApp(lessons: string): Promise<string> {
  const notebooks = path.resolve(ROOT, lessons); // as the notebooks plugin resolves STEPBOOK_NOTEBOOKS
  return cached("app", path.relative(ROOT, notebooks), [lessonsHash(notebooks)], async (out) => {
    const vite = path.join(ROOT, "node_modules/vite/bin/vite.js");
    const build = spawn(process.execPath, [vite, "build", "--outDir", out, "--emptyOutDir", "--logLevel", "warn"], {
      cwd: ROOT, env: { ...process.env, STEPBOOK_NOTEBOOKS: notebooks }, stdio: ["ignore", "ignore", "pipe"],
    });
    let log = "";
    build.stderr.on("data", (d) => (log += d));
    const code = await new Promise<number | null>((resolve) => build.on("exit", resolve));
    if (code !== 0) throw new Error(`vite build failed (${code}):\n${log}`);
  });
}

/** The exported site's live app: `vite build --config vite.export.config.ts`, as `npm run build` makes it. */
function exportedApp(): Promise<string> {
  return cached("export-app", "", [], async (out) => {
    const { build } = await import("vite");
    await build({ root: ROOT, configFile: path.join(ROOT, "vite.export.config.ts"), logLevel: "warn", build: { outDir: out, emptyOutDir: true } });
  });
}

/** The exporter's site of the lessons in `input` (and the live app in app/ with `app: true`); read-only. */
export function exportedSite(options: { input: string; title: string; app?: boolean }): Promise<string> {
  const { input, title, app = false } = options;
  return cached("site", `${path.relative(ROOT, input)} "${title}"${app ? " with app" : ""}`, [lessonsHash(input), title, app ? "with app" : "no app"], async (out) => {
    await exportSite({ input, outDir: out, katexDir: katexDistDir(), effects: nodeEffects, title });
    if (app) cpSync(await exportedApp(), path.join(out, "app"), { recursive: true });
  });
}
