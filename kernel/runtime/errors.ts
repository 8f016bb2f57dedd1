// From a thrown value to what the student reads: the message, and where it happened in the TypeScript
// they wrote (cell, line, column), with the failing line quoted. Stack frames of cell scripts are found
// by their file name (`stepbook-cell-N.js`, set with sourceURL or vm's filename) and mapped back through
// the cell's source maps; frames inside the kernel are left out.
import { repr } from "../display/repr.ts";
import type { SourcePosition } from "../protocol/messages.ts";
import { CellSyntaxError } from "./transpile.ts";
import { InterruptError, timeLimitMessage } from "./interrupt.ts";

/** A compiled script the kernel ran: enough to map a stack frame back to the cell's source. */
export interface ScriptInfo {
  cellId: string;
  source: string;
  toSource(line: number, column: number): { line: number; column: number } | null;
}

export interface ErrorReport {
  ename: string;
  evalue: string;
  traceback: string[];
  position: SourcePosition | null;
}

const FRAME = /(stepbook-cell-\d+\.js):(\d+):(\d+)/g;

export function describeError(
  error: unknown,
  scripts: (filename: string) => ScriptInfo | undefined,
  current: { cellId: string; source: string; timeoutMs?: number; suggest?: (message: string) => string | null },
): ErrorReport {
  try {
    return describeErrorUnsafe(error, scripts, current);
  } catch {
    // A hostile thrown value (a Proxy whose traps throw, an object whose getters throw): still an error.
    const evalue = "the cell threw a value that cannot be shown (reading it throws)";
    return { ename: "Error", evalue, traceback: [`Error: ${evalue}`], position: null };
  }
}

function describeErrorUnsafe(
  error: unknown,
  scripts: (filename: string) => ScriptInfo | undefined,
  current: { cellId: string; source: string; timeoutMs?: number; suggest?: (message: string) => string | null },
): ErrorReport {
  if (error instanceof CellSyntaxError) {
    const position = { cellId: current.cellId, line: error.position.line + 1, column: error.position.column + 1 };
    return report("SyntaxError", error.message, [position], (id) => (id === current.cellId ? current.source : undefined));
  }
  if (!(error instanceof Error)) return { ename: "Error", evalue: `Uncaught ${repr(error)}`, traceback: [`Uncaught ${repr(error)}`], position: null };

  let ename = error.name || "Error";
  let evalue = cleanMessage(error.message);
  if ((error as { code?: string }).code === "ERR_SCRIPT_EXECUTION_TIMEOUT") {
    ename = "InterruptError";
    evalue = timeLimitMessage(current.timeoutMs ?? 0);
  } else if ((error as { code?: string }).code === "ERR_SCRIPT_EXECUTION_INTERRUPTED") {
    ename = "InterruptError";
    evalue = "Interrupted: the cell was stopped (variables defined before this point are kept)";
  } else if ((error as { code?: string }).code === "ERR_ACCESS_DENIED") {
    ename = "PermissionError";
    evalue = explainAccessDenied(error as Error & { permission?: string; resource?: string });
  } else if (error instanceof RangeError) {
    evalue = explainRangeError(evalue);
  } else if ((ename === "TypeError" || ename === "ReferenceError") && current.suggest) {
    // a misspelt method or name: Z1.tahn is not a function (did you mean Z1.tanh?). The hint reads the
    // cell's values (a Proxy's traps may throw): failing, it is left out, never the error itself
    let hint: string | null = null;
    try {
      hint = current.suggest(evalue);
    } catch {
      hint = null;
    }
    if (hint !== null) evalue = `${evalue} (${hint})`;
  }

  const sources = new Map<string, string>();
  const positions = cellFrames(error.stack ?? "", scripts, sources);
  if (error instanceof InterruptError && positions.length === 0) ename = "InterruptError";
  return report(ename, evalue, positions, (id) => sources.get(id));
}

/** The cell frames of a stack trace, innermost first, as places in the cells' TypeScript (their sources into `sources`). */
function cellFrames(stack: string, scripts: (filename: string) => ScriptInfo | undefined, sources: Map<string, string>): SourcePosition[] {
  const positions: SourcePosition[] = [];
  for (const [, filename, line, column] of stack.matchAll(FRAME)) {
    const script = scripts(filename);
    if (!script) continue;
    const at = script.toSource(Number(line), Number(column));
    if (at === null) continue;
    positions.push({ cellId: script.cellId, line: at.line, column: at.column });
    sources.set(script.cellId, script.source);
  }
  return positions;
}

/** Where a stack trace is in the cells (its innermost cell frame), or null: the place a running cell reports. */
export function cellPlace(stack: string, scripts: (filename: string) => ScriptInfo | undefined): SourcePosition | null {
  return cellFrames(stack, scripts, new Map())[0] ?? null;
}

/** An error's report at `position` of `source` (the cell's TypeScript): the message, where, the line quoted with a caret. */
export function reportAt(ename: string, evalue: string, position: SourcePosition | null, source: string | undefined): ErrorReport {
  return report(ename, evalue, position ? [position] : [], () => source);
}

function report(ename: string, evalue: string, positions: SourcePosition[], sourceOf: (cellId: string) => string | undefined): ErrorReport {
  const traceback = [`${ename}: ${evalue}`];
  positions.forEach((p, i) => {
    traceback.push(`${i === 0 ? "  at" : "  called from"} cell "${p.cellId}", line ${p.line}, column ${p.column}`);
    const text = sourceOf(p.cellId)?.split("\n")[p.line - 1];
    if (i === 0 && text !== undefined) {
      const gutter = `    ${p.line} | `;
      traceback.push(gutter + text, " ".repeat(gutter.length + p.column - 1) + "^");
    }
  });
  return { ename, evalue, traceback, position: positions[0] ?? null };
}

/** Names the rewriter introduced must not show up in what the student reads. */
export function cleanMessage(message: string): string {
  return message.replace(/__scope\./g, "").replace(/__sb\.name\(([^,]*), "[^"]*"\)/g, "$1");
}

/** Node's permission model refused something (the CLI's kernel process; see SECURITY.md). */
function explainAccessDenied(error: Error & { permission?: string; resource?: string }): string {
  const what: Record<string, string> = {
    ChildProcess: "starting a process", WorkerThreads: "starting a worker", FileSystemWrite: "writing a file",
    FileSystemRead: "reading a file", Addons: "loading a native addon",
  };
  const action = what[error.permission ?? ""] ?? `using ${error.permission ?? "this API"}`;
  const resource = error.resource ? ` (${error.resource})` : "";
  return `${action}${resource} is not allowed: lesson code run by stepbook run/export cannot write files, start processes or workers, or read outside the kernel (see SECURITY.md)`;
}

function explainRangeError(message: string): string {
  if (/call stack/i.test(message)) {
    return `${message}: a function called itself too many times (is a recursion missing its base case?)`;
  }
  if (/array length|allocation failed|Array buffer|string length|out of memory/i.test(message)) {
    return `${message}: the cell asked for more memory than the kernel can allocate (check the sizes and shapes you create)`;
  }
  return message;
}
