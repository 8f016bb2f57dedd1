// `stepbook run FILE [--json OUT] [--timeout S] [--max-tensor-mb N]`: runs every code cell of a lesson
// in order in one kernel (a contained child process: see SECURITY.md), prints each cell's outputs as
// text, stops at the first error (the cells after it are "skipped"), and exits 1 naming the cell and
// line of that error. Whatever a cell does (never stops, ends or crashes its process, leaves a failing
// timer), the summary is printed and the exit status says so. `--json OUT` writes the outputs, each
// traced cell's trace (the step records the app reads) and every top-level variable (format:
// run-output.schema.json); without it no variable value is computed.
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import type { ErrorMessage, TraceMessage } from "../../kernel/protocol/messages.ts";
import type { TraceSummary, VariableValue } from "../../kernel/protocol/values.ts";
import { EXIT, UsageError, readInput, type Command } from "./command.ts";
import type { CliIO } from "./io.ts";
import { referenceOf } from "../document/index.ts";
import { containedKernel } from "../../kernel/host/contained.ts";
import { loadNotebook, type LoadedCell } from "./load-notebook.ts";
import { lessonProblems } from "../render/problems.ts";
import { renderDocument } from "../render/render.ts";
import { outputText, toNbOutputs, type NbOutput } from "./outputs.ts";

/** setTimeout's largest delay, 2^31 - 1 ms (about 24.8 days): a longer --timeout is refused. */
const MAX_TIMEOUT_S = Math.floor((2 ** 31 - 1) / 1000);
const DEFAULT_MAX_TENSOR_MB = 1024;

const USAGE = `Usage: stepbook run FILE [--json OUT] [--timeout S] [--max-tensor-mb N]

Runs every code cell of FILE (.md lesson or .ipynb notebook) in order and prints the outputs.
  --json OUT          also write the outputs, traces and all top-level variables as JSON
  --timeout S         stop a cell that runs longer than S seconds (default ${60}, at most ${MAX_TIMEOUT_S})
  --max-tensor-mb N   refuse to make a tensor above N MB (default ${DEFAULT_MAX_TENSOR_MB})
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
  const { file, json, timeoutMs, maxTensorBytes } = readArgs(args);
  const text = readInput(io, resolve(io.cwd, file), file);
  const { code, doc } = loadNotebook(text, file);
  const prose = new Map(renderDocument(doc).cells.map((c) => [c.id, c.html]));
  for (const problem of lessonProblems(doc, prose, file)) io.stderr(`warning: ${problem}\n`);
  const host = await containedKernel({ maxTensorBytes });
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
      const { reply, messages } = await host.execute(cell.source, { cellId: cell.id, timeoutMs, trace: cell.options.trace === true, reference: referenceOf(doc, cell) });
      const outputs = toNbOutputs(messages);
      for (const output of outputs) (output.output_type === "error" ? io.stderr : io.stdout)(outputText(output));
      const status = reply.status === "ok" ? "ok" : "error";
      const trace = messages.find((m): m is TraceMessage => m.type === "trace")?.trace;
      report.cells.push({ index, id: cell.id, status, outputs, ...(trace ? { trace } : {}) });
      if (status === "error") failure = { cell: loaded, error: messages.find((m): m is ErrorMessage => m.type === "error") };
    }
    // a timer or promise of the last cell that failed as it ended still fails the run
    const late = failure ? null : await host.settle();
    const last = code.at(-1);
    if (late !== null && last) {
      const error: ErrorMessage = { type: "error", parent: null, cellId: last.cell.id, ename: "UncaughtError", evalue: late, traceback: [late], position: null };
      io.stderr(`UncaughtError: ${late}\n`);
      report.cells.at(-1)!.status = "error";
      failure = { cell: last, error };
    }
    if (json !== undefined) report.variables = await host.variableValues();
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

function readArgs(args: string[]): { file: string; json?: string; timeoutMs: number; maxTensorBytes: number } {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { json: { type: "string" }, timeout: { type: "string" }, "max-tensor-mb": { type: "string" } } });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { positionals, values } = parsed;
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? "give the notebook file to run" : `one file at a time (got ${positionals.length})`);
  const seconds = values.timeout === undefined ? 60 : Number(values.timeout);
  if (!(seconds > 0) || !Number.isFinite(seconds)) throw new UsageError(`--timeout takes a positive number of seconds, not "${values.timeout}"`);
  if (seconds > MAX_TIMEOUT_S) throw new UsageError(`--timeout is at most ${MAX_TIMEOUT_S} seconds (about 24 days), not ${values.timeout}`);
  const mb = values["max-tensor-mb"] === undefined ? DEFAULT_MAX_TENSOR_MB : Number(values["max-tensor-mb"]);
  if (!(mb > 0) || !Number.isFinite(mb)) throw new UsageError(`--max-tensor-mb takes a positive number, not "${values["max-tensor-mb"]}"`);
  if (values.json === "") throw new UsageError("--json takes the file to write");
  return { file: positionals[0], json: values.json, timeoutMs: Math.max(1, Math.round(seconds * 1000)), maxTensorBytes: Math.round(mb * 2 ** 20) };
}
