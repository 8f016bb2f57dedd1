// The open lesson's kernel and its runtime state: cell statuses (RuntimeState, moved only by
// `transition`), the kernel's variables and the one being inspected. A lit ReactiveController: the host
// re-renders when any of it changes; the kernel is disposed when the host goes away.
import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { KernelConnection } from "../../kernel/protocol/connection.ts";
import type { KernelMessage, UserExpressionResult } from "../../kernel/protocol/messages.ts";
import { MIME, type CutPayload, type MimeBundle } from "../../kernel/protocol/mime.ts";
import { isCutPayload } from "../../kernel/protocol/payload-guards.ts";
import type { VariableSummary, VariableValue } from "../../kernel/protocol/values.ts";
import type { CodeCell, NotebookDoc } from "../document/index.ts";
import { initialRuntime, runStalePlan, transition, type OutputItem, type RuntimeEvent, type RuntimeState } from "./state.ts";
import { userExpressionsOf } from "./inline-values.ts";

/** What the session reads from the app and tells it. */
export interface SessionContext {
  createKernel(): KernelConnection;
  /** the lesson with the student's edits in place. */
  doc(): NotebookDoc | null;
  codeCells(): CodeCell[];
  concealed(cell: CodeCell): boolean;
  /** the hidden solution an exercise cell is checked against (from the lesson, not the student's edits). */
  reference(cell: CodeCell): string | undefined;
  /** a cell's run finished; its inline values (`${expr}` in the prose after it) came with the reply. */
  ran(cellId: string, userExpressions: Record<string, UserExpressionResult> | undefined): void;
  /** the values the student set on the lesson's widgets (sent with every run: a widget reads its own). */
  widgets?(): Record<string, unknown>;
  /** the kernel's variables were fetched again. */
  variablesChanged(): void;
}

