// The kernel: runs cells in one persistent scope and reports what happened as protocol messages. It is
// the same code in Node and in the browser's worker; a host only supplies how a script is evaluated
// (Node adds vm's hard time limit) and carries the messages.
import { np } from "../np.ts";
import { type Trace } from "../trace/trace.ts";
import { activeTrace, startTrace, stopTrace } from "../trace/active.ts";
import { makeBuiltins } from "../display/builtins.ts";
import { toMimeBundle } from "../display/bundle.ts";
import type { DisplayTarget } from "../display/target.ts";
import type { ExecuteReply, ExecuteRequest, InspectTarget, KernelMessage, UserExpressionResult } from "../protocol/messages.ts";
import type { TensorValue, VariableSummary, VariableValue } from "../protocol/values.ts";
import { compileCell, type CompiledCell } from "./compile.ts";
import { makeConsole } from "./console.ts";
import { cellPlace, describeError, type ScriptInfo } from "./errors.ts";
import { nearest, suggestFor } from "./suggest.ts";
import { Tensor } from "../tensor/tensor.ts";
import { InterruptGuard } from "./interrupt.ts";
import { CutOutputs, cutText, DEFAULT_LIMITS, OutputSink, type OutputLimits } from "./output.ts";
import { CellGraph } from "./stale.ts";
import { summarizeTrace } from "./trace-summary.ts";
import { describeValue, summarize } from "./variables.ts";
import { inspectStep, inspectVariable } from "./inspect.ts";
import { CellTimers } from "./timers.ts";
import { BuiltinRepairs } from "./builtin-repairs.ts";
import { aliasNames, cellHandle, constantName } from "./cell-handle.ts";

/** Evaluates a compiled cell script and returns what it evaluates to (the cell's promise). */
export type Evaluator = (code: string, filename: string, timeoutMs: number | undefined) => unknown;

export interface KernelOptions {
  evaluate?: Evaluator;
  limits?: Partial<OutputLimits>;
  /** more names for every cell's scope (e.g. `nn` once it exists). */
  builtins?: Record<string, unknown>;
  /** time limit for cells whose request sets none. */
  defaultTimeoutMs?: number;
  /** false leaves a cell's X[k], X.length, for-of unchecked for tensors: only for bench/cell-operators.ts's peer. */
  rowGuards?: boolean;
}

export type Emit = (message: KernelMessage) => void;

/** The global slot a cell script reads its arguments from (see rewrite.ts). */
const SLOT = Symbol.for("stepbook.cell");
/** Indirect eval: global scope, and `//# sourceURL` names the script in stack traces. */
const globalEval: Evaluator = (code) => (0, eval)(code);

interface Execution {
  sink: OutputSink;
  state: Map<string, unknown>;
  atEnd: (() => void)[];
  /** what the exercise's hidden solution defines (ExecuteRequest.reference), if one came. */
  reference?: Map<string, unknown>;
}

export class Kernel {
  readonly guard = new InterruptGuard();
  /** a host whose page cannot interrupt a busy worker sets this: a cell that runs on says where it is (RunningAtMessage). */
  reportPlaces = false;
  /** the whole values of results and displays cut at the output limit, for "show more" (output.ts). */
  private readonly cut = new CutOutputs();
  /** timers cells started: Stop and Restart clear them. */
  private readonly timers = new CellTimers();
  /** builtins cells replaced, put back and reported. */
  private readonly repairs = new BuiltinRepairs();
  private scope: Record<string, unknown> = {};
  private builtinNames = new Set<string>();
  private readonly graph = new CellGraph();
  private readonly scripts = new Map<string, ScriptInfo>();
  private readonly sources = new Map<string, string>();
  /** each cell's arithmetic of names and numbers by line (compile.ts), for the trace's constants */
  private readonly numberExprs = new Map<string, CompiledCell["numberExprs"]>();
  private readonly definedBy = new Map<string, string>();
  private readonly traces = new Map<string, Trace>();
  private readonly shown = new WeakSet<object>();
  private order: string[] = [];
  private executionCount = 0;
  private displayCount = 0;
  /** the widget values of the last execute request that sent them (ui.slider reads its own). */
  private widgets: Record<string, unknown> = {};
  /** the execution outputs go to; after a cell ends, its leftover timers still write to it. */
  private current: Execution | null = null;
  private readonly evaluate: Evaluator;
  private readonly limits: OutputLimits;

  constructor(private readonly options: KernelOptions = {}) {
    this.evaluate = options.evaluate ?? globalEval;
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.restart();
  }

