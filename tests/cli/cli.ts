// Runs the `stepbook` command as a user would: the real bin as a child process (`stepbook`), or its
// `main` in this process with the real file system (`stepbookInProcess`: the same command table and the
// same contained kernel process for the lesson's code, without the ~2.5 s of CPU the bin spends loading
// tsx and the CLI's modules per run; what only the bin does, its exit code and writing out before it
// exits, is tested through the bin).
import { execFile } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { processIO } from "../../ui/cli/io.ts";
import { main } from "../../ui/cli/main.ts";

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

/** `stepbook ARGS` run by the CLI's main in this process, as if started in `cwd`; its output captured. */
export async function stepbookInProcess(args: string[], cwd = REPO): Promise<CliResult> {
  const result = { code: 0, stdout: "", stderr: "" };
  result.code = await main(args, {
    ...processIO,
    cwd, // the commands resolve their paths against it
    stdout: (text) => void (result.stdout += text),
    stderr: (text) => void (result.stderr += text),
  });
  return result;
}
