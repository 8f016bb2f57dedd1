// The kernel's Web Worker entry (a module worker, bundled by Vite):
//   new Worker(new URL("../kernel/host/worker.ts", import.meta.url), { type: "module" })
// Cells run here, so a busy cell never freezes the page; see ui/kernel-client.ts for the page side.
import { installWorkerHost, refuseClose, type Port } from "./worker-host.ts";

refuseClose(self);
installWorkerHost(self as unknown as Port);
