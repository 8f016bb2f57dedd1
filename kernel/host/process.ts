// The kernel in a child process, driven from outside (the CLI and the exporter). Whatever a cell does,
// the parent always reports: a cell that does not stop within its time limit (plus a grace period) has
// its process killed, from outside its thread; a cell that ends, crashes or exhausts the process, or
// that leaves behind a failing timer or promise, becomes that cell's error. The child's start command
// (permission flags, the bundled entry) comes from the caller: see kernel/host/contained.ts.
import { spawn, type ChildProcess } from "node:child_process";
import type { ExecuteOptions, ExecuteOutcome } from "../protocol/connection.ts";
import type { ErrorMessage, ExecuteReply, KernelMessage, KernelRequest } from "../protocol/messages.ts";
import type { VariableValue } from "../protocol/values.ts";
import type { FromChild, ToChild } from "./process-protocol.ts";

export interface ProcessHostOptions {
  /** node's arguments before the entry: the permission flags, heap limit. */
  nodeArgs: string[];
  /** the child entry (kernel/host/process-child.ts, bundled to one .mjs file). */
  entry: string;
  /** refuse tensors above this many bytes (the child's tensorLimit). */
  maxTensorBytes?: number;
  /** how long past a cell's own time limit the process gets before it is killed (default 2 s). */
  killGraceMs?: number;
}

interface Pending {
  id: string;
  cellId: string;
  messages: KernelMessage[];
  onMessage?: (m: KernelMessage) => void;
  settle: (outcome: ExecuteOutcome) => void;
  timer?: ReturnType<typeof setTimeout>;
}

const STDERR_TAIL = 2000;

export class ProcessKernelHost {
  private readonly child: ChildProcess;
  private pending: Pending | null = null;
  private waiters: ((m: FromChild) => boolean)[] = [];
  /** why the process can run no more cells (it was killed, exited, or reported a fault). */
  private ended: string | null = null;
  private stderr = "";
  private count = 0;
  private lastCell: string | null = null;
  readonly ready: Promise<void>;

  constructor(private readonly options: ProcessHostOptions) {
    const args = [...options.nodeArgs, options.entry, String(options.maxTensorBytes ?? 0)];
    this.child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe", "ipc"], serialization: "advanced" });
    // What a cell writes to the real stdout/stderr (not through console) is kept for crash reports.
    const keep = (d: Buffer) => { this.stderr = (this.stderr + d.toString()).slice(-STDERR_TAIL); };
    this.child.stdout!.on("data", keep);
    this.child.stderr!.on("data", keep);
    this.child.on("message", (m: FromChild) => this.receive(m));
    this.child.on("exit", (code, signal) => this.exited(code, signal));
    this.child.on("error", (error) => this.end(`the kernel process could not start: ${error.message}`));
    this.ready = new Promise((resolve, reject) => {
      this.waiters.push((m) => (m.kind === "ready" ? (resolve(), true) : false));
      this.child.once("exit", () => reject(new Error(`the kernel process ended before it was ready${this.tail()}`)));
    });
    this.ready.catch(() => undefined);
  }

  async execute(code: string, options: ExecuteOptions): Promise<ExecuteOutcome> {
    await this.ready.catch(() => undefined);
    const id = `proc-${++this.count}`;
    if (this.ended !== null) return this.failed(id, options.cellId, [], "KernelDied", this.ended);
    this.lastCell = options.cellId;
    const request: KernelRequest = { type: "execute_request", id, cellId: options.cellId, code, timeoutMs: options.timeoutMs, trace: options.trace, userExpressions: options.userExpressions, reference: options.reference };
    return new Promise<ExecuteOutcome>((resolve) => {
      const pending: Pending = { id, cellId: options.cellId, messages: [], onMessage: options.onMessage, settle: resolve };
      this.pending = pending;
      if (options.timeoutMs !== undefined) {
        const limit = options.timeoutMs + (this.options.killGraceMs ?? 2000);
        // setTimeout takes at most 2^31 - 1 ms (callers validate; this only keeps a bad value harmless)
        if (limit <= 2 ** 31 - 1) pending.timer = setTimeout(() => {
          const seconds = +(options.timeoutMs! / 1000).toFixed(2);
          this.kill(`the cell did not stop within its time limit of ${seconds} s, so its kernel process was ended from outside (nothing inside the cell can prevent this)`, "TimeoutError");
        }, limit);
      }
      this.send({ kind: "request", request });
    });
  }

