// Hostile cases #15.5 and #15.2 against the `stepbook` command: whatever a cell does, the CLI
// reports (the summary line, the file and cell, a non-zero exit), and lesson code runs contained
// (no processes, no file writes). Expected behaviour beside each case. The lesson's code runs in the
// contained kernel process either way; most cases call the CLI's main in this process
// (stepbookInProcess), and those about the command's own process go through the real bin (`stepbook`):
// its exit code when a cell ends the kernel or a run times out, writing everything out before it exits
// (| tail), a usage error's exit 2, and an export that must write nothing.
import { exec } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, stepbook, stepbookInProcess } from "../cli/cli.ts";

const dir = mkdtempSync(join(tmpdir(), "stepbook-hostile-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A lesson with the hostile cell first and an innocent one after it (which must be skipped). */
function lesson(name: string, cell: string): string {
  const file = join(dir, `${name}.md`);
  writeFileSync(file, `---\ntitle: ${name}\n---\n\n\`\`\`ts {#hostile}\n${cell}\n\`\`\`\n\n\`\`\`ts {#after}\nconst after = 1;\n\`\`\`\n`);
  return file;
}

const SUMMARY_FAILED = "Ran 1 of 2 code cells: 0 ok, 1 failed, 1 skipped.";
const T = 120_000;

describe("a cell cannot keep the CLI from reporting", () => {
  // Expected: refused before allocating, with the shape and the bytes; exit 1 naming file and cell.
  it.each([["4e8", "(400000000,)", "3200000000 bytes"], ["1e9", "(1000000000,)", "8000000000 bytes"]])("np.zeros([%s]) is refused with its shape and bytes", async (n, shape, bytes) => {
    const r = await stepbookInProcess(["run", lesson(`zeros-${n}`, `np.zeros([${n}])`), "--timeout", "2"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`zeros: a tensor of shape ${shape} needs`);
    expect(r.stderr).toContain(bytes);
    expect(r.stdout).toContain(SUMMARY_FAILED);
  }, T);

  it("--max-tensor-mb sets the limit", async () => {
    const r = await stepbookInProcess(["run", lesson("limit", "np.zeros([1000, 1000])"), "--max-tensor-mb", "1"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/shape \(1000, 1000\) needs 7\.6 MiB \(8000000 bytes\), above the kernel's limit of 1 MiB/);
  }, T);

  // Expected: killed from outside the cell's thread soon after --timeout; the summary names the cell.
  it("new Array(2**31-2).fill(0) is stopped from outside at its time limit", async () => {
    const file = lesson("array", "new Array(2**31-2).fill(0)");
    const r = await stepbookInProcess(["run", file, "--timeout", "2"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(SUMMARY_FAILED);
    expect(r.stderr).toMatch(/cell #hostile \(.*array\.md:6\) failed: (TimeoutError: the cell did not stop within its time limit of 2 s|MemoryError)/);
  }, T);

  // Expected: the guard's check cannot be replaced (TypeError in the cell); exit 1.
  it('eval("__sbg.check=()=>{}") then while(true) await null does not hang', async () => {
    const r = await stepbookInProcess(["run", lesson("check", 'eval("__sbg.check=()=>{}");\nwhile (true) await null;'), "--timeout", "2"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(SUMMARY_FAILED);
    expect(r.stderr).toContain("Cannot assign to read only property 'check'");
  }, T);

  // Expected: a cell that starves its own guards is killed from outside; exit 1.
  it('eval("__sbg.n = Infinity") then while(true) await null is killed from outside', async () => {
    const r = await stepbook(["run", lesson("starve", 'eval("__sbg.n = Infinity");\nwhile (true) await null;'), "--timeout", "2"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(SUMMARY_FAILED);
    expect(r.stderr).toContain("TimeoutError: the cell did not stop within its time limit of 2 s");
  }, T);

  // Expected: each is that cell's error, naming the file and the cell; exit 1; the summary is printed.
  it.each([
    ["rejection", 'Promise.reject(new Error("boom"));\nawait new Promise((r) => setTimeout(r, 50));', "boom"],
    ["timer", 'setTimeout(() => { throw new Error("late") }, 10);\nawait new Promise((r) => setTimeout(r, 50));', "late"],
    ["exit", "process.exit(0)", "process.exit: a cell cannot end the kernel process"],
    ["reallyExit", "(process as any).reallyExit(0)", "process.reallyExit: a cell cannot end the kernel process"],
  ])("%s in a cell is reported as that cell's error", async (name, cell, message) => {
    const r = await (name === "exit" ? stepbook : stepbookInProcess)(["run", lesson(name, cell)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(SUMMARY_FAILED);
    expect(r.stderr).toMatch(new RegExp(`stepbook run: cell #hostile \\(.*${name}\\.md:6\\) failed`));
    expect(r.stderr).toContain(message);
  }, T);

  // Expected: a failing timer of the last cell still fails the run.
  it("a timer of the last cell that throws as it ends fails the run", async () => {
    const file = join(dir, "last.md");
    writeFileSync(file, "---\ntitle: last\n---\n\n```ts {#only}\nsetTimeout(() => { throw new Error(\"late\") }, 0);\nawait null;\n```\n");
    const r = await stepbookInProcess(["run", file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("late");
    expect(r.stdout).toContain("Ran 1 of 1 code cells: 0 ok, 1 failed");
  }, T);

  // Expected: stepbook export fails (non-zero), naming file and cell, and writes nothing.
  it("process.exit(0) in a lesson fails stepbook export, which writes nothing", async () => {
    const input = mkdtempSync(join(dir, "course-"));
    writeFileSync(join(input, "01-exit.md"), "---\ntitle: Exit\n---\n\n```ts {#bye}\nprocess.exit(0)\n```\n");
    const out = join(dir, "site-exit");
    const r = await stepbook(["export", input, "--out", out]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/01-exit\.md:6: cell #bye failed/);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  }, T);
});

describe("the CLI's own output and options", () => {
  // Expected: piped through `tail`, the whole output arrives, summary last.
  it("output piped through | tail keeps the summary line", async () => {
    const file = lesson("print", 'for (let i = 0; i < 5000; i++) console.log("line " + i + " ".repeat(40));');
    const tail = await new Promise<string>((resolve, reject) => exec(`"${process.execPath}" "${BIN}" run "${file}" | tail -n 1`, { timeout: 60_000 }, (e, out) => (e ? reject(e) : resolve(out))));
    expect(tail).toBe("Ran 2 of 2 code cells: 2 ok, 0 failed, 0 skipped.\n");
  }, T);

  // Expected: without --json, no variable is described (a value whose inspection never ends is harmless).
  it("values are not computed without --json", async () => {
    const file = lesson("values", "const trap = { get boom() { while (true) {} } };");
    const r = await stepbookInProcess(["run", file, "--timeout", "5"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Ran 2 of 2 code cells: 2 ok");
  }, T);

  // Expected: usage error (exit 2) naming the option, instead of stopping every awaiting cell after 1 ms.
  it.each([
    [["--timeout", "3000000000"], "--timeout is at most 2147483 seconds"],
    [["--timeout", "0"], "--timeout takes a positive number of seconds"],
    [["--max-tensor-mb", "lots"], '--max-tensor-mb takes a positive number, not "lots"'],
  ])("%j is refused", async (args, message) => {
    const r = await stepbookInProcess(["run", lesson("opts", "await new Promise((r) => setTimeout(r, 20)); 1"), ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  }, T);

  it("--timeout 2147483 (the largest) lets an awaiting cell finish", async () => {
    const r = await stepbookInProcess(["run", lesson("maxopt", "await new Promise((r) => setTimeout(r, 20)); 1"), "--timeout", "2147483"]);
    expect(r.code).toBe(0);
  }, T);
});

describe("lesson code is contained (#15.2)", () => {
  // Expected: a clear PermissionError naming what was refused; nothing happens.
  it.each([
    ["process", 'process.getBuiltinModule("child_process").execSync("touch pwned")', "starting a process is not allowed"],
    ["write", `process.getBuiltinModule("fs").writeFileSync(${JSON.stringify(join(dir, "pwned.txt"))}, "x")`, "writing a file"],
    ["read", 'process.getBuiltinModule("fs").readFileSync("/etc/passwd", "utf8")', "reading a file (/etc/passwd) is not allowed"],
    ["worker", 'new (process.getBuiltinModule("worker_threads").Worker)("0", { eval: true })', "starting a worker is not allowed"],
    ["require", 'process.mainModule?.require("child_process") ?? process.getBuiltinModule("module").createRequire("/")("child_process").execSync("touch pwned")', "starting a process is not allowed"],
  ])("%s is refused with a clear error", async (name, cell, message) => {
    const r = await stepbookInProcess(["run", lesson(`contain-${name}`, cell)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("PermissionError");
    expect(r.stderr).toContain(message);
    expect(existsSync(join(dir, "pwned.txt"))).toBe(false);
  }, T);
});
