// Runtime state of an open lesson, apart from the saved cell data (the NotebookDoc and the student's
// edits). It changes only through `transition(state, event)`: a pure function over kernel messages and
// the UI's own events, as in marimo's transitionCell. Components read it; nothing else writes it.
import type { KernelMessage, KernelState, SourcePosition } from "../../kernel/protocol/messages.ts";
import type { MimeBundle } from "../../kernel/protocol/mime.ts";
import type { TraceSummary } from "../../kernel/protocol/values.ts";

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
  /** inputs changed since the cell last ran (an upstream cell was edited or re-run). */
  stale: boolean;
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
}

/** Events the UI itself produces (the kernel's are KernelMessages). */
export type UiEvent =
  | { type: "ui/queued"; cellId: string; source: string }
  /** the first message of a cell's execute request arrived: now we know its request id. */
  | { type: "ui/bound"; requestId: string; cellId: string }
  | { type: "ui/edited"; cellId: string; source: string }
  | { type: "ui/restarted" }
  | { type: "ui/kernel-died" }
  | { type: "ui/cleared"; cellId: string };

export type RuntimeEvent = KernelMessage | UiEvent;

export const emptyCell = (): CellRuntime => ({
  status: "idle", executionCount: null, outputs: [], stale: false, ranSource: null, trace: null, error: null, defines: [], uses: [],
});

export const initialRuntime = (): RuntimeState => ({ kernel: "starting", cells: {}, requests: {} });

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

/** Cells (other than `cellId`) that use a name `cellId` defines. */
function dependants(state: RuntimeState, cellId: string, names: readonly string[]): string[] {
  if (names.length === 0) return [];
  const set = new Set(names);
  return Object.entries(state.cells)
    .filter(([id, c]) => id !== cellId && c.status === "idle" && c.ranSource !== null && c.uses.some((u) => set.has(u)))
    .map(([id]) => id);
}

function markStale(state: RuntimeState, ids: readonly string[]): RuntimeState {
  let next = state;
  for (const id of ids) next = withCell(next, id, (c) => ({ ...c, stale: true }));
  return next;
}

export function transition(state: RuntimeState, event: RuntimeEvent): RuntimeState {
  switch (event.type) {
    case "ui/queued":
      return withCell(state, event.cellId, (c) => ({
        ...c, status: "queued", outputs: [], error: null, trace: null, ranSource: event.source, stale: false,
      }));
    case "ui/bound":
      return { ...state, requests: { ...state.requests, [event.requestId]: event.cellId } };
    case "ui/edited": {
      const cell = state.cells[event.cellId];
      if (!cell || cell.ranSource === null || cell.ranSource === event.source) return state;
      return markStale(withCell(state, event.cellId, (c) => ({ ...c, stale: true })), dependants(state, event.cellId, cell.defines));
    }
    case "ui/cleared":
      return withCell(state, event.cellId, (c) => ({ ...c, outputs: [], error: null, trace: null }));
    case "ui/restarted":
    case "ui/kernel-died": {
      // Outputs stay on screen (they are what the student last saw); every cell that ran is now stale.
      const cells: Record<string, CellRuntime> = {};
      for (const [id, c] of Object.entries(state.cells)) {
        cells[id] = { ...c, status: "idle", stale: c.ranSource !== null || c.stale };
      }
      return { kernel: event.type === "ui/restarted" ? "starting" : "dead", cells, requests: {} };
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
      return markStale(state, event.cells);
    case "execute_reply": {
      const { [event.parent]: _done, ...requests } = state.requests;
      const prev = state.cells[event.cellId];
      let next = withCell({ ...state, requests }, event.cellId, (c) => ({
        ...c, status: "idle", executionCount: event.executionCount, defines: event.defines, uses: event.uses,
      }));
      // Re-running a cell redefines its names: cells that read them are now out of date.
      if (event.status === "ok" && prev) next = markStale(next, dependants(next, event.cellId, event.defines));
      return next;
    }
    case "interrupt_reply":
    case "restart_reply":
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
