// The kernel side of the protocol, shared by both hosts: executes run one at a time in arrival order;
// interrupt, inspect and variables are answered at once (while a cell awaits something, the kernel can
// still say what a variable holds); restart waits for the running cell to stop.
import type { Kernel } from "../runtime/kernel.ts";
import type { ExecuteRequest, KernelMessage, KernelRequest } from "../protocol/messages.ts";

export class KernelServer {
  private queue: ExecuteRequest[] = [];
  private running: Promise<void> | null = null;

  constructor(private readonly kernel: Kernel, private readonly post: (message: KernelMessage) => void) {}

  get busy(): boolean {
    return this.running !== null;
  }

  handle(request: KernelRequest): void {
    switch (request.type) {
      case "execute_request":
        this.queue.push(request);
        if (!this.running) this.running = this.drain();
        return;
      case "interrupt_request":
        this.kernel.interrupt();
        // The page set the shared flag to get here; the stop is being handled, so clear it.
        this.kernel.guard.clearShared();
        for (const queued of this.queue.splice(0)) this.abort(queued);
        this.post({ type: "interrupt_reply", parent: request.id });
        return;
      case "restart_request":
        void this.restart(request.id);
        return;
      case "inspect_request":
        try {
          this.post({ type: "inspect_reply", parent: request.id, status: "ok", value: this.kernel.inspect(request.target) });
        } catch (error) {
          this.post({ type: "inspect_reply", parent: request.id, status: "error", evalue: (error as Error).message });
        }
        return;
      case "output_request":
        try {
          this.post({ type: "output_reply", parent: request.id, status: "ok", ...this.kernel.moreOutput(request.outputId, request.upTo) });
        } catch (error) {
          this.post({ type: "output_reply", parent: request.id, status: "error", evalue: (error as Error).message });
        }
        return;
      case "heartbeat_request":
        this.post({ type: "heartbeat_reply", parent: request.id });
        return;
      case "variables_request":
        this.post({ type: "variables_reply", parent: request.id, variables: this.kernel.variables() });
        return;
      default: {
        const unknown: never = request;
        throw new Error(`kernel: unknown request ${JSON.stringify(unknown)}`);
      }
    }
  }

  private async drain(): Promise<void> {
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) {
        await this.kernel.execute(next, this.post);
      }
    } finally {
      this.running = null;
    }
  }

  private async restart(id: string): Promise<void> {
    for (const queued of this.queue.splice(0)) this.abort(queued);
    if (this.running) {
      this.kernel.interrupt();
      await this.running;
    }
    this.kernel.restart();
    this.post({ type: "status", parent: id, state: "idle" });
    this.post({ type: "restart_reply", parent: id });
  }

  private abort(request: ExecuteRequest): void {
    this.post({ type: "execute_reply", parent: request.id, cellId: request.cellId, status: "aborted", executionCount: 0, defines: [], uses: [] });
    this.post({ type: "status", parent: request.id, state: "idle" });
  }
}
