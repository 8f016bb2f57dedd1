// A subcommand of `stepbook`: its name, a line of help, and what it does. Commands are listed in
// commands.ts; `main` only dispatches.
import type { CliIO } from "./io.ts";
import { meantBeside } from "../dev/course-source.ts";

export interface Command {
  name: string;
  /** one line for `stepbook --help`. */
  summary: string;
  /** the usage line(s) for `stepbook NAME --help`. */
  usage: string;
  /** returns the process exit code: 0 success, 1 the work failed (a cell erred), 2 bad usage or input. */
  run(args: string[], io: CliIO): Promise<number>;
}

export class UsageError extends Error {
  override name = "UsageError";
}

/** Bad input (a file that can't be read, a lesson that does not parse): exit 2 as bad usage, but the
 * command was used right, so its usage is not printed after the message (it hid the message). */
export class InputError extends UsageError {
  override name = "InputError";
}

/** The text of an input file; a file that can't be read is bad input (exit 2), said plainly. */
export function readInput(io: CliIO, path: string, shown: string): string {
  try {
    return io.readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const near = code === "ENOENT" ? meantBeside(path) : null;
    const why = code === "ENOENT" ? `no such file${near ? ` (did you mean ${near}?)` : ""}`
      : code === "EISDIR" ? "it is a folder: give one lesson file" : (error as Error).message;
    throw new InputError(`cannot read ${shown}: ${why}`);
  }
}

/** Exit codes, the same for every command. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
