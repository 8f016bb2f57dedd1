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
//     since the last restart, in the order they ran (the seeded random generator makes that exact),
//     with their timers off (a setInterval loop that was stopped does not come back).
//
// A heartbeat tells a dead or wedged worker from a busy one: every `heartbeatMs` the page pings and the
// worker answers between tasks (also while a cell awaits). A worker that has not answered for
// `unresponsiveMs` is busy if a cell runs in it (the shared "busy" slot, or, without SharedArrayBuffer,
// a request in flight) and its interrupt checks keep counting (the "progress" slot) within `stalledMs`;
// otherwise it is dead (self.close() got through, a leftover timer spins for ever, the tab's memory ran
// out): the client ends it, fails the open requests, and says `status: dead`, so the page offers Restart.
import type { ExecuteOptions, ExecuteOutcome, KernelConnection } from "../kernel/protocol/connection.ts";
import { isKernelMessage, SHARED_SLOTS, type ExecuteReply, type ExecuteRequest, type InspectReply, type InspectTarget, type KernelMessage, type KernelRequest, type OutputReply, type RunningAtMessage, type VariablesReply, type WorkerInit } from "../kernel/protocol/messages.ts";
import { reportAt } from "../kernel/runtime/errors.ts";
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
  /** how often the page pings the worker (ms; 0: no heartbeat). */
  heartbeatMs?: number;
  /** a worker silent this long, with no cell running in it, is dead (ms). */
  unresponsiveMs?: number;
  /** a worker silent this long is dead even with a cell running, if that cell's checks stopped counting (ms). */
  stalledMs?: number;
}

