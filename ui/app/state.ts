// Runtime state of an open lesson, apart from the saved cell data (the NotebookDoc and the student's
// edits). It changes only through `transition(state, event)`: a pure function over kernel messages and
// the UI's own events, as in marimo's transitionCell. Components read it; nothing else writes it.
import type { KernelMessage, KernelState, SourcePosition } from "../../kernel/protocol/messages.ts";
import type { MimeBundle } from "../../kernel/protocol/mime.ts";
import type { TraceSummary } from "../../kernel/protocol/values.ts";
import { staleCells, staleRunPlan, type CellRun, type StaleReason } from "../../kernel/runtime/stale.ts";
export type { StaleReason };

export type CellStatus = "idle" | "queued" | "running";

/** One output of a cell, in the order it arrived. */
export type OutputItem =
  | { kind: "stream"; name: "stdout" | "stderr"; text: string }
  | { kind: "display"; data: MimeBundle; displayId?: string }
  | { kind: "result"; data: MimeBundle; executionCount: number }
  | { kind: "error"; ename: string; evalue: string; traceback: string[]; position: SourcePosition | null };

export interface CellRuntime {
  status: CellStatus;
  executionCount: number | null;
  outputs: OutputItem[];
  /** stale, by kernel/runtime/stale.ts's rule: a cell above it that defines a name it read changed or ran again. */
  stale: boolean;
  /** why it is stale (null when it is not). */
  staleReason: StaleReason | null;
  /** when it last finished running, on the state's clock; null: not yet. */
  ranAt: number | null;
  /** its source was edited since it ran. */
  edited: boolean;
  /** it ran, but the kernel restarted (or died) since: its values are gone. */
  lost: boolean;
  /** the source the cell last ran with; an edit after that marks it (and its dependants) stale. */
  ranSource: string | null;
  trace: TraceSummary | null;
  error: SourcePosition | null;
  defines: string[];
  uses: string[];
}

export interface RuntimeState {
  kernel: KernelState | "dead";
  cells: Readonly<Record<string, CellRuntime>>;
  /** request id -> cell id, for the requests still running or queued. */
  requests: Readonly<Record<string, string>>;
  /** the code cells in notebook order (staleness reads the lesson top to bottom). */
  order: readonly string[];
  /** counts finished runs. */
  clock: number;
}

/** Events the UI itself produces (the kernel's are KernelMessages). */
export type UiEvent =
  | { type: "ui/queued"; cellId: string; source: string }
  /** the first message of a cell's execute request arrived: now we know its request id. */
  | { type: "ui/bound"; requestId: string; cellId: string }
  | { type: "ui/edited"; cellId: string; source: string }
  /** the lesson's code cells, top to bottom (on opening, and when cells are added, moved or removed). */
  | { type: "ui/order"; cells: readonly string[] }
  | { type: "ui/restarted" }
  | { type: "ui/kernel-died" }
  | { type: "ui/cleared"; cellId: string };

export type RuntimeEvent = KernelMessage | UiEvent;

export const emptyCell = (): CellRuntime => ({
  status: "idle", executionCount: null, outputs: [], stale: false, staleReason: null, ranAt: null, edited: false, lost: false,
  ranSource: null, trace: null, error: null, defines: [], uses: [],
});

export const initialRuntime = (): RuntimeState => ({ kernel: "starting", cells: {}, requests: {}, order: [], clock: 0 });

function withCell(state: RuntimeState, cellId: string, f: (c: CellRuntime) => CellRuntime): RuntimeState {
  return { ...state, cells: { ...state.cells, [cellId]: f(state.cells[cellId] ?? emptyCell()) } };
}

/** Append an output; consecutive stream text of the same name joins into one block, as in Jupyter. */
export function appendOutput(outputs: OutputItem[], item: OutputItem): OutputItem[] {
  const last = outputs[outputs.length - 1];
  if (item.kind === "stream" && last?.kind === "stream" && last.name === item.name) {
    return [...outputs.slice(0, -1), { ...last, text: last.text + item.text }];
  }
  return [...outputs, item];
}

function cellOf(state: RuntimeState, m: { parent: string | null; cellId?: string | null }): string | null {
  return m.cellId ?? (m.parent !== null ? state.requests[m.parent] ?? null : null);
}

/** The cells' runs in notebook order, as stale.ts reads them. */
function cellRuns(state: RuntimeState): CellRun[] {
  const known = new Set(state.order);
  const ids = [...state.order, ...Object.keys(state.cells).filter((id) => !known.has(id))];
  return ids.flatMap((id) => {
    const c = state.cells[id];
    return c ? [{ id, defines: c.defines, uses: c.uses, lastRun: c.ranAt, edited: c.edited, lost: c.lost }] : [];
  });
}

/** What Run stale runs: the stale cells and what keeps them right (stale.ts's staleRunPlan). */
export function runStalePlan(state: RuntimeState): Set<string> {
  return new Set(staleRunPlan(cellRuns(state)));
}

/** Recompute every cell's staleness from the runs, the edits and the notebook order (stale.ts). */
function settleStale(state: RuntimeState): RuntimeState {
  const reasons = staleCells(cellRuns(state));
  const cells: Record<string, CellRuntime> = {};
  for (const [id, c] of Object.entries(state.cells)) {
    // a cell queued or running is about to be fresh; an edited cell that never ran is just new code
    const reason = c.status === "idle" ? reasons.get(id) ?? null : null;
    cells[id] = c.stale === (reason !== null) && c.staleReason === reason ? c : { ...c, stale: reason !== null, staleReason: reason };
  }
  return { ...state, cells };
}

