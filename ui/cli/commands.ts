// The subcommands of `stepbook`, in the order `--help` lists them. Add a command (convert, export) by
// adding it here; names must be unique.
import type { Command } from "./command.ts";
import { runCommand } from "./run.ts";
import { convertCommand } from "./convert.ts";
import { exportCommand } from "./export.ts";

export const COMMANDS: readonly Command[] = register([runCommand, convertCommand, exportCommand]);

function register(commands: Command[]): Command[] {
  const seen = new Set<string>();
  for (const c of commands) {
    if (seen.has(c.name)) throw new Error(`stepbook: two commands are named "${c.name}"`);
    seen.add(c.name);
  }
  return commands;
}
