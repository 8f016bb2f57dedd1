// The kernel protocol: one tagged union of plain messages, modelled on Jupyter's messaging
// (execute_request, status, stream, display_data, update_display_data, execute_result, error), plus
// `trace` and `stale`. Every kernel message names the request that caused it in `parent`, so a UI
// routes outputs to the right cell even when messages from several requests interleave.
import type { MimeBundle } from "./mime.ts";
import type { TensorValue, TraceSummary, VariableSummary, VariableValue } from "./values.ts";

// ---- requests: UI -> kernel ---------------------------------------------------------------------------

export interface ExecuteRequest {
  type: "execute_request";
  id: string;
  cellId: string;
  code: string;
  /** per-cell time limit; past it the cell stops with an interrupt error. */
  timeoutMs?: number;
  /** record a trace of the tensor ops this cell runs (default true). */
  trace?: boolean;
  /**
   * Expressions to evaluate after the cell, as Jupyter's user_expressions: the `${expr}` values of the
   * lesson's prose. Their results come back in the reply; they print nothing and define nothing.
   */
  userExpressions?: Record<string, string>;
  /** the values the reader set on the lesson's widgets (ui.slider, ...), by name; a widget reads its own. */
  widgets?: Record<string, unknown>;
  /**
   * An exercise's hidden solution: run first in a scratch copy of the scope (no outputs, nothing kept),
   * so `check("dW")` with no expected value compares with the value the solution computes.
   */
  reference?: string;
  /**
   * This run replays a cell after the worker was replaced (a Stop the cell did not obey): the timers it
   * starts are cleared when it ends, so a `setInterval` loop stopped by that Stop does not come back.
   */
  replay?: boolean;
}

/** One user expression's result: its text/plain, or the error it raised. */
export type UserExpressionResult =
  | { status: "ok"; text: string }
  | { status: "error"; ename: string; evalue: string };

export interface InterruptRequest { type: "interrupt_request"; id: string }
export interface RestartRequest { type: "restart_request"; id: string }
export interface VariablesRequest { type: "variables_request"; id: string }
/**
 * The page's heartbeat: the worker answers at once, between tasks (also while a cell awaits), with a
 * heartbeat_reply. A worker that does not answer and is not running a cell is dead or wedged.
 */
export interface HeartbeatRequest { type: "heartbeat_request"; id: string }
/** "Show more" of an output cut in the kernel: its first `upTo` characters (CutPayload's id). */
export interface OutputRequest { type: "output_request"; id: string; outputId: string; upTo: number }

/** What to fetch in full: a kernel variable, or a tensor of a recorded trace step. */
export type InspectTarget =
  | { kind: "variable"; name: string }
  | { kind: "step"; cellId: string; step: number; which: "output" | "input" | "grad"; index?: number };

export interface InspectRequest { type: "inspect_request"; id: string; target: InspectTarget }

export type KernelRequest = ExecuteRequest | InterruptRequest | RestartRequest | InspectRequest | VariablesRequest | HeartbeatRequest | OutputRequest;

// ---- messages: kernel -> UI ---------------------------------------------------------------------------

/** "dead": the page's client says so (the worker stopped answering its heartbeat); a kernel never does. */
export type KernelState = "starting" | "busy" | "idle" | "dead";

export interface StatusMessage { type: "status"; parent: string | null; state: KernelState }

export interface StreamMessage {
  type: "stream";
  parent: string | null;
  cellId: string | null;
  name: "stdout" | "stderr";
  text: string;
}

export interface DisplayDataMessage {
  type: "display_data";
  parent: string | null;
  cellId: string | null;
  data: MimeBundle;
  metadata: Record<string, unknown>;
  /** set when the display can be updated in place later (progress bars). */
  displayId?: string;
}

export interface UpdateDisplayDataMessage {
  type: "update_display_data";
  parent: string | null;
  cellId: string | null;
  data: MimeBundle;
  metadata: Record<string, unknown>;
  displayId: string;
}

export interface ExecuteResultMessage {
  type: "execute_result";
  parent: string;
  cellId: string;
  executionCount: number;
  data: MimeBundle;
  metadata: Record<string, unknown>;
}

/** Where an error happened, in the TypeScript source of a cell (1-based line and column). */
export interface SourcePosition { cellId: string; line: number; column: number }

export interface ErrorMessage {
  type: "error";
  parent: string | null;
  cellId: string | null;
  ename: string;
  evalue: string;
  /** human-readable lines: the message, the failing source line with a caret, the cell frames. */
  traceback: string[];
  /** the innermost cell frame; null when the error has no position (e.g. a time limit hit in native code). */
  position: SourcePosition | null;
}

/**
 * Where a cell that runs on is (its innermost cell frame, and that line of the cell's TypeScript), about
 * every 100 ms: sent only by a worker the page cannot reach while it is busy (no SharedArrayBuffer), so
 * that the page, ending that worker to stop the cell, can still say where the cell was (kernel-client.ts).
 */
export interface RunningAtMessage { type: "running_at"; parent: string; cellId: string; position: SourcePosition; text: string }

export interface TraceMessage { type: "trace"; parent: string; cellId: string; trace: TraceSummary }

/** Cells whose inputs changed since they last ran (they use a name a later run redefined). */
export interface StaleMessage { type: "stale"; parent: string | null; cells: string[] }