  /** A fresh scope, no cells run, the random generator back at its seed (so a replay is exact). */
  restart(): void {
    // Reading a name nobody defined falls through to this prototype and throws, as a real scope would.
    const undefinedNames = new Proxy(Object.create(null), {
      get(_target, key) {
        if (typeof key === "string") throw new ReferenceError(`${key} is not defined`);
        return undefined;
      },
    });
    this.scope = Object.create(undefinedNames);
    const target = this.displayTarget();
    this.timers.clear();
    this.cut.clear();
    Object.assign(this.scope, makeBuiltins(target), this.timers.builtins(), { console: makeConsole({ stream: (n, t) => this.current?.sink.stream(n, t), display: (d) => target.display(d) }) }, this.options.builtins);
    this.builtinNames = new Set(Object.keys(this.scope));
    this.graph.clear();
    this.scripts.clear();
    this.sources.clear();
    this.definedBy.clear();
    this.traces.clear();
    this.order = [];
    this.executionCount = 0;
    this.current = null;
    np.random.seed(0);
  }

  /**
   * An error nobody caught, thrown later by something a cell started (a timer, a promise): shown in the
   * output of the cell that ran last, as Jupyter does, instead of bringing the host down.
   */
  reportUncaught(error: unknown): void {
    const sink = this.current?.sink;
    if (!sink) return;
    const report = describeError(error, (f) => this.scripts.get(f), { cellId: sink.cellId ?? "", source: this.sources.get(sink.cellId ?? "") ?? "" });
    sink.send({ type: "error", parent: sink.parent, cellId: sink.cellId, ...report, evalue: `${report.evalue} (uncaught, after the cell finished)` });
  }

  /** Stop the running cell at its next interrupt check, and every timer the cells started. */
  interrupt(): void {
    this.guard.request();
    this.timers.clear();
  }

  async execute(request: ExecuteRequest, emit: Emit): Promise<ExecuteReply> {
    // a timer of an earlier cell may have replaced a builtin the kernel needs: put it back first
    this.repairs.begin();
    const count = ++this.executionCount;
    const { id: parent, cellId, code } = request;
    this.cut.forgetCell(cellId);
    const execution: Execution = { sink: new OutputSink(emit, parent, cellId, this.limits, this.cut), state: new Map(), atEnd: [] };
    this.current = execution;
    emit({ type: "status", parent, state: "busy" });
    const timeoutMs = request.timeoutMs ?? this.options.defaultTimeoutMs;
    if (request.widgets && typeof request.widgets === "object") this.widgets = { ...request.widgets };
    if (request.reference !== undefined) execution.reference = await this.referenceValues(request.reference, cellId, timeoutMs, execution);
    const trace = request.trace === false ? null : startTrace();
    let exprs: CompiledCell["numberExprs"] = [];
    if (trace !== null) {
      trace.constantName = (value, cell, line) => constantName(value, cell === cellId ? code : this.sources.get(cell ?? ""), line, this.scope, this.builtinNames,
        cell === cellId ? exprs : this.numberExprs.get(cell ?? "") ?? []);
      trace.aliasName = aliasNames((cell) => (cell === cellId ? code : this.sources.get(cell ?? "")), this.scope, this.builtinNames);
    }
    let status: "ok" | "error" = "ok";
    let defines: string[] = [], uses: string[] = [];
    try {
      const compiled = compileCell(code, { filename: `stepbook-cell-${this.scriptId()}.js`, isKnown: (n) => n in this.scope, rowGuards: this.options.rowGuards });
      defines = compiled.defines;
      exprs = compiled.numberExprs;
      uses = compiled.uses.filter((n) => !this.builtinNames.has(n));
      this.scripts.set(compiled.filename, { cellId, source: code, toSource: compiled.toSource });
      // Functions of old runs may still be called, but not forever: keep the latest scripts only.
      if (this.scripts.size > 5000) this.scripts.delete(this.scripts.keys().next().value!);
      this.graph.record({ id: cellId, defines, uses, lastRun: count });
      this.guard.onRunning = this.reportPlaces ? (stack) => {
        const at = cellPlace(stack, (f) => this.scripts.get(f));
        const source = at?.cellId === cellId ? code : this.sources.get(at?.cellId ?? "");
        if (at) emit({ type: "running_at", parent, cellId, position: at, text: source?.split("\n")[at.line - 1] ?? "" });
      } : null;
      this.guard.begin(timeoutMs);
      const value = await this.run(compiled.code, compiled.filename, cellId, timeoutMs);
      if (compiled.hasResult && value !== undefined && !(typeof value === "object" && value !== null && this.shown.has(value))) {
        execution.sink.send({ type: "execute_result", parent, cellId, executionCount: count, data: toMimeBundle(value), metadata: {} });
      }
    } catch (error) {
      status = "error";
      const suggest = (message: string) => suggestFor(message, this.scope, Tensor.prototype);
      const report = describeError(error, (f) => this.scripts.get(f), { cellId, source: code, timeoutMs, suggest });
      execution.sink.send({ type: "error", parent, cellId, ...report });
    } finally {
      this.guard.end();
      this.guard.onRunning = null;
      if (trace !== null && activeTrace() === trace) stopTrace();
      this.repairs.report(execution.sink);
    }
    for (const fn of execution.atEnd) {
      try { fn(); } catch { /* a display helper failing at the end must not lose the cell's reply */ }
    }
    if (trace !== null) {
      this.traces.set(cellId, trace);
      if (trace.stepCount > 0) execution.sink.send({ type: "trace", parent, cellId, trace: summarizeTrace(trace, cellId) });
    }
    execution.sink.end();
    // a replayed cell's timers stay off: the Stop that caused the replay stopped them (ExecuteRequest.replay)
    if (request.replay) this.timers.clear();
    this.sources.set(cellId, code);
    this.numberExprs.set(cellId, exprs);
    for (const name of defines) this.definedBy.set(name, cellId);
    if (!this.order.includes(cellId)) this.order.push(cellId);
    emit({ type: "stale", parent, cells: this.stale() });
    const reply: ExecuteReply = { type: "execute_reply", parent, cellId, status, executionCount: count, defines, uses };
    if (request.userExpressions) reply.userExpressions = await this.userExpressions(request.userExpressions, timeoutMs);
    emit(reply);
    emit({ type: "status", parent, state: "idle" });
    return reply;
  }

