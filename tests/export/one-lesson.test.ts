// `stepbook export FILE`: one lesson file is a course of one lesson; the lessons beside it (here one that
// fails to run) are left out, and a lesson's `requires:` is not checked against a course it is not in.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { stepbookInProcess } from "../cli/cli.ts";
import { FAILING } from "./helpers.ts";

const work = mkdtempSync(join(tmpdir(), "stepbook-export-one-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("stepbook export FILE", { timeout: 60_000 }, () => {
  it("exports that lesson alone, though a lesson beside it would fail", async () => {
    const out = join(work, "site");
    const r = await stepbookInProcess(["export", join(FAILING, "01-fine.md"), "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Exported 1 lesson \(/);
    expect(readdirSync(out).filter((f) => f.endsWith(".html")).sort()).toEqual(["01-fine.html", "index.html"]);
    expect(readFileSync(join(out, "index.html"), "utf8")).toContain("01-fine.html");
  });

  it("does not warn that a required lesson is missing from a course of one", async () => {
    const dir = mkdtempSync(join(work, "req-"));
    writeFileSync(join(dir, "05-later.md"), `---\ntitle: Later\nrequires: [04-earlier]\n---\n\n# Later\n\nText.\n`);
    const r = await stepbookInProcess(["export", join(dir, "05-later.md"), "--out", join(dir, "site")]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain("requires");
  });

  it("refuses a file that is not a lesson, and says so", async () => {
    const notes = join(work, "notes.txt");
    writeFileSync(notes, "not a lesson");
    const r = await stepbookInProcess(["export", notes, "--out", join(work, "x")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${notes}: a lesson is a .md or .ipynb file`);
  });
});
