// Jupyter's command mode: keys pressed with focus on a cell (not typing) move between cells, open the
// editor, insert and delete cells. A lit ReactiveController: it listens on the document while its
// host is connected, and acts on the host's lesson through the CommandContext it is given.
import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { CodeCell, NotebookDoc } from "../document/index.ts";
import { ADDED_PREFIX, deleteCell, insertCell, type SavedWork } from "./saved-work.ts";
import { commandFor, isTyping, type Command } from "./commands.ts";

/** What command mode reads from the app and asks it to do. */
export interface CommandContext {
  /** the open lesson (as published) and the student's work on it. */
  lesson(): { doc: NotebookDoc; work: SavedWork } | null;
  /** a dialog (the keyboard help) is over the lesson. */
  dialogOpen(): boolean;
  authoring(): boolean;
  codeCells(): CodeCell[];
  concealed(cell: CodeCell): boolean;
  openHelp(): void;
  startEdit(cellId: string): void;
  /** the cell is going away: stop editing it, close its trace. */
  release(cellId: string): void;
  setWork(work: SavedWork): void;
  confirm(message: string): boolean;
  notify(message: string): void;
}

export class CommandMode implements ReactiveController {
  /** the first key of a two-key command ("d" of "d d"), while the second may follow. */
  private pendingKey: { key: string; at: number } | null = null;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement, private readonly app: CommandContext) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener("keydown", this.onKey);
  }

  hostDisconnected(): void {
    document.removeEventListener("keydown", this.onKey);
  }

  /** Keys with focus on a cell (not typing): Jupyter's command mode. `?`/`h` work anywhere on the lesson. */
  private onKey = (e: KeyboardEvent) => {
    if (!this.app.lesson() || this.app.dialogOpen() || e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
    const pending = this.pendingKey && e.timeStamp - this.pendingKey.at < 1000 ? this.pendingKey.key : null;
    const { command, pending: next } = commandFor(e.key, pending);
    this.pendingKey = next ? { key: next, at: e.timeStamp } : null;
    if (!command) return;
    const cellEl = (e.target as Element).closest?.<HTMLElement>("sb-code-cell");
    const cellId = cellEl && this.host.contains(cellEl) ? cellEl.dataset.cell ?? null : null;
    if (command === "help") { e.preventDefault(); this.app.openHelp(); return; }
    // the other commands act on the focused cell; Enter on a button is the button's
    if (!cellId || (command === "edit" && (e.target as Element).closest("button, a"))) return;
    e.preventDefault();
    this.command(command, cellId);
  };

  private command(command: Exclude<Command, "help">, cellId: string): void {
    const cells = this.app.codeCells();
    const at = cells.findIndex((c) => c.id === cellId);
    switch (command) {
      case "edit":
        if (!this.app.concealed(cells[at]!) && !cells[at]!.options.readonly) this.app.startEdit(cellId);
        break;
      case "next":
      case "previous": {
        const to = cells[at + (command === "next" ? 1 : -1)];
        if (to) void this.focusCell(to.id);
        break;
      }
      case "insert-above":
      case "insert-below":
        this.insert(cellId, command === "insert-above" ? "above" : "below");
        break;
      case "delete":
        this.dropCell(cellId, cells[at + 1]?.id ?? cells[at - 1]?.id ?? null);
        break;
      default:
        logNever(command);
    }
  }

  private async focusCell(cellId: string): Promise<void> {
    await this.host.updateComplete;
    const el = this.host.querySelector<HTMLElement & { updateComplete?: Promise<unknown> }>(`sb-code-cell[data-cell="${CSS.escape(cellId)}"]`);
    await el?.updateComplete;
    const target = el?.querySelector<HTMLElement>(".code-view") ?? el?.querySelector<HTMLElement>("section.code-cell");
    target?.focus();
    target?.scrollIntoView({ block: "nearest" });
  }

  /** A new, empty code cell of the student's: saved with their work, in the downloads, focused. */
  private insert(cellId: string, where: "above" | "below"): void {
    const lesson = this.app.lesson();
    if (!lesson) return;
    if (this.app.authoring()) { this.app.notify("In lecturer mode, add cells in the lesson file."); return; }
    const id = `${ADDED_PREFIX}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    this.app.setWork(insertCell(lesson.doc, lesson.work, cellId, where, id));
    void this.focusCell(id);
  }

  /** Delete a cell: the student's own is gone; a lesson cell is hidden for them (Reset lesson brings it back). */
  private dropCell(cellId: string, focusNext: string | null): void {
    const lesson = this.app.lesson();
    if (!lesson) return;
    if (this.app.authoring()) { this.app.notify("In lecturer mode, delete cells in the lesson file."); return; }
    const mine = !!lesson.work.added?.some((a) => a.id === cellId);
    const source = this.app.codeCells().find((c) => c.id === cellId)?.source ?? "";
    const question = mine
      ? "Delete this cell of yours? Its code is lost."
      : "Hide this cell of the lesson? \"Reset lesson\" brings it back (and discards your other edits).";
    if ((!mine || source.trim() !== "") && !this.app.confirm(question)) return;
    this.app.release(cellId);
    this.app.setWork(deleteCell(lesson.doc, lesson.work, cellId));
    if (focusNext) void this.focusCell(focusNext);
  }
}

function logNever(x: never): void {
  console.warn("stepbook: unhandled command", x);
}
