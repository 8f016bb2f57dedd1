// The Web Worker host, apart from the worker's global so tests can drive it: it reads requests from
// the port, answers through it, and accepts the page's SharedArrayBuffer interrupt flag.
import { restoreIntrinsics } from "../runtime/intrinsics.ts";
import { Kernel, type KernelOptions } from "../runtime/kernel.ts";
import { isKernelRequest, type KernelMessage, type WorkerInit } from "../protocol/messages.ts";
import { KernelServer } from "./server.ts";

export interface Port {
  postMessage(message: unknown): void;
  addEventListener(type: "message", listener: (event: { data: unknown }) => void): void;
  addEventListener(type: "error" | "unhandledrejection", listener: (event: UncaughtEvent) => void): void;
}

interface UncaughtEvent { error?: unknown; message?: string; reason?: unknown; preventDefault?(): void }

export function installWorkerHost(port: Port, options: KernelOptions = {}): Kernel {
  const kernel = new Kernel(options);
  // Captured now, before any cell ran: a cell that replaces `self.postMessage` (or Function.prototype's
  // call/apply/bind) cannot cut the kernel off from the page. The other builtins the protocol needs are
  // put back before each message is handled (restoreIntrinsics, kernel/runtime/intrinsics.ts).
  const send = port.postMessage.bind(port);
  const post = (message: KernelMessage) => {
    try {
      send(message);
    } catch (error) {
      // Something in an output could not be cloned: say so instead of losing the message silently.
      const parent = "parent" in message ? message.parent : null;
      send({ type: "stream", parent, cellId: null, name: "stderr", text: `[kernel: could not send a ${message.type} message: ${(error as Error).message}]\n` });
    }
  };
  const server = new KernelServer(kernel, post);
  port.addEventListener("message", (event) => {
    const data = event.data as WorkerInit | unknown;
    // The heartbeat is answered first and with nothing a cell can replace (property reads, the captured send).
    if (typeof data === "object" && data !== null && (data as { type?: unknown }).type === "heartbeat_request") {
      send({ type: "heartbeat_reply", parent: (data as { id: string }).id });
      return;
    }
    // A cell that awaits may have replaced builtins meanwhile: the kernel's answer must not depend on them.
    restoreIntrinsics();
    if (isWorkerInit(data)) {
      kernel.guard.useSharedFlag(data.interruptFlag ? new Int32Array(data.interruptFlag) : null);
      // without the flag the page stops a runaway cell by ending this worker: it needs to know where the cell was
      kernel.reportPlaces = data.interruptFlag === null;
      return;
    }
    if (isKernelRequest(data)) server.handle(data);
  });
  // A cell's timer that throws must not reach the page's worker.onerror (which means "the kernel died").
  port.addEventListener("error", (event) => {
    event.preventDefault?.();
    kernel.reportUncaught(event.error ?? new Error(event.message ?? "uncaught error"));
  });
  port.addEventListener("unhandledrejection", (event) => {
    event.preventDefault?.();
    kernel.reportUncaught(event.reason);
  });
  // Ready: the page may have posted requests already; they are queued by the browser until now.
  post({ type: "status", parent: null, state: "idle" });
  return kernel;
}

function isWorkerInit(x: unknown): x is WorkerInit {
  return typeof x === "object" && x !== null && (x as { type?: unknown }).type === "worker_init";
}

/**
 * `self.close()` in a cell would end the worker silently (the page would wait for ever): refuse it on
 * the worker's global and on every prototype that defines `close`, for good (not configurable, so a
 * cell cannot put the original back). The page's heartbeat would still notice a worker that ended.
 */
export function refuseClose(scope: object): void {
  const close = () => {
    throw new Error("self.close() would stop the kernel, so it is not allowed in a cell (the Restart button gives a fresh kernel)");
  };
  Object.defineProperty(scope, "close", { value: close, writable: false, configurable: false, enumerable: false });
  for (let o = Object.getPrototypeOf(scope) as object | null; o !== null && o !== Object.prototype; o = Object.getPrototypeOf(o) as object | null) {
    if (Object.prototype.hasOwnProperty.call(o, "close")) Object.defineProperty(o, "close", { value: close, writable: false, configurable: false, enumerable: false });
  }
}
