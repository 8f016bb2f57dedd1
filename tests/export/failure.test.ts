// A lesson that fails to run fails the export, naming the file, the cell and the line of the file, and
// the output directory keeps what it had: nothing partial is written.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { katexDistDir, nodeEffects } from "../../ui/export/node-effects.ts";
import { LessonRunError } from "../../ui/export/run.ts";
import { exportSite } from "../../ui/export/site.ts";
import { COURSE, FAILING } from "./helpers.ts";

const work = mkdtempSync(join(tmpdir(), "stepbook-export-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// each test runs a course through the kernel: about a second alone, several on a loaded machine
describe("a lesson that does not run", { timeout: 60_000 }, () => {
  it("fails the export with the file, cell and line", async () => {
    const error = await exportSite({ input: FAILING, outDir: join(work, "a"), katexDir: katexDistDir(), effects: nodeEffects }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LessonRunError);
    const e = error as LessonRunError;
    expect(e.file).toBe(join(FAILING, "02-broken.md"));
    expect(e.cellId).toBe("bad");
    // line 14 of 02-broken.md is `const C = A.matmul(B);`
    expect(e.line).toBe(14);
    expect(e.message).toContain("02-broken.md:14: cell #bad failed");
    expect(e.message).toMatch(/matmul/);
  });

  it("leaves an existing site as it was and no staging directory behind", async () => {
    const out = join(work, "site");
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, "index.html"), "old site");
    await expect(exportSite({ input: FAILING, outDir: out, katexDir: katexDistDir(), effects: nodeEffects })).rejects.toThrow(LessonRunError);
    expect(readdirSync(out)).toEqual(["index.html"]);
    expect(readFileSync(join(out, "index.html"), "utf8")).toBe("old site");
    expect(readdirSync(work).filter((f) => f.startsWith("."))).toEqual([]);
  });

  it("replaces the whole site when the export succeeds", async () => {
    const out = join(work, "site");
    writeFileSync(join(out, "stale.html"), "from an older export");
    await exportSite({ input: COURSE, outDir: out, katexDir: katexDistDir(), effects: nodeEffects });
    expect(existsSync(join(out, "stale.html"))).toBe(false);
    expect(readdirSync(out).sort()).toEqual(["01-neuron.html", "02-hostile.html", "assets", "index.html"]);
    expect(readdirSync(work).filter((f) => f.startsWith("."))).toEqual([]);
  });
});