const DEAD = "the kernel is not responding (its worker stopped answering): press Restart for a fresh kernel";

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
  /** where the running cell last said it was (a worker without the shared flag says so; a replaced one cannot). */
  private runningAt: RunningAtMessage | null = null;
  private readonly options: Required<KernelClientOptions>;

  constructor(options: KernelClientOptions = {}) {
    const isolated = typeof SharedArrayBuffer !== "undefined" && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
    this.options = { createWorker: defaultWorker, sharedInterrupt: isolated, interruptGraceMs: 500, heartbeatMs: 1000, unresponsiveMs: 5000, stalledMs: 30_000, ...options };
    this.spawn();
    if (this.options.heartbeatMs > 0) this.heartbeat = setInterval(() => this.beat(), this.options.heartbeatMs);
  }

  // ---- heartbeat ---------------------------------------------------------------------------------------
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  /** the worker has said something since it was started (before that, it is loading: not judged). */
  private ready = false;
  private dead = false;
  private pingSentAt: number | null = null;
  private lastBeat = 0;
  private progress = { count: -1, at: 0 };

  /** Whether the heartbeat found the worker dead (until restart). */
  get isDead(): boolean {
    return this.dead;
  }

  private beat(): void {
    const now = performance.now();
    // the page itself was frozen (or throttled in a background tab): the answer may be waiting; ask again
    const pageStalled = now - this.lastBeat > 3 * this.options.heartbeatMs;
    this.lastBeat = now;
    if (this.dead || !this.ready) return;
    if (this.pingSentAt === null || pageStalled) {
      this.pingSentAt = now;
      this.worker.postMessage({ type: "heartbeat_request", id: this.router.nextId() });
      return;
    }
    if (now - this.pingSentAt < this.options.unresponsiveMs) return;
    if (this.flag) {
      const count = Atomics.load(this.flag, SHARED_SLOTS.progress);
      if (count !== this.progress.count) this.progress = { count, at: now };
      if (Atomics.load(this.flag, SHARED_SLOTS.busy) === 1 && now - this.progress.at < this.options.stalledMs) return;
    } else if (this.running) {
      return; // a cell runs and nothing tells a long loop from a dead worker: wait (Stop replaces it)
    }
    this.declareDead();
  }

  private alive(): void {
    this.ready = true;
    this.pingSentAt = null;
    this.progress = { count: this.progress.count, at: performance.now() };
  }

  private declareDead(): void {
    this.dead = true;
    this.worker.terminate();
    this.router.rejectAll(new Error(DEAD));
    this.router.synthesize({ type: "status", parent: null, state: "dead" });
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
      if (this.dead) throw new Error(DEAD);
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
    if (!running) {
      // No cell runs, but a timer a cell left behind may be spinning in the worker: the shared flag stops
      // it there (its loop guards see it), and the request clears the cells' timers.
      if (this.dead) return;
      if (this.flag) Atomics.store(this.flag, SHARED_SLOTS.stop, 1);
      void this.router.request({ type: "interrupt_request", id: this.router.nextId() }, (r) => this.worker.postMessage(r)).catch(() => undefined);
      return;
    }
    if (this.flag) Atomics.store(this.flag, SHARED_SLOTS.stop, 1);
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
    this.dead = false;
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

  async fetchOutput(outputId: string, upTo: number): Promise<OutputReply> {
    return (await this.request({ type: "output_request", id: this.router.nextId(), outputId, upTo })).reply as OutputReply;
  }

  onMessage(listener: (message: KernelMessage) => void): () => void {
    return this.router.onMessage(listener);
  }

  dispose(): void {
    clearInterval(this.heartbeat);
    this.worker.terminate();
    this.router.rejectAll(new Error("the kernel was shut down"));
  }

  private request(request: KernelRequest) {
    if (this.dead) return Promise.reject(new Error(DEAD));
    return this.router.request(request, (r) => this.worker.postMessage(r));
  }

  private spawn(): void {
    this.worker = this.options.createWorker();
    this.flag = this.options.sharedInterrupt ? new Int32Array(new SharedArrayBuffer(4 * SHARED_SLOTS.length)) : null;
    const init: WorkerInit = { type: "worker_init", interruptFlag: this.flag ? (this.flag.buffer as SharedArrayBuffer) : null };
    this.worker.postMessage(init);
    this.ready = false;
    this.pingSentAt = null;
    const worker = this.worker;
    this.worker.onmessage = (event) => {
      if (worker !== this.worker) return; // a replaced worker's last words
      this.alive();
      if (!isKernelMessage(event.data) || event.data.type === "heartbeat_reply") return;
      if (event.data.type === "running_at") {
        this.runningAt = event.data;
        return;
      }
      this.router.receive(event.data);
    };
    this.worker.onerror = (event) => {
      this.router.rejectAll(new Error(`the kernel worker failed: ${(event as { message?: string })?.message ?? "unknown error"}`));
    };
  }

  /** The running cell would not stop: new worker, replay what succeeded, report the interrupt. */
  private async replaceWorker(running: ExecuteRequest): Promise<void> {
    this.worker.terminate();
    // where the cell was when it was stopped, as it last said (the worker that knew is gone); read before
    // the replay, whose own long cells say where they are too (lesson 9's training loop, after Run all)
    const at = this.runningAt?.parent === running.id ? this.runningAt : null;
    this.runningAt = null;
    const history = this.history;
    // The old worker's open requests (the running cell) stay pending: we answer them ourselves below.
    const restarted = this.router;
    this.spawn();
    restarted.broadcast = false;
    let failed: string | null = null;
    try {
      for (const request of history) {
        const { reply } = await restarted.request({ ...request, id: restarted.nextId(), replay: true }, (r) => this.worker.postMessage(r));
        if ((reply as ExecuteReply).status !== "ok") { failed = request.cellId; break; }
      }
    } finally {
      restarted.broadcast = true;
    }
    const replayed = failed !== null
      ? `the kernel was restarted, but running cell "${failed}" again failed: run the cells above again`
      : history.length === 0
        ? "the kernel was restarted (no cell had run before it, so there were no variables to bring back)"
        : `the kernel was restarted and ${history.length === 1 ? "the cell that ran before was run again, so its variables are" : `the ${history.length} cells that ran before were run again, so their variables are`} back`;
    const parent = running.id, cellId = running.cellId;
    this.runningAt = null;
    const evalue = `Interrupted: the cell did not stop, so ${replayed}; the variables this run had set are lost`;
    const report = reportAt("InterruptError", evalue, at?.position ?? null, at ? `${"\n".repeat(at.position.line - 1)}${at.text}` : undefined);
    restarted.synthesize({ type: "error", parent, cellId, ...report });
    restarted.synthesize({ type: "execute_reply", parent, cellId, status: "error", executionCount: 0, defines: [], uses: [] });
    restarted.synthesize({ type: "status", parent, state: "idle" });
  }

  private abortedOutcome(request: ExecuteRequest): ExecuteOutcome {
    const reply: ExecuteReply = { type: "execute_reply", parent: request.id, cellId: request.cellId, status: "aborted", executionCount: 0, defines: [], uses: [] };
    return { reply, messages: [reply] };
  }
}
