// `stepbook convert IN --to md|ipynb [-o OUT]`: a lesson to a Jupyter notebook and back, through the
// document model (so `.md -> .ipynb -> .md` gives the lesson back). The output is built in full before
// anything is written, so bad input leaves no partial file.
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { DocumentError, formatOf, parseNotebook, serializeNotebook, type NotebookFormat } from "../document/index.ts";
import { EXIT, UsageError, readInput, type Command } from "./command.ts";
import type { CliIO } from "./io.ts";

const USAGE = `Usage: stepbook convert IN --to md|ipynb [-o OUT]

Converts a lesson (.md) to a Jupyter notebook (.ipynb, nbformat 4.5) or back.
  --to FORMAT   md or ipynb
  -o OUT        where to write (default: IN with the new extension; "-" for standard output)
A notebook's outputs are not kept in .md (lessons keep no outputs); the command says when it drops any.`;

export const convertCommand: Command = {
  name: "convert",
  summary: "convert a lesson between .md and .ipynb",
  usage: USAGE,
  run: convert,
};

async function convert(args: string[], io: CliIO): Promise<number> {
  const { input, to, output } = readArgs(args);
  const inPath = resolve(io.cwd, input);
  const text = readInput(io, inPath, input);
  let converted: string;
  let dropped = 0;
  try {
    const doc = parseNotebook(text, input);
    if (to === "md") for (const cell of doc.cells) if (cell.type === "code") dropped += cell.outputs.length;
    converted = serializeNotebook(doc, to);
  } catch (error) {
    if (error instanceof DocumentError) {
      io.stderr(`stepbook convert: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
  if (output === "-") {
    io.stdout(converted);
  } else {
    const outPath = resolve(io.cwd, output);
    if (outPath === inPath) throw new UsageError(`${input} is already .${to}; give -o OUT to write elsewhere`);
    io.writeFile(outPath, converted);
    io.stderr(`wrote ${output}\n`);
  }
  if (dropped > 0) io.stderr(`note: ${dropped} output${dropped === 1 ? "" : "s"} of ${input} not kept (a .md lesson has no outputs)\n`);
  return EXIT.ok;
}

function readArgs(args: string[]): { input: string; to: NotebookFormat; output: string } {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { to: { type: "string" }, o: { type: "string", short: "o" }, out: { type: "string" } } });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { positionals, values } = parsed;
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? "give the file to convert" : `one file at a time (got ${positionals.length})`);
  const to = values.to;
  if (to !== "md" && to !== "ipynb") throw new UsageError(to === undefined ? "say --to md or --to ipynb" : `--to takes md or ipynb, not "${to}"`);
  const input = positionals[0]!;
  if (formatOf(input) === undefined) throw new UsageError(`${input}: expected a .md or .ipynb file`);
  const output = values.o ?? values.out ?? input.replace(/\.[^./\\]+$/, `.${to}`);
  return { input, to, output };
}
