// The kernel in its own process, for `stepbook run`, `stepbook export` / `npm run build` and the tests
// that run lessons. ProcessKernelHost starts this file (bundled, see kernel/host/contained.ts) under
// Node's permission model: it may read its own bundle and nothing else, may not write files, start
// processes or workers. Requests come over the IPC channel and every kernel message goes back on it.
// Anything a cell leaves behind that fails later (an unhandled rejection, a throwing timer) is reported
// as an error of the cell that ran last, then the process exits: the parent stops the run there.
import { Kernel } from "../runtime/kernel.ts";
import { tensorLimit } from "../tensor/shape.ts";
import { vmEvaluator } from "./node.ts";
import type { FromChild, ToChild } from "./process-protocol.ts";
import { KernelServer } from "./server.ts";

const FAULT_EXIT = 70;
const send = (m: FromChild) => {
  try {
    process.send!(m);
  } catch (error) {
    // a value the channel cannot carry (a function in a bundle): say so rather than lose the message
    process.send!({ kind: "fault", what: "a message could not be sent to the CLI", evalue: safeText(error) } satisfies FromChild);
  }
};

const maxBytes = Number(process.argv[2]);
if (maxBytes > 0) tensorLimit.maxBytes = maxBytes;

const kernel = new Kernel({ evaluate: vmEvaluator(false) });
const server = new KernelServer(kernel, (message) => send({ kind: "message", message }));

function fault(what: string, error: unknown): void {
  try {
    kernel.reportUncaught(error);
  } catch { /* a hostile value: the fault below still says what happened */ }
  send({ kind: "fault", what, evalue: safeText(error) });
  process.exitCode = FAULT_EXIT;
  process.disconnect?.();
  setImmediate(() => realExit(FAULT_EXIT));
}

/** Text of any thrown value, even a Proxy whose every trap throws. */
function safeText(value: unknown): string {
  try {
    if (value instanceof Error) return `${value.name}: ${value.message}`;
    return String(value);
  } catch {
    return "a value that cannot be shown";
  }
}

process.on("unhandledRejection", (reason) => fault("unhandled promise rejection", reason));
process.on("uncaughtException", (error) => fault("uncaught exception (thrown by a timer or callback a cell started)", error));

// A cell may not end the kernel: process.exit / abort throw in the cell instead (with its line). The
// parent still reports an exit that gets past this, as the running cell's error.
const realExit = process.exit.bind(process);
const refuse = (name: string) => () => { throw new Error(`${name}: a cell cannot end the kernel process`); };
process.exit = refuse("process.exit") as typeof process.exit;
process.abort = refuse("process.abort") as typeof process.abort;
(process as unknown as { reallyExit: unknown }).reallyExit = refuse("process.reallyExit");

process.on("message", (m: ToChild) => {
  switch (m.kind) {
    case "request": return server.handle(m.request);
    case "values": return send({ kind: "values", values: kernel.variableValues() });
    case "ping": return send({ kind: "pong" });
  }
});
process.on("disconnect", () => realExit(0));
send({ kind: "ready" });
