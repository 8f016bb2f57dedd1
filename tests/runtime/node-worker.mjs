// A Node worker_threads stand-in for the browser's kernel worker, for testing ui/kernel-client.ts in
// Node: the same worker host, registered through tsx because Node 20 cannot load .ts by itself.
import { parentPort } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { installWorkerHost } = await import("../../kernel/host/worker-host.ts");
installWorkerHost({
  postMessage: (message) => parentPort.postMessage(message),
  addEventListener: (type, listener) => {
    if (type === "message") parentPort.on("message", (data) => listener({ data }));
    // Node's names for the browser's `error` and `unhandledrejection` events of a worker's global.
    if (type === "error") process.on("uncaughtException", (error) => listener({ error }));
    if (type === "unhandledrejection") process.on("unhandledRejection", (reason) => listener({ reason }));
  },
});