/** The next state after `event`. */
export function transition(state: RuntimeState, event: RuntimeEvent): RuntimeState {
  const next = step(state, event);
  return next !== state && SETTLES.has(event.type) ? settleStale(next) : next;
}

const SETTLES = new Set<RuntimeEvent["type"]>(["ui/queued", "ui/edited", "ui/order", "ui/restarted", "ui/kernel-died", "status", "execute_reply"]);

function step(state: RuntimeState, event: RuntimeEvent): RuntimeState {
  switch (event.type) {
    case "ui/queued":
      return withCell(state, event.cellId, (c) => ({
        ...c, status: "queued", outputs: [], error: null, trace: null, ranSource: event.source, edited: false,
      }));
    case "ui/bound":
      return { ...state, requests: { ...state.requests, [event.requestId]: event.cellId } };
    case "ui/edited": {
      const cell = state.cells[event.cellId];
      if (!cell || cell.ranSource === null || cell.edited === (cell.ranSource !== event.source)) return state;
      return withCell(state, event.cellId, (c) => ({ ...c, edited: c.ranSource !== event.source }));
    }
    case "ui/order":
      return { ...state, order: [...event.cells] };
    case "ui/cleared":
      return withCell(state, event.cellId, (c) => ({ ...c, outputs: [], error: null, trace: null }));
    case "ui/restarted":
    case "ui/kernel-died": {
      // Outputs stay on screen (they are what the student last saw); every cell that ran lost its values,
      // and its prompt reads "[ ]" until it runs again (as in Jupyter), never the old count nor "[0]".
      const cells: Record<string, CellRuntime> = {};
      for (const [id, c] of Object.entries(state.cells)) {
        cells[id] = { ...c, status: "idle", executionCount: null, lost: c.lost || c.ranAt !== null };
      }
      return { ...state, kernel: event.type === "ui/restarted" ? "starting" : "dead", cells, requests: {} };
    }
    case "status": {
      let next: RuntimeState = { ...state, kernel: event.state };
      const cellId = event.parent !== null ? state.requests[event.parent] : undefined;
      if (cellId && event.state === "busy") next = withCell(next, cellId, (c) => ({ ...c, status: "running" }));
      return next;
    }
    case "stream": {
      const id = cellOf(state, event);
      return id === null ? state : withCell(state, id, (c) => ({ ...c, outputs: appendOutput(c.outputs, { kind: "stream", name: event.name, text: event.text }) }));
    }
    case "display_data": {
      const id = cellOf(state, event);
      const item: OutputItem = { kind: "display", data: event.data, ...(event.displayId ? { displayId: event.displayId } : {}) };
      return id === null ? state : withCell(state, id, (c) => ({ ...c, outputs: appendOutput(c.outputs, item) }));
    }
    case "update_display_data": {
      // Update in place wherever that display is shown (a progress bar); unknown ids are ignored.
      const cells: Record<string, CellRuntime> = {};
      for (const [id, c] of Object.entries(state.cells)) {
        const hit = c.outputs.some((o) => o.kind === "display" && o.displayId === event.displayId);
        cells[id] = hit
          ? { ...c, outputs: c.outputs.map((o) => (o.kind === "display" && o.displayId === event.displayId ? { ...o, data: event.data } : o)) }
          : c;
      }
      return { ...state, cells };
    }
    case "execute_result":
      return withCell(state, event.cellId, (c) => ({
        ...c, executionCount: event.executionCount,
        outputs: appendOutput(c.outputs, { kind: "result", data: event.data, executionCount: event.executionCount }),
      }));
    case "error": {
      const id = cellOf(state, event);
      const item: OutputItem = { kind: "error", ename: event.ename, evalue: event.evalue, traceback: event.traceback, position: event.position };
      return id === null ? state : withCell(state, id, (c) => ({ ...c, outputs: appendOutput(c.outputs, item), error: event.position }));
    }
    case "trace":
      return withCell(state, event.cellId, (c) => ({ ...c, trace: event.trace }));
    case "stale":
      // the kernel's own list (for the CLI and runStale); the page applies the same rule with the
      // lesson's order and the student's unsaved edits (settleStale)
      return state;
    case "execute_reply": {
      const { [event.parent]: _done, ...requests } = state.requests;
      // A queued cell that never ran (Stop, or an earlier cell failed in Run all) is just idle again.
      if (event.status === "aborted") return withCell({ ...state, requests }, event.cellId, (c) => ({ ...c, status: "idle" }));
      const clock = state.clock + 1;
      // a reply the client made up for a cell the kernel never counted (a restart mid-run) says 0: no count
      const executionCount = event.executionCount > 0 ? event.executionCount : null;
      return withCell({ ...state, requests, clock }, event.cellId, (c) => ({
        ...c, status: "idle", executionCount, defines: event.defines, uses: event.uses, ranAt: clock, lost: false,
      }));
    }
    case "interrupt_reply":
    case "restart_reply":
    case "heartbeat_reply":
    case "running_at":
    case "output_reply":
    case "inspect_reply":
    case "variables_reply":
      return state;
    default:
      return logNever(event, state);
  }
}

// Every event type is handled above (the compiler checks); one from a newer kernel is logged and ignored.
function logNever(x: never, state: RuntimeState): RuntimeState {
  console.warn("stepbook: unhandled runtime event", x);
  return state;
}
