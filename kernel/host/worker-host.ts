// The Web Worker host, apart from the worker's global so tests can drive it: it reads requests from
// the port, answers through it, and accepts the page's SharedArrayBuffer interrupt flag.
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
  const post = (message: KernelMessage) => {
    try {
      port.postMessage(message);
    } catch (error) {
      // Something in an output could not be cloned: say so instead of losing the message silently.
      const parent = "parent" in message ? message.parent : null;
      port.postMessage({ type: "stream", parent, cellId: null, name: "stderr", text: `[kernel: could not send a ${message.type} message: ${(error as Error).message}]\n` });
    }
  };
  const server = new KernelServer(kernel, post);
  port.addEventListener("message", (event) => {
    const data = event.data as WorkerInit | unknown;
    if (isWorkerInit(data)) {
      kernel.guard.useSharedFlag(data.interruptFlag ? new Int32Array(data.interruptFlag) : null);
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
