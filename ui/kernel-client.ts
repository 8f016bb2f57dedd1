// The page's side of the kernel: spawns the kernel worker, speaks the protocol, and keeps the page
// responsive whatever a cell does. Cells are sent one at a time (the next when the previous replied), so
// "stop" only ever concerns the running cell; the queued ones are aborted.
//
// Interrupting a busy cell, in order:
//  1. with cross-origin isolation, set the SharedArrayBuffer flag: the loop guards in the cell see it
//     within about a millisecond and the cell ends with an InterruptError; variables survive;
//  2. also post an interrupt_request: a cell waiting on `await` reads it between awaits;
//  3. if the cell has not stopped after `interruptGraceMs` (no SharedArrayBuffer, or stuck in one long
//     op with no guard), terminate the worker, start a new one and replay the cells that succeeded
//     since the last restart, in the order they ran (the seeded random generator makes that exact).
import type { ExecuteOptions, ExecuteOutcome, KernelConnection } from "../kernel/protocol/connection.ts";
import { isKernelMessage, type ExecuteReply, type ExecuteRequest, type InspectReply, type InspectTarget, type KernelMessage, type KernelRequest, type VariablesReply, type WorkerInit } from "../kernel/protocol/messages.ts";
import { RequestRouter } from "../kernel/protocol/router.ts";
import type { VariableSummary } from "../kernel/protocol/values.ts";

/** The part of `Worker` the client uses (tests pass a Node worker_threads adapter). */
export interface WorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export interface KernelClientOptions {
  createWorker?: () => WorkerLike;
  /** use a SharedArrayBuffer flag for interrupts (default: when the page is cross-origin isolated). */
  sharedInterrupt?: boolean;
  /** how long a cooperative stop may take before the worker is replaced (ms). */
  interruptGraceMs?: number;
}

const defaultWorker = (): WorkerLike => new Worker(new URL("../kernel/host/worker.ts", import.meta.url), { type: "module" }) as unknown as WorkerLike;

export class KernelClient implements KernelConnection {
  private worker!: WorkerLike;
  private flag: Int32Array | null = null;
  private readonly router = new RequestRouter("page");
  private chain: Promise<unknown> = Promise.resolve();
  private running: ExecuteRequest | null = null;
  private runningDone: Promise<unknown> = Promise.resolve();
  private queued = new Set<string>();
  private aborted = new Set<string>();
  /** cells that succeeded since the last restart, in the order they ran: what a replay re-runs. */
  private history: ExecuteRequest[] = [];
  private readonly options: Required<KernelClientOptions>;

  constructor(options: KernelClientOptions = {}) {
    const isolated = typeof SharedArrayBuffer !== "undefined" && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
    this.options = { createWorker: defaultWorker, sharedInterrupt: isolated, interruptGraceMs: 500, ...options };
    this.spawn();
  }

  get stale(): readonly string[] {
    return this.router.stale;
  }

  /** Whether interrupts can stop a loop without replacing the worker. */
  get hasSharedInterrupt(): boolean {
    return this.flag !== null;
  }

  execute(code: string, options: ExecuteOptions): Promise<ExecuteOutcome> {
    const request: ExecuteRequest = { type: "execute_request", id: this.router.nextId(), cellId: options.cellId, code, timeoutMs: options.timeoutMs, trace: options.trace, userExpressions: options.userExpressions, reference: options.reference, widgets: options.widgets };
    this.queued.add(request.id);
    const run = async (): Promise<ExecuteOutcome> => {
      this.queued.delete(request.id);
      if (this.aborted.delete(request.id)) return this.abortedOutcome(request);
      this.running = request;
      try {
        const done = this.router.request(request, (r) => this.worker.postMessage(r), options.onMessage);
        this.runningDone = done.catch(() => undefined);
        const { reply, messages } = await done;
        if ((reply as ExecuteReply).status === "ok") this.history.push(request);
        return { reply: reply as ExecuteReply, messages };
      } finally {
        this.running = null;
      }
    };
    const outcome = this.chain.then(run, run);
    this.chain = outcome.catch(() => undefined);
    return outcome;
  }

