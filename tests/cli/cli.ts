// Runs the real `stepbook` bin as a child process, as a user would.
import { execFile } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const BIN = resolve(REPO, "bin/stepbook.mjs");
export const FIXTURES = resolve(REPO, "tests/fixtures/cli");

export interface CliResult { code: number; stdout: string; stderr: string }

export function stepbook(args: string[], cwd = REPO): Promise<CliResult> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { cwd, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      done({ code, stdout, stderr });
    });
  });
}
