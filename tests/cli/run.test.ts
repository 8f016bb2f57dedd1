import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Ajv from "ajv";
import { afterAll, describe, expect, it } from "vitest";
import schema from "../../ui/cli/run-output.schema.json";
import { FIXTURES, REPO, stepbook, stepbookInProcess } from "./cli.ts";

const tmp = mkdtempSync(join(tmpdir(), "stepbook-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const validate = new Ajv({ allErrors: true }).compile(schema);
function readReport(path: string) {
  const report = JSON.parse(readFileSync(path, "utf8"));
  expect(validate(report), JSON.stringify(validate.errors, null, 1)).toBe(true);
  return report;
}

describe("stepbook run", () => {
  it("runs every code cell, prints the outputs and exits 0", async () => {
    const r = await stepbook(["run", "tests/fixtures/cli/ok.md"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("[1] #data  tests/fixtures/cli/ok.md:14\nX has shape [3, 2]\n");
    expect(r.stdout).toContain("[2] #forward  tests/fixtures/cli/ok.md:20\nOut: \narray([[ 3.],");
    expect(r.stdout).toContain("Ran 2 of 2 code cells: 2 ok, 0 failed, 0 skipped.");
    expect(r.stdout).not.toContain("not run");
  }, 60_000);

  it("--json writes outputs and every top-level variable, valid against the schema", async () => {
    const out = join(tmp, "ok.json");
    expect((await stepbookInProcess(["run", "tests/fixtures/cli/ok.md", "--json", out])).code).toBe(0);
    const report = readReport(out);
    expect(report.notebook).toBe("tests/fixtures/cli/ok.md");
    expect(report.cells.map((c: { id: string; status: string; index: number }) => [c.id, c.status, c.index])).toEqual([["data", "ok", 1], ["forward", "ok", 2]]);
    expect(report.cells[0].outputs).toEqual([{ output_type: "stream", name: "stdout", text: "X has shape [3, 2]\n" }]);
    expect(report.cells[1].outputs[0]).toMatchObject({ output_type: "execute_result", execution_count: 2, data: { "application/vnd.stepbook.tensor+json": { shape: [3, 1] } } });
    expect(report.variables.W).toEqual({ type: "tensor", dtype: "float64", shape: [2, 1], data: [1, 1], name: "W", grad: { shape: [2, 1], data: [9, 12] } });
    expect(report.variables.X).toMatchObject({ type: "tensor", shape: [3, 2], data: [1, 2, 3, 4, 5, 6] });
    expect(report.variables.lr).toEqual({ type: "number", value: 0.1 });
    expect(report.variables.ratio).toEqual({ type: "number", value: "NaN" });
    expect(report.variables.big).toEqual({ type: "number", value: "Infinity" });
    expect(report.variables.label).toMatchObject({ type: "other", repr: "'done'" });
    expect(Object.keys(report.variables)).not.toContain("np");
    // the traced cell carries its step-through; the other does not
    expect(report.cells[0].trace).toBeUndefined();
    const trace = report.cells[1].trace;
    expect(trace).toMatchObject({ cell: "forward", dropped: 0, epochs: 1 });
    expect(trace.records.map((r: { phase: string; op: string }) => `${r.phase} ${r.op}`)).toEqual([
      "forward matmul", "loss sum", "backward sum.backward", "backward matmul.backward"]);
    const dW = trace.records.at(-1);
    expect(dW).toMatchObject({ name: "dW", group: "iteration", latex: "\\frac{\\partial \\text{loss}}{\\partial W} = X^{\\top} \\frac{\\partial \\text{loss}}{\\partial Z}", shapes: { output: [2, 1] } });
    expect(dW.preview.values).toEqual([9, 12]);
  }, 60_000);

  it("exits 1 naming the cell and line of the first error, and skips the cells after it", async () => {
    const out = join(tmp, "error.json");
    const r = await stepbookInProcess(["run", "tests/fixtures/cli/error.md", "--json", out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("stepbook run: cell #forward (tests/fixtures/cli/error.md:13) failed at line 2, column 13 (tests/fixtures/cli/error.md:14): Error: matmul: shapes (300, 3) and (2, 16) are not aligned");
    expect(r.stderr).toContain("    2 | const Z = X.matmul(W);");
    expect(r.stdout).not.toContain("never printed");
    const report = readReport(out);
    expect(report.cells.map((c: { status: string }) => c.status)).toEqual(["ok", "error", "skipped"]);
    expect(report.cells[1].outputs[0]).toMatchObject({ output_type: "error", ename: "Error" });
    expect(Object.keys(report.variables)).toEqual(["X", "W"]);
  }, 60_000);

  it("--timeout stops a runaway cell, which then fails the run", async () => {
    const started = Date.now();
    const r = await stepbookInProcess(["run", "tests/fixtures/cli/loop.md", "--timeout", "0.3"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("cell #spin (tests/fixtures/cli/loop.md:10) failed at line 1");
    expect(r.stderr).toContain("InterruptError: Interrupted: the cell ran longer than its time limit of 300 ms");
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 60_000);

  it("runs an .ipynb notebook", async () => {
    const r = await stepbookInProcess(["run", "tests/fixtures/cli/notebook.ipynb"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("[1] #sum\nOut: 12\n");
  }, 60_000);

  it("works on a file anywhere on disk, from any directory", async () => {
    const copy = join(tmp, "copy.md");
    copyFileSync(join(FIXTURES, "ok.md"), copy);
    const fromTmp = await stepbook(["run", "copy.md", "--json", "out/copy.json"], tmp);
    expect(fromTmp.code).toBe(0);
    expect(readReport(join(tmp, "out/copy.json")).notebook).toBe("copy.md");
    expect((await stepbookInProcess(["run", copy], REPO)).code).toBe(0);
  }, 60_000);

  it("exits 2 with a message for a missing file, bad options or a malformed notebook", async () => {
    const missing = await stepbook(["run", "no-such-lesson.md"]);
    expect(missing).toMatchObject({ code: 2 });
    expect(missing.stderr).toContain("cannot read no-such-lesson.md: no such file");
    const timeout = await stepbookInProcess(["run", "tests/fixtures/cli/ok.md", "--timeout", "soon"]);
    expect(timeout.code).toBe(2);
    expect(timeout.stderr).toContain('--timeout takes a positive number of seconds, not "soon"');
    const unknown = await stepbookInProcess(["run", "tests/fixtures/cli/ok.md", "--frobnicate"]);
    expect(unknown.code).toBe(2);
    const broken = await stepbookInProcess(["run", "tests/fixtures/cli/broken.ipynb"]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain("broken.ipynb");
  }, 60_000);
});
