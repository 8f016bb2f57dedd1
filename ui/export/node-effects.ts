// The real file system for the exporter and the CLI. A site is written into a fresh sibling directory
// and renamed into place, so the output is the old site or the new one, never half of either.
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import type { ExportEffects, FileContent } from "./site.ts";

export const nodeEffects: ExportEffects = {
  list: async (dir) => (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name),
  readText: (path) => readFile(path, "utf8"),
  readBytes: async (path) => new Uint8Array(await readFile(path)),
  writeSite,
};

export async function writeSite(outDir: string, files: ReadonlyMap<string, FileContent>): Promise<void> {
  const parent = dirname(outDir);
  await mkdir(parent, { recursive: true });
  const stamp = `${process.pid}-${Date.now()}`;
  const staging = join(parent, `.${basename(outDir)}.new-${stamp}`);
  const old = join(parent, `.${basename(outDir)}.old-${stamp}`);
  try {
    for (const [path, content] of files) {
      if (path.split("/").some((part) => part === ".." || part === "")) throw new Error(`refusing to write outside the site: ${path}`);
      const target = join(staging, ...path.split("/"));
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, content);
    }
    let hadOld = true;
    try { await rename(outDir, old); } catch (e) { if ((e as NodeJS.ErrnoException).code === "ENOENT") hadOld = false; else throw e; }
    try {
      await rename(staging, outDir);
    } catch (e) {
      if (hadOld) await rename(old, outDir);
      throw e;
    }
    if (hadOld) await rm(old, { recursive: true, force: true });
  } catch (e) {
    await rm(staging, { recursive: true, force: true });
    throw e;
  }
}

/** node_modules/katex/dist, found the way Node resolves the package. */
export function katexDistDir(): string {
  return join(dirname(createRequire(import.meta.url).resolve("katex/package.json")), "dist");
}
