// A lecturer's mistyped lesson path, said plainly with what was meant. `stepbook export` of a draft whose
// name has a typo said "ENOENT: no such file or directory, scandir '.../19-weight-decy.md'" (it took the
// missing path for a folder) and then its whole usage; `run` and `convert` said "no such file"; `run` on a
// folder said "EISDIR: illegal operation on a directory, read".
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stepbookInProcess } from "../cli/cli.ts";

let dir: string;
const LESSON = "---\ntitle: Weight decay\n---\n\n# Weight decay\n";

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "stepbook-author-paths-"));
  writeFileSync(path.join(dir, "19-weight-decay.md"), LESSON);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a mistyped lesson path", () => {
  const typo = () => path.join(dir, "19-weight-decy.md");
  const meant = () => path.join(dir, "19-weight-decay.md");

  it("export names the lesson meant, and nothing else", async () => {
    const r = await stepbookInProcess(["export", typo(), "--out", path.join(dir, "site")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`stepbook export: cannot read ${typo()}: there is no folder or file ${typo()} (did you mean ${meant()}?)\n`);
  });

  it("run and convert name it too", async () => {
    for (const command of ["run", "convert"]) {
      const r = await stepbookInProcess(command === "run" ? ["run", typo()] : ["convert", typo(), "--to", "ipynb", "-o", path.join(dir, "x.ipynb")]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`stepbook ${command}: cannot read ${typo()}: no such file (did you mean ${meant()}?)\n`);
    }
  });

  it("a path near nothing is only said to be missing", async () => {
    const r = await stepbookInProcess(["run", path.join(dir, "attention.md")]);
    expect(r.stderr).toBe(`stepbook run: cannot read ${path.join(dir, "attention.md")}: no such file\n`);
  });

  it("run on a folder says to give one lesson", async () => {
    const r = await stepbookInProcess(["run", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`stepbook run: cannot read ${dir}: it is a folder: give one lesson file\n`);
  });
});
