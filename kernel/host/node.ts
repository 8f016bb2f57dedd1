// The in-process Node host (tests, the CLI, pre-running lessons for export). Cells run through
// `vm.runInThisContext` with a `timeout`: V8's watchdog stops even code with no loop guard in it (a
// single huge op), on top of the guards the rewriter puts in loops and functions. Same realm as the
// kernel, so tensors and arrays made in cells are ordinary objects of this process.
import vm from "node:vm";
import { Kernel, type Evaluator, type KernelOptions } from "../runtime/kernel.ts";
import type { ExecuteOptions, ExecuteOutcome, KernelConnection } from "../protocol/connection.ts";
import type { ExecuteReply, InspectReply, InspectTarget, KernelMessage, KernelRequest, OutputReply, VariablesReply } from "../protocol/messages.ts";
import type { VariableSummary } from "../protocol/values.ts";
import { RequestRouter } from "../protocol/router.ts";
import { KernelServer } from "./server.ts";

const WATCHDOG_SLACK_MS = 250;

export interface NodeHostOptions extends KernelOptions {
  /** let Ctrl-C stop a running cell (the CLI), instead of ending the process. */
  breakOnSigint?: boolean;
}

/**
 * Evaluates a cell's script with vm's watchdog as the backstop: it fires a little after the guards
 * would, since a guard's stop says where the cell was and the watchdog's does not.
 */
export function vmEvaluator(breakOnSigint: boolean): Evaluator {
  return (code, filename, timeoutMs) => vm.runInThisContext(code, { filename, timeout: timeoutMs === undefined ? undefined : Math.min(timeoutMs + WATCHDOG_SLACK_MS, MAX_TIMER_MS), breakOnSigint });
}

/** setTimeout and vm take at most 2^31 - 1 ms; a longer limit would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class NodeKernelHost implements KernelConnection {
  readonly kernel: Kernel;
  private readonly server: KernelServer;
  private readonly router = new RequestRouter("node");

  constructor(options: NodeHostOptions = {}) {
    const breakOnSigint = options.breakOnSigint ?? false;
    this.kernel = new Kernel({ ...options, evaluate: vmEvaluator(breakOnSigint) });
    this.server = new KernelServer(this.kernel, (message) => this.router.receive(message));
  }

  get stale(): readonly string[] {
    return this.router.stale;
  }

  async execute(code: string, options: ExecuteOptions): Promise<ExecuteOutcome> {
    const request: KernelRequest = { type: "execute_request", id: this.router.nextId(), cellId: options.cellId, code, timeoutMs: options.timeoutMs, trace: options.trace, userExpressions: options.userExpressions, reference: options.reference, widgets: options.widgets };
    const { reply, messages } = await this.send(request, options.onMessage);
    return { reply: reply as ExecuteReply, messages };
  }

  async interrupt(): Promise<void> {
    await this.send({ type: "interrupt_request", id: this.router.nextId() });
  }

  async restart(): Promise<void> {
    await this.send({ type: "restart_request", id: this.router.nextId() });
  }

  async inspect(target: InspectTarget): Promise<InspectReply> {
    return (await this.send({ type: "inspect_request", id: this.router.nextId(), target })).reply as InspectReply;
  }

  async variables(): Promise<VariableSummary[]> {
    return ((await this.send({ type: "variables_request", id: this.router.nextId() })).reply as VariablesReply).variables;
  }

  async fetchOutput(outputId: string, upTo: number): Promise<OutputReply> {
    return (await this.send({ type: "output_request", id: this.router.nextId(), outputId, upTo })).reply as OutputReply;
  }

  onMessage(listener: (message: KernelMessage) => void): () => void {
    return this.router.onMessage(listener);
  }

  dispose(): void {
    this.router.rejectAll(new Error("kernel host disposed"));
  }

  private send(request: KernelRequest, onMessage?: (m: KernelMessage) => void) {
    return this.router.request(request, (r) => this.server.handle(r), onMessage);
  }
}