export class KernelSession implements ReactiveController {
  runtime: RuntimeState = initialRuntime();
  variables: VariableSummary[] = [];
  /** the variable expanded in Variables, with its whole value (a text past the output limit comes cut). */
  inspected: { name: string; value: VariableValue | null } | null = null;
  kernel: KernelConnection | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly host: ReactiveControllerHost, private readonly app: SessionContext) {
    host.addController(this);
  }

  private set(patch: Partial<Pick<KernelSession, "runtime" | "variables" | "inspected">>): void {
    Object.assign(this, patch);
    this.host.requestUpdate();
  }

  private readonly onShowMore = (event: Event) => void this.showMore((event as CustomEvent<{ outputId: string }>).detail.outputId);

  hostConnected(): void {
    // "Show more" of an output the kernel cut (sb-output-area emits it; the answer comes from the kernel)
    if (this.host instanceof EventTarget) this.host.addEventListener("sb-show-more", this.onShowMore);
  }

  hostDisconnected(): void {
    if (this.host instanceof EventTarget) this.host.removeEventListener("sb-show-more", this.onShowMore);
    this.unsubscribe?.();
    this.kernel?.dispose();
  }

  /**
   * Fetch the next SHOW_MORE_CHARS of an output the kernel cut (MIME.cut names it) and put it in place:
   * the output is drawn again through the one output rendering path. When the kernel no longer has it,
   * the output says so.
   */
  async showMore(outputId: string): Promise<void> {
    if (this.inspected?.value?.type === "other" && this.inspected.value.cut?.id === outputId) return this.showMoreInspected();
    const found = findCut(this.runtime, outputId);
    if (!found || !this.kernel?.fetchOutput) return;
    const reply = await this.kernel.fetchOutput(outputId, found.entry.shown + SHOW_MORE_CHARS).catch((e: Error) => ({ status: "error" as const, evalue: e.message }));
    const now = findCut(this.runtime, outputId);
    if (!now) return;
    const { [now.mime]: _, ...rest } = now.cut;
    let data: MimeBundle;
    if (reply.status === "ok" && "text" in reply && reply.text !== undefined) {
      const open = reply.shown! < reply.total!;
      const cut: CutPayload = open ? { ...rest, [now.mime]: { ...now.entry, shown: reply.shown! } } : rest;
      data = { ...now.output.data, [now.mime]: reply.text, [MIME.cut]: cut };
    } else {
      data = { ...now.output.data, [now.mime]: `${String(now.output.data[now.mime])}\n[${reply.evalue ?? "the kernel did not answer"}]`, [MIME.cut]: rest };
    }
    const cell = this.runtime.cells[now.cellId]!;
    const outputs = cell.outputs.map((o) => (o === now.output ? { ...now.output, data } : o));
    this.set({ runtime: { ...this.runtime, cells: { ...this.runtime.cells, [now.cellId]: { ...cell, outputs } } } });
  }

  /** "Show more" of the inspected variable's text: the next SHOW_MORE_CHARS of it, as for a cut output. */
  private async showMoreInspected(): Promise<void> {
    const { name, value } = this.inspected!;
    if (value?.type !== "other" || !value.cut || !this.kernel?.fetchOutput) return;
    const cut = value.cut;
    const reply = await this.kernel.fetchOutput(cut.id, cut.shown + SHOW_MORE_CHARS).catch((e: Error) => ({ status: "error" as const, evalue: e.message }));
    if (this.inspected?.name !== name || this.inspected.value !== value) return;
    const next = reply.status === "ok" && "text" in reply && reply.text !== undefined
      ? { ...value, repr: reply.text, cut: { ...cut, shown: reply.shown! } }
      : { ...value, repr: `${value.repr}\n[${reply.evalue ?? "the kernel did not answer"}]`, cut: undefined };
    this.set({ inspected: { name, value: next } });
  }

  /** A new kernel for a newly opened lesson. */
  start(): void {
    // a Run all of the last lesson sends nothing more, and what its cells' replies say is not this lesson's
    this.runs++;
    this.lesson++;
    this.unsubscribe?.();
    this.kernel?.dispose();
    this.set({ inspected: null, runtime: initialRuntime(), variables: [] });
    this.kernel = this.app.createKernel();
    // `status: dead` comes from the client's heartbeat, not the kernel: every cell is idle, the page offers Restart
    this.unsubscribe = this.kernel.onMessage((m) => this.dispatch(m.type === "status" && m.state === "dead" ? { type: "ui/kernel-died" } : m));
    this.syncOrder();
  }

  /** Tell the runtime state the code cells' order (staleness reads the lesson top to bottom). */
  syncOrder(): void {
    const ids = this.app.codeCells().map((c) => c.id);
    const now = this.runtime.order;
    if (ids.length !== now.length || ids.some((id, i) => id !== now[i])) this.dispatch({ type: "ui/order", cells: ids });
  }

  dispatch(event: RuntimeEvent): void {
    this.set({ runtime: transition(this.runtime, event) });
    if (event.type === "execute_reply") void this.refreshVariables();
  }

  async refreshVariables(): Promise<void> {
    if (!this.kernel) return;
    try {
      this.set({ variables: await this.kernel.variables() });
      this.app.variablesChanged();
      if (this.inspected) void this.inspect(this.inspected.name);
    } catch {
      /* the kernel restarted meanwhile */
    }
  }

  async inspect(name: string): Promise<void> {
    this.set({ inspected: { name, value: null } });
    const reply = await this.kernel?.inspect({ kind: "variable", name }).catch(() => undefined);
    if (this.inspected?.name === name) this.set({ inspected: { name, value: reply?.status === "ok" && reply.value ? reply.value : null } });
  }

  run(cellId: string): Promise<boolean> {
    const cell = this.app.codeCells().find((c) => c.id === cellId);
    if (!cell || !this.kernel || this.app.concealed(cell)) return Promise.resolve(false);
    this.syncOrder();
    this.dispatch({ type: "ui/queued", cellId, source: cell.source });
    let bound = false;
    const doc = this.app.doc();
    const lesson = this.lesson;
    return this.kernel
      .execute(cell.source, {
        cellId, trace: !!cell.options.trace, reference: this.app.reference(cell),
        userExpressions: doc ? userExpressionsOf(doc, cellId) : undefined,
        widgets: this.app.widgets?.(),
        onMessage: (m: KernelMessage) => {
          if (!bound && "parent" in m && m.parent) { bound = true; this.dispatch({ type: "ui/bound", requestId: m.parent, cellId }); }
        },
      })
      .then((outcome) => {
        if (lesson !== this.lesson) return false;
        // an aborted cell never reached the kernel, so no message said so: its state is told here
        if (outcome.reply.status === "aborted") { this.dispatch(outcome.reply); return false; }
        this.app.ran(cellId, outcome.reply.userExpressions);
        return outcome.reply.status === "ok";
      })
      .catch((error: unknown) => {
        if (lesson !== this.lesson) return false;
        // the worker failed or went away: no cell may stay at [*] with the kernel "busy"
        if (/worker failed|not responding/.test(String((error as Error)?.message))) this.dispatch({ type: "ui/kernel-died" });
        else this.dispatch({ type: "execute_reply", parent: "", cellId, status: "aborted", executionCount: 0, defines: [], uses: [] });
        return false;
      });
  }

  /** Bumped by Stop, Restart and start: a Run all in progress sends no further cell. */
  private runs = 0;
  /** Bumped by start (another lesson, a new kernel). */
  private lesson = 0;

  async runAll(filter: (c: CodeCell) => boolean = () => true): Promise<void> {
    const cells = this.app.codeCells().filter((c) => !this.app.concealed(c) && filter(c));
    const run = ++this.runs, lesson = this.lesson;
    // All show as queued; each is sent when the one before succeeded, so Run all stops at the first
    // that fails (as Jupyter does) and nothing after it runs, however fast the kernel is.
    this.syncOrder();
    for (const c of cells) this.dispatch({ type: "ui/queued", cellId: c.id, source: c.source });
    for (const [i, c] of cells.entries()) {
      if (run !== this.runs || !(await this.run(c.id))) {
        if (lesson !== this.lesson) return; // another lesson opened: its cells are not these
        for (const rest of cells.slice(run !== this.runs ? i : i + 1)) this.dispatch({ type: "execute_reply", parent: "", cellId: rest.id, status: "aborted", executionCount: 0, defines: [], uses: [] });
        break;
      }
    }
  }

  /** Run stale: the stale cells, and the cells above them whose names a cell below overwrote since. */
  runStale(): Promise<void> {
    this.syncOrder();
    const plan = runStalePlan(this.runtime);
    return this.runAll((c) => plan.has(c.id));
  }

  async stop(): Promise<void> {
    this.runs++;
    await this.kernel?.interrupt();
  }

  /** Restart the kernel: every cell is idle again and no variable is left. */
  async restart(): Promise<void> {
    if (!this.kernel) return;
    this.runs++;
    this.dispatch({ type: "ui/restarted" });
    await this.kernel.restart();
    this.set({ variables: [], inspected: null });
  }
}

/** How much more of a cut output one "Show more" fetches (the kernel's output limit: one more page of it). */
export const SHOW_MORE_CHARS = 1_000_000;

/** The output (display or result) whose bundle has a cut field under `outputId`. */
function findCut(runtime: RuntimeState, outputId: string) {
  for (const [cellId, cell] of Object.entries(runtime.cells)) {
    for (const output of cell.outputs) {
      if (output.kind !== "display" && output.kind !== "result") continue;
      const cut = output.data[MIME.cut];
      if (!isCutPayload(cut)) continue;
      for (const [mime, entry] of Object.entries(cut)) {
        if (entry.id === outputId) return { cellId, output: output as Extract<OutputItem, { data: MimeBundle }>, cut, mime, entry };
      }
    }
  }
  return null;
}
