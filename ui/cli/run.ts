// `stepbook run FILE [--json OUT] [--timeout S]`: runs every code cell of a lesson in order in one Node
// kernel, prints each cell's outputs as text, stops at the first error (the cells after it are
// "skipped"), and exits 1 naming the cell and line of that error. `--json OUT` writes the outputs, each
// traced cell's trace (the step records the app reads) and every top-level variable (format:
// run-output.schema.json), so a lecturer's test or a grader can read a step-through.
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { NodeKernelHost } from "../../kernel/host/node.ts";
import type { ErrorMessage, TraceMessage } from "../../kernel/protocol/messages.ts";
import type { TraceSummary, VariableValue } from "../../kernel/protocol/values.ts";
import { EXIT, UsageError, readInput, type Command } from "./command.ts";
import type { CliIO } from "./io.ts";
import { loadNotebook, type LoadedCell } from "./load-notebook.ts";
import { outputText, toNbOutputs, type NbOutput } from "./outputs.ts";

const USAGE = `Usage: stepbook run FILE [--json OUT] [--timeout S]

Runs every code cell of FILE (.md lesson or .ipynb notebook) in order and prints the outputs.
  --json OUT     also write the outputs, the traces of traced cells and all top-level variables as JSON to OUT
  --timeout S    stop a cell that runs longer than S seconds (default ${60})
Exit status: 0 when every cell ran, 1 when a cell failed (the rest are skipped), 2 on bad usage or input.`;

export interface RunReport {
  notebook: string;
  /** a traced cell carries its trace: the same records the app's step-through reads */
  cells: { index: number; id: string; status: "ok" | "error" | "skipped"; outputs: NbOutput[]; trace?: TraceSummary }[];
  variables: Record<string, VariableValue>;
}

export const runCommand: Command = {
  name: "run",
  summary: "run a lesson's code cells in Node and print (or --json write) their outputs",
  usage: USAGE,
  run: runNotebook,
};

async function runNotebook(args: string[], io: CliIO): Promise<number> {
  const { file, json, timeoutMs } = readArgs(args);
  const text = readInput(io, resolve(io.cwd, file), file);
  const { code } = loadNotebook(text, file);
  const host = new NodeKernelHost({ breakOnSigint: true });
  const report: RunReport = { notebook: file, cells: [], variables: {} };
  let failure: { cell: LoadedCell; error: ErrorMessage | undefined } | null = null;
  try {
    for (const [n, loaded] of code.entries()) {
      const { cell, index } = loaded;
      if (failure) {
        report.cells.push({ index, id: cell.id, status: "skipped", outputs: [] });
        continue;
      }
      io.stdout(`[${n + 1}] #${cell.id}${loaded.firstLine !== null ? `  ${file}:${loaded.firstLine}` : ""}\n`);
      const { reply, messages } = await host.execute(cell.source, { cellId: cell.id, timeoutMs, trace: cell.options.trace === true });
      const outputs = toNbOutputs(messages);
      for (const output of outputs) (output.output_type === "error" ? io.stderr : io.stdout)(outputText(output));
      const status = reply.status === "ok" ? "ok" : "error";
      const trace = messages.find((m): m is TraceMessage => m.type === "trace")?.trace;
      report.cells.push({ index, id: cell.id, status, outputs, ...(trace ? { trace } : {}) });
      if (status === "error") failure = { cell: loaded, error: messages.find((m): m is ErrorMessage => m.type === "error") };
    }
    report.variables = host.kernel.variableValues();
  } finally {
    host.dispose();
  }
  if (json !== undefined) io.writeFile(resolve(io.cwd, json), JSON.stringify(report, null, 1) + "\n");
  const counts = (s: string) => report.cells.filter((c) => c.status === s).length;
  io.stdout(`\nRan ${counts("ok") + counts("error")} of ${code.length} code cells: ${counts("ok")} ok, ${counts("error")} failed, ${counts("skipped")} skipped.\n`);
  if (!failure) return EXIT.ok;
  io.stderr(`stepbook run: ${describeFailure(file, failure, code)}\n`);
  return EXIT.failed;
}

/**
 * "cell #forward (lesson.md:30) failed at line 3, column 12 (lesson.md:33): Error: matmul: ..."; when the
 * error is inside a function of another cell, that cell is named too.
 */
function describeFailure(file: string, failure: { cell: LoadedCell; error: ErrorMessage | undefined }, code: LoadedCell[]): string {
  const { cell, error } = failure;
  const where = error?.position ?? null;
  const fileAt = (c: LoadedCell, line: number) => (c.firstLine !== null ? ` (${file}:${c.firstLine + line - 1})` : "");
  let text = `cell #${cell.cell.id}${fileAt(cell, 1)} failed`;
  if (where) {
    const at = code.find((c) => c.cell.id === where.cellId);
    const other = where.cellId !== cell.cell.id ? ` in cell #${where.cellId}` : "";
    text += `${other} at line ${where.line}, column ${where.column}${at ? fileAt(at, where.line) : ""}`;
  }
  return `${text}: ${error ? `${error.ename}: ${error.evalue}` : "no error message"}`;
}

function readArgs(args: string[]): { file: string; json?: string; timeoutMs: number } {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { json: { type: "string" }, timeout: { type: "string" } } });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { positionals, values } = parsed;
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? "give the notebook file to run" : `one file at a time (got ${positionals.length})`);
  const seconds = values.timeout === undefined ? 60 : Number(values.timeout);
  if (!(seconds > 0) || !Number.isFinite(seconds)) throw new UsageError(`--timeout takes a positive number of seconds, not "${values.timeout}"`);
  return { file: positionals[0], json: values.json, timeoutMs: Math.round(seconds * 1000) };
}
