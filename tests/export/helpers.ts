// Shared by the export tests: the fixture course, an in-memory writer standing in for the file system
// (the builder takes its effects as a parameter), and golden-file comparison.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { katexDistDir, nodeEffects } from "../../ui/export/node-effects.ts";
import { exportSite, type ExportOptions, type ExportResult, type FileContent } from "../../ui/export/site.ts";

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const COURSE = join(REPO, "tests/fixtures/course");
export const FAILING = join(REPO, "tests/fixtures/export/failing");
export const GOLDEN = join(REPO, "tests/fixtures/export");

/** Reads through the real file system, writes into a Map. */
export function memoryEffects(): ExportOptions["effects"] & { written: Map<string, Map<string, FileContent>> } {
  const written = new Map<string, Map<string, FileContent>>();
  return {
    ...nodeEffects,
    written,
    writeSite: async (outDir, files) => void written.set(outDir, new Map(files)),
  };
}

export async function exportInMemory(input: string, options: Partial<ExportOptions> = {}): Promise<ExportResult> {
  return exportSite({ input, outDir: "/site", katexDir: katexDistDir(), effects: memoryEffects(), title: "Fixture course", ...options });
}

export function text(content: FileContent | undefined): string {
  if (content === undefined) throw new Error("no such file in the export");
  return typeof content === "string" ? content : new TextDecoder().decode(content);
}

/**
 * Compares `actual` with the golden file; on a mismatch writes `NAME-changed.EXT` next to it (to diff,
 * and to copy over the golden when the change is right). A missing golden is written and reported.
 */
export function matchGolden(goldenPath: string, actual: string): { ok: true } | { ok: false; message: string } {
  if (!existsSync(goldenPath)) {
    mkdirSync(dirname(goldenPath), { recursive: true });
    writeFileSync(goldenPath, actual);
    return { ok: false, message: `wrote the missing golden file ${goldenPath}; check it and run again` };
  }
  if (readFileSync(goldenPath, "utf8") === actual) return { ok: true };
  const changed = goldenPath.replace(/(\.[^./]+)$/, "-changed$1");
  writeFileSync(changed, actual);
  return { ok: false, message: `${goldenPath} differs; see ${changed}` };
}

/** The sub-path a site is served under in the browser tests, as a course would be published. */
export const BASE = "/course/";

const TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf" };

/** Serves `root` under BASE on 127.0.0.1; anything else is a 404. */
export function serveSite(root: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const rel = path.startsWith(BASE) ? normalize(path.slice(BASE.length) || "index.html") : null;
    const file = rel && !rel.startsWith("..") ? join(root, rel) : null;
    if (!file || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