  /** Run cells in order (and remember that order for runStale); stops at the first error. */
  async runAll(cells: { id: string; code: string }[], emit: Emit, options: { timeoutMs?: number; requestId?: (i: number) => string } = {}): Promise<ExecuteReply[]> {
    this.order = cells.map((c) => c.id);
    return this.runInOrder(cells, emit, options);
  }

  private async runInOrder(cells: { id: string; code: string }[], emit: Emit, options: { timeoutMs?: number; requestId?: (i: number) => string }): Promise<ExecuteReply[]> {
    const replies: ExecuteReply[] = [];
    for (const [i, cell] of cells.entries()) {
      const id = options.requestId?.(i) ?? `run-all-${this.executionCount + 1}`;
      const reply = await this.execute({ type: "execute_request", id, cellId: cell.id, code: cell.code, timeoutMs: options.timeoutMs }, emit);
      replies.push(reply);
      if (reply.status !== "ok") break;
    }
    return replies;
  }

  /** Re-run the stale cells (and what keeps them right: stale.ts's plan), in notebook order, with the code they last ran. */
  async runStale(emit: Emit, options: { timeoutMs?: number } = {}): Promise<ExecuteReply[]> {
    const cells = this.graph.plan(this.order).map((id) => ({ id, code: this.sources.get(id) ?? "" }));
    return this.runInOrder(cells, emit, options);
  }

  stale(): string[] {
    return this.graph.stale(this.order);
  }

  /** What re-running or editing `cellId` would make stale. */
  dependants(cellId: string): string[] {
    return this.graph.dependants(cellId, this.order);
  }

  /** The student's top-level names (no builtins), in definition order. */
  names(): string[] {
    return Object.keys(this.scope).filter((n) => !this.builtinNames.has(n));
  }

  get(name: string): unknown {
    return Object.prototype.hasOwnProperty.call(this.scope, name) ? this.scope[name] : undefined;
  }

  variables(): VariableSummary[] {
    return this.names().map((n) => summarize(n, this.scope[n], this.definedBy.get(n) ?? null));
  }

  /** Every top-level binding with its full value (the CLI's --json). */
  variableValues(): Record<string, VariableValue> {
    return Object.fromEntries(this.names().map((n) => [n, describeValue(this.scope[n])]));
  }

  /** "Show more": the first `upTo` characters of a cut output, cut as capBundle does; throws when it is gone. */
  moreOutput(outputId: string, upTo: number): { text: string; shown: number; total: number } {
    const value = this.cut.get(outputId);
    if (value === undefined) throw new Error("the rest of this output is no longer kept in the kernel (the cell ran again, the kernel restarted, or newer long outputs replaced it): run the cell again to see it");
    const shown = Math.min(value.length, Math.max(0, Math.floor(upTo)));
    return { text: cutText(value, shown), shown, total: value.length };
  }