  /** Every top-level variable as plain data (what `--json` writes); empty when the process is gone. */
  async variableValues(): Promise<Record<string, VariableValue>> {
    if (this.ended !== null) return {};
    const reply = await this.ask((m) => m.kind === "values");
    return reply?.kind === "values" ? reply.values : {};
  }

  /**
   * After the last cell: a fault already on its way (a timer or promise that failed as the cell ended)
   * is reported, naming the cell that ran last. Returns null when nothing failed.
   */
  async settle(): Promise<string | null> {
    if (this.ended === null) await this.ask((m) => m.kind === "pong", { kind: "ping" });
    return this.ended;
  }

  dispose(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGKILL");
  }

  /** Sends `request` (or nothing) and waits for the first message matching `match`, or the process's end. */
  private ask(match: (m: FromChild) => boolean, request: ToChild = { kind: "values" }): Promise<FromChild | null> {
    return new Promise((resolve) => {
      this.waiters.push((m) => (match(m) ? (resolve(m), true) : false));
      this.child.once("exit", () => resolve(null));
      this.send(request);
    });
  }

  private send(m: ToChild): void {
    if (this.child.connected) this.child.send(m);
  }

  private receive(m: FromChild): void {
    this.waiters = this.waiters.filter((w) => !w(m));
    if (m.kind === "fault") {
      const after = this.pending === null && this.lastCell !== null ? ` after cell #${this.lastCell} finished` : "";
      this.kill(`${m.what}${after}: ${m.evalue}`, "UncaughtError");
      return;
    }
    if (m.kind !== "message") return;
    const p = this.pending;
    if (!p || !("parent" in m.message) || m.message.parent !== p.id) return;
    p.messages.push(m.message);
    p.onMessage?.(m.message);
    if (m.message.type === "execute_reply") this.finish(p, { reply: m.message, messages: p.messages });
  }

  private exited(code: number | null, signal: NodeJS.Signals | null): void {
    const outOfMemory = /heap out of memory|Allocation failed/i.test(this.stderr);
    const how = outOfMemory ? "ran out of memory" : signal ? `was ended by ${signal}` : `exited with code ${code}`;
    this.end(`the kernel process ${how} while running cell #${this.pending?.cellId ?? this.lastCell ?? "?"}${outOfMemory ? "" : this.tail()}`, outOfMemory ? "MemoryError" : "KernelDied");
  }

  private kill(reason: string, ename: string): void {
    this.end(reason, ename);
    this.dispose();
  }

  /** The process can run nothing more: the running cell (if any) fails with `reason`. */
  private end(reason: string, ename = "KernelDied"): void {
    if (this.ended === null) this.ended = reason;
    const p = this.pending;
    if (p) this.finish(p, this.failed(p.id, p.cellId, p.messages, ename, this.ended));
  }

  private finish(p: Pending, outcome: ExecuteOutcome): void {
    clearTimeout(p.timer);
    if (this.pending === p) this.pending = null;
    p.settle(outcome);
  }

  private failed(id: string, cellId: string, messages: KernelMessage[], ename: string, evalue: string): ExecuteOutcome {
    const error: ErrorMessage = { type: "error", parent: id, cellId, ename, evalue, traceback: [`${ename}: ${evalue}`], position: null };
    const reply: ExecuteReply = { type: "execute_reply", parent: id, cellId, status: "error", executionCount: this.count, defines: [], uses: [] };
    // an error the kernel reported itself (the failing timer's line) comes first; ours says what followed
    return { reply, messages: [...messages.filter((m) => m.type !== "execute_reply"), error, reply] };
  }

  private tail(): string {
    const text = this.stderr.trim();
    return text ? `\n${text.split("\n").slice(-8).join("\n")}` : "";
  }
}
