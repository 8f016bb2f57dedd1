// A subcommand of `stepbook`: its name, a line of help, and what it does. Commands are listed in
// commands.ts; `main` only dispatches.
import type { CliIO } from "./io.ts";

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

/** Exit codes, the same for every command. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
