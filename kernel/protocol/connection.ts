// What a UI holds to talk to a kernel, whichever host runs it (in-process Node host, browser worker
// client). Executing returns the reply and the messages of that request; `onMessage` sees every message.
import type { ExecuteReply, InspectReply, InspectTarget, KernelMessage, OutputReply } from "./messages.ts";
import type { VariableSummary } from "./values.ts";

export interface ExecuteOptions {
  cellId: string;
  /** per-cell time limit in milliseconds. */
  timeoutMs?: number;
  /** record a trace (default true). */
  trace?: boolean;
  /** `${expr}`s to evaluate after the cell; results in `reply.userExpressions`. */
  userExpressions?: Record<string, string>;
  /** the values the reader set on the lesson's widgets, by name (ui.slider, ...). */
  widgets?: Record<string, unknown>;
  /** the exercise's hidden solution, which `check(name)` compares with (ExecuteRequest.reference). */
  reference?: string;
  /** called for each message of this request, as it arrives. */
  onMessage?: (message: KernelMessage) => void;
}

export interface ExecuteOutcome {
  reply: ExecuteReply;
  /** every message of this request, in arrival order (outputs, trace, stale, reply, status). */
  messages: KernelMessage[];
}

export interface KernelConnection {
  execute(code: string, options: ExecuteOptions): Promise<ExecuteOutcome>;
  /** Stop the running cell (queued cells are aborted); resolves once the kernel is idle again. */
  interrupt(): Promise<void>;
  /** A fresh kernel: no variables, the random generator back at its seed. */
  restart(): Promise<void>;
  inspect(target: InspectTarget): Promise<InspectReply>;
  variables(): Promise<VariableSummary[]>;
  /** "Show more": the first `upTo` characters of an output the kernel cut (MIME.cut names it). */
  fetchOutput?(outputId: string, upTo: number): Promise<OutputReply>;
  /** the cells the last `stale` message named. */
  readonly stale: readonly string[];
  onMessage(listener: (message: KernelMessage) => void): () => void;
  dispose(): void;
}

/** Run cells one after another; stops at the first that does not succeed (as Jupyter's "run all"). */
export async function runCells(
  connection: KernelConnection,
  cells: { id: string; code: string }[],
  options: Omit<ExecuteOptions, "cellId"> = {},
): Promise<ExecuteOutcome[]> {
  const outcomes: ExecuteOutcome[] = [];
  for (const cell of cells) {
    const outcome = await connection.execute(cell.code, { ...options, cellId: cell.id });
    outcomes.push(outcome);
    if (outcome.reply.status !== "ok") break;
  }
  return outcomes;
}

/** Re-run the stale cells, in the notebook's order, with their current code. */
export function runStale(
  connection: KernelConnection,
  cells: { id: string; code: string }[],
  options: Omit<ExecuteOptions, "cellId"> = {},
): Promise<ExecuteOutcome[]> {
  const stale = new Set(connection.stale);
  return runCells(connection, cells.filter((c) => stale.has(c.id)), options);
}