  /**
   * Full values of a variable (inspect.ts: any value's text cut at the output limit, the rest kept for
   * "show more") or of a traced step's tensor; throws with a message when there is none.
   */
  inspect(target: InspectTarget): VariableValue | TensorValue {
    if (target.kind === "step") return inspectStep(this.traces.get(target.cellId), target);
    if (!Object.prototype.hasOwnProperty.call(this.scope, target.name)) throw new Error(`${target.name} is not defined`);
    return inspectVariable(this.scope[target.name], this.limits.maxChars, (text) => this.cut.keep(this.definedBy.get(target.name) ?? null, text));
  }

  /** Evaluate `${expr}`s against the scope: no outputs, no trace, no stale bookkeeping. */
  private async userExpressions(expressions: Record<string, string>, timeoutMs: number | undefined): Promise<Record<string, UserExpressionResult>> {
    const results: Record<string, UserExpressionResult> = {};
    for (const [key, expr] of Object.entries(expressions)) {
      try {
        const compiled = compileCell(`(${expr}\n)`, { filename: `stepbook-expr-${this.scriptId()}.js`, isKnown: (n) => n in this.scope });
        this.guard.begin(timeoutMs);
        const value = await this.run(compiled.code, compiled.filename, "inline", timeoutMs);
        // prose shows a string as it is, not as a quoted repr
        const text = typeof value === "string" ? value : toMimeBundle(value)["text/plain"];
        results[key] = { status: "ok", text: typeof text === "string" ? text : String(value) };
      } catch (error) {
        const e = error instanceof Error ? error : new Error(String(error));
        results[key] = { status: "error", ename: e.name, evalue: e.message };
      } finally {
        this.guard.end();
      }
    }
    return results;
  }

  /**
   * Runs an exercise's hidden solution in a scratch scope (a child of the real one: it reads the lesson's
   * names, and what it defines stays in the child) with its outputs dropped, and returns what it defined.
   * A solution that fails gives no reference: check() then says so.
   */
  private async referenceValues(code: string, cellId: string, timeoutMs: number | undefined, execution: Execution): Promise<Map<string, unknown>> {
    const scope = this.scope;
    const scratch = Object.create(scope) as Record<string, unknown>;
    const quiet: Execution = { sink: new OutputSink(() => undefined, null, cellId, this.limits), state: new Map(), atEnd: [] };
    this.scope = scratch;
    this.current = quiet;
    try {
      const compiled = compileCell(code, { filename: `stepbook-reference-${this.scriptId()}.js`, isKnown: (n) => n in scratch });
      this.guard.begin(timeoutMs);
      await this.run(compiled.code, compiled.filename, cellId, timeoutMs);
    } catch {
      /* no reference */
    } finally {
      this.guard.end();
      this.scope = scope;
      this.current = execution;
    }
    return new Map(Object.keys(scratch).map((n) => [n, scratch[n]]));
  }

  private scriptId = (() => {
    let n = 0;
    return () => ++n;
  })();

  private async run(code: string, filename: string, cellId: string, timeoutMs: number | undefined): Promise<unknown> {
    const slot = globalThis as unknown as Record<symbol, unknown>;
    slot[SLOT] = [cellHandle(cellId, this.scope), this.scope, this.guard];
    let result: unknown;
    try {
      try {
        result = this.evaluate(code, filename, timeoutMs);
      } finally {
        delete slot[SLOT];
        this.repairs.restore();
      }
      return await Promise.race([result, this.guard.stopped]);
    } finally {
      // before the kernel's own code runs again (error reports, outputs, the reply)
      this.repairs.restore();
    }
  }

  private displayTarget(): DisplayTarget {
    const noState = new Map<string, unknown>();
    return {
      display: (data, metadata, id) => this.current?.sink.display(data, metadata, id),
      update: (id, data, metadata) => this.current?.sink.update(id, data, metadata),
      newDisplayId: () => `display-${++this.displayCount}`,
      executionState: () => this.current?.state ?? noState,
      atEnd: (fn) => this.current?.atEnd.push(fn),
      markShown: (value) => this.shown.add(value),
      checkInterrupt: () => this.guard.check(),
      yieldToKernel: async () => {
        this.guard.check();
        await Promise.race([new Promise((resolve) => setTimeout(resolve, 0)), this.guard.stopped]);
        this.guard.check();
      },
      widgetValue: (name) => (Object.prototype.hasOwnProperty.call(this.widgets, name) ? this.widgets[name] : undefined),
      lookup: (name) => (Object.prototype.hasOwnProperty.call(this.scope, name) ? { found: true, value: this.scope[name] }
        : { found: false, near: nearest(name, Object.keys(this.scope).filter((n) => !this.builtinNames.has(n))) ?? undefined }),
      reference: (name) => {
        const ref = this.current?.reference;
        if (!ref) return null;
        return ref.has(name) ? { found: true, value: ref.get(name) } : { found: false };
      },
    };
  }
}
