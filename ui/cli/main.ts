// `stepbook COMMAND ...`: finds the command in the table and runs it. bin/stepbook.mjs calls `main`.
import { COMMANDS } from "./commands.ts";
import { EXIT, InputError, UsageError } from "./command.ts";
import { processIO, type CliIO } from "./io.ts";

export function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    "Usage: stepbook COMMAND [options]",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Run `stepbook COMMAND --help` for a command's options.",
    "",
  ].join("\n");
}

export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    (name === undefined ? io.stderr : io.stdout)(help());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`stepbook: unknown command "${name}"\n\n${help()}`);
    return EXIT.usage;
  }
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout(`${command.usage}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`stepbook ${command.name}: ${error.message}\n${error instanceof InputError ? "" : `\n${command.usage}\n`}`);
      return EXIT.usage;
    }
    throw error;
  }
}