  async interrupt(): Promise<void> {
    for (const id of this.queued) this.aborted.add(id);
    const running = this.running;
    if (!running) return;
    if (this.flag) Atomics.store(this.flag, 0, 1);
    const id = this.router.nextId();
    void this.router.request({ type: "interrupt_request", id }, (r) => this.worker.postMessage(r)).catch(() => undefined);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<"timeout">((resolve) => { timer = setTimeout(() => resolve("timeout"), this.options.interruptGraceMs); });
    const first = await Promise.race([this.runningDone, timedOut]);
    clearTimeout(timer);
    if (first !== "timeout" || this.running !== running) return;
    // The cell did not stop in time: the worker is stuck in it (no SharedArrayBuffer, or one long op).
    if (this.router.has(id)) this.router.synthesize({ type: "interrupt_reply", parent: id });
    await this.replaceWorker(running);
  }

  async restart(): Promise<void> {
    for (const id of this.queued) this.aborted.add(id);
    this.worker.terminate();
    this.router.rejectAll(new Error("the kernel was restarted"));
    this.history = [];
    this.spawn();
    this.router.stale = [];
  }

  async inspect(target: InspectTarget): Promise<InspectReply> {
    return (await this.request({ type: "inspect_request", id: this.router.nextId(), target })).reply as InspectReply;
  }

  async variables(): Promise<VariableSummary[]> {
    return ((await this.request({ type: "variables_request", id: this.router.nextId() })).reply as VariablesReply).variables;
  }

  onMessage(listener: (message: KernelMessage) => void): () => void {
    return this.router.onMessage(listener);
  }

  dispose(): void {
    this.worker.terminate();
    this.router.rejectAll(new Error("the kernel was shut down"));
  }

  private request(request: KernelRequest) {
    return this.router.request(request, (r) => this.worker.postMessage(r));
  }

  private spawn(): void {
    this.worker = this.options.createWorker();
    this.flag = this.options.sharedInterrupt ? new Int32Array(new SharedArrayBuffer(4)) : null;
    const init: WorkerInit = { type: "worker_init", interruptFlag: this.flag ? (this.flag.buffer as SharedArrayBuffer) : null };
    this.worker.postMessage(init);
    this.worker.onmessage = (event) => {
      if (isKernelMessage(event.data)) this.router.receive(event.data);
    };
    this.worker.onerror = (event) => {
      this.router.rejectAll(new Error(`the kernel worker failed: ${(event as { message?: string })?.message ?? "unknown error"}`));
    };
  }

  /** The running cell would not stop: new worker, replay what succeeded, report the interrupt. */
  private async replaceWorker(running: ExecuteRequest): Promise<void> {
    this.worker.terminate();
    const history = this.history;
    // The old worker's open requests (the running cell) stay pending: we answer them ourselves below.
    const restarted = this.router;
    this.spawn();
    restarted.broadcast = false;
    let failed: string | null = null;
    try {
      for (const request of history) {
        const { reply } = await restarted.request({ ...request, id: restarted.nextId() }, (r) => this.worker.postMessage(r));
        if ((reply as ExecuteReply).status !== "ok") { failed = request.cellId; break; }
      }
    } finally {
      restarted.broadcast = true;
    }
    const replayed = failed === null
      ? `the kernel was restarted and ${history.length === 1 ? "the cell that ran before was run again, so its variables are" : `the ${history.length} cells that ran before were run again, so their variables are`} back`
      : `the kernel was restarted, but running cell "${failed}" again failed: run the cells above again`;
    const parent = running.id, cellId = running.cellId;
    const evalue = `Interrupted: the cell did not stop, so ${replayed}`;
    restarted.synthesize({ type: "error", parent, cellId, ename: "InterruptError", evalue, traceback: [`InterruptError: ${evalue}`], position: null });
    restarted.synthesize({ type: "execute_reply", parent, cellId, status: "error", executionCount: 0, defines: [], uses: [] });
    restarted.synthesize({ type: "status", parent, state: "idle" });
  }

  private abortedOutcome(request: ExecuteRequest): ExecuteOutcome {
    const reply: ExecuteReply = { type: "execute_reply", parent: request.id, cellId: request.cellId, status: "aborted", executionCount: 0, defines: [], uses: [] };
    return { reply, messages: [reply] };
  }
}
