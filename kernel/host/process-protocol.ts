// What the CLI's kernel process and its parent say over the IPC channel (ProcessKernelHost and
// process-child.ts): kernel requests and messages, plus the variable values for `--json`, and a fault
// when something a cell started fails outside any cell (the child reports it, then exits).
import type { KernelMessage, KernelRequest } from "../protocol/messages.ts";
import type { VariableValue } from "../protocol/values.ts";

export type ToChild =
  | { kind: "request"; request: KernelRequest }
  | { kind: "values" }
  | { kind: "ping" };

export type FromChild =
  | { kind: "ready" }
  | { kind: "message"; message: KernelMessage }
  | { kind: "values"; values: Record<string, VariableValue> }
  | { kind: "pong" }
  /** an unhandled rejection or an exception thrown by a timer or callback: the child exits after it. */
  | { kind: "fault"; what: string; evalue: string };