export interface ExecuteReply {
  type: "execute_reply";
  parent: string;
  cellId: string;
  status: "ok" | "error" | "aborted";
  executionCount: number;
  /** top-level names the cell defines and the kernel names it reads (for stale tracking in the UI). */
  defines: string[];
  uses: string[];
  userExpressions?: Record<string, UserExpressionResult>;
}

export interface InterruptReply { type: "interrupt_reply"; parent: string }
export interface RestartReply { type: "restart_reply"; parent: string }
export interface HeartbeatReply { type: "heartbeat_reply"; parent: string }
/** The cut text up to the requested length, in the form the bundle had (with a note if still cut). */
export interface OutputReply {
  type: "output_reply";
  parent: string;
  status: "ok" | "error";
  text?: string;
  shown?: number;
  total?: number;
  /** why not: the value is no longer kept (a later run of the cell, a restart, or the kernel's bound). */
  evalue?: string;
}

export interface InspectReply {
  type: "inspect_reply";
  parent: string;
  status: "ok" | "error";
  value?: VariableValue | TensorValue;
  evalue?: string;
}

export interface VariablesReply { type: "variables_reply"; parent: string; variables: VariableSummary[] }

export type KernelMessage =
  | StatusMessage
  | StreamMessage
  | DisplayDataMessage
  | UpdateDisplayDataMessage
  | ExecuteResultMessage
  | ErrorMessage
  | TraceMessage
  | RunningAtMessage
  | StaleMessage
  | ExecuteReply
  | InterruptReply
  | RestartReply
  | HeartbeatReply
  | OutputReply
  | InspectReply
  | VariablesReply;

export type KernelMessageType = KernelMessage["type"];
export type MessageOf<T extends KernelMessageType> = Extract<KernelMessage, { type: T }>;
export type RequestOf<T extends KernelRequest["type"]> = Extract<KernelRequest, { type: T }>;

// ---- host setup: page -> worker, once, before any request -------------------------------------------

/**
 * Hands the worker the shared flags, an Int32Array over a SharedArrayBuffer (see SHARED_SLOTS):
 * slot 0 "stop" (the page sets it with Atomics.store), slot 1 "busy" (the worker sets it while a cell
 * runs), slot 2 "progress" (the cell's interrupt checks count it up, about once a millisecond).
 */
export interface WorkerInit { type: "worker_init"; interruptFlag: SharedArrayBuffer | null }

/** The slots of the shared Int32Array of WorkerInit. */
export const SHARED_SLOTS = { stop: 0, busy: 1, progress: 2, length: 3 } as const;

// ---- guards -------------------------------------------------------------------------------------------

const messageTypes: ReadonlySet<string> = new Set<KernelMessageType>([
  "status", "stream", "display_data", "update_display_data", "execute_result", "error", "trace", "running_at", "stale",
  "execute_reply", "interrupt_reply", "restart_reply", "heartbeat_reply", "output_reply", "inspect_reply", "variables_reply",
]);
const requestTypes: ReadonlySet<string> = new Set<KernelRequest["type"]>([
  "execute_request", "interrupt_request", "restart_request", "inspect_request", "variables_request", "heartbeat_request", "output_request",
]);

/** True for anything shaped like a kernel message (checks the tag; data from postMessage is untyped). */
export function isKernelMessage(x: unknown): x is KernelMessage {
  return typeof x === "object" && x !== null && messageTypes.has((x as { type?: unknown }).type as string);
}

export function isKernelRequest(x: unknown): x is KernelRequest {
  return typeof x === "object" && x !== null && requestTypes.has((x as { type?: unknown }).type as string)
    && typeof (x as { id?: unknown }).id === "string";
}

/** `isMessage(m, "stream")` narrows `m` to a StreamMessage. */
export function isMessage<T extends KernelMessageType>(m: KernelMessage, type: T): m is MessageOf<T> {
  return m.type === type;
}

export const isStatus = (m: KernelMessage): m is StatusMessage => m.type === "status";
export const isStream = (m: KernelMessage): m is StreamMessage => m.type === "stream";
export const isDisplayData = (m: KernelMessage): m is DisplayDataMessage => m.type === "display_data";
export const isUpdateDisplayData = (m: KernelMessage): m is UpdateDisplayDataMessage => m.type === "update_display_data";
export const isExecuteResult = (m: KernelMessage): m is ExecuteResultMessage => m.type === "execute_result";
export const isError = (m: KernelMessage): m is ErrorMessage => m.type === "error";
export const isTrace = (m: KernelMessage): m is TraceMessage => m.type === "trace";
export const isStale = (m: KernelMessage): m is StaleMessage => m.type === "stale";
export const isExecuteReply = (m: KernelMessage): m is ExecuteReply => m.type === "execute_reply";
export const isInspectReply = (m: KernelMessage): m is InspectReply => m.type === "inspect_reply";

/** The messages that end a request: its reply. Hosts resolve a request's promise on these. */
export function isReply(m: KernelMessage): m is ExecuteReply | InterruptReply | RestartReply | HeartbeatReply | OutputReply | InspectReply | VariablesReply {
  return m.type.endsWith("_reply");
}

/** The output messages a cell shows (what nbformat stores as a cell's outputs). */
export type OutputMessage = StreamMessage | DisplayDataMessage | UpdateDisplayDataMessage | ExecuteResultMessage | ErrorMessage;

export function isOutput(m: KernelMessage): m is OutputMessage {
  return m.type === "stream" || m.type === "display_data" || m.type === "update_display_data"
    || m.type === "execute_result" || m.type === "error";
}
