// The app shell: routes between the course index and a lesson, holds the open lesson's saved data
// (the lesson, the student's edits) apart from its runtime state (RuntimeState, moved only by
// `transition`), and does the effects: the kernel, autosave to IndexedDB, downloads, the dev server.
// The sb-* elements it renders are thin: data in by properties, CustomEvents out.
import { html, nothing, type PropertyValues } from "lit";
import { customElement, state } from "lit/decorators.js";
import type { KernelConnection } from "../../kernel/protocol/connection.ts";
import type { KernelMessage } from "../../kernel/protocol/messages.ts";
import type { TensorValue, VariableSummary } from "../../kernel/protocol/values.ts";
import { serializeNotebook, type Cell, type CodeCell, type NotebookDoc } from "../document/index.ts";
import { renderDocument, type CellValues, type RenderedDocument } from "../render/render.ts";
import { LightElement } from "../components/light-element.ts";
import type { StepValues } from "../components/sb-trace-view.ts";
import type { BoundValue } from "../components/sb-value-popover.ts";
import type { BindsHoverDetail } from "../components/sb-markdown-cell.ts";
import type { ToolbarAction } from "../components/sb-toolbar.ts";
import type { TensorData } from "../components/sb-tensor-view.ts";
import { bundledCourse, entryOf, parseLesson, sortLessons, type LessonEntry } from "./course.ts";
import { ADDED_PREFIX, applyWork, debounce, deleteCell, forgetWork, hasEdits, insertCell, loadWork, saveWork, upstreamChanges, type SavedWork } from "./saved-work.ts";
import { commandFor, isTyping, type Command } from "./commands.ts";
import { initialRuntime, transition, type RuntimeEvent, type RuntimeState } from "./state.ts";
import { mergeInlineValues, userExpressionsOf } from "./inline-values.ts";
import { parseRoute, type Route } from "./route.ts";
import { setCellNames } from "./monaco.ts";

export interface AppOptions {
  createKernel: () => KernelConnection;
  /** POST a lesson's text to the dev server; absent in a static build. */
  saveLesson?: (name: string, text: string) => Promise<string>;
  confirm?: (message: string) => boolean;
  /** show only this lesson (an exported page): no course index, no hash routes. */
  lesson?: { name: string; text: string };
}

interface OpenLesson {
  entry: LessonEntry;
  /** the lesson as published (or as the lecturer is editing it). */
  doc: NotebookDoc;
  /** the student's work: sources by cell id, the lesson text it started from. */
  work: SavedWork;
  /** the lesson changed upstream since the student's edits began. */
  upstream: { changed: string[]; conflicts: string[] } | null;
}

const AUTOSAVE_MS = 400;
const PLAY_MS = 900;

@customElement("sb-app")
export class SbApp extends LightElement {
  options!: AppOptions;
  @state() private route: Route = { view: "index" };
  @state() private lessons: LessonEntry[] = bundledCourse();
  @state() private edited = new Set<string>();
  @state() private lesson: OpenLesson | null = null;
  @state() private rendered: RenderedDocument = { cells: [], equations: [] };
  /** markdown cell -> `${expr}` -> its text, from the kernel's user_expressions after each run. */
  private inlineValues: CellValues = {};
  @state() private runtime: RuntimeState = initialRuntime();
  @state() private editingCell: string | null = null;
  @state() private traceOpen: string | null = null;
  @state() private traceIndex = 0;
  @state() private stepValues: StepValues = {};
  @state() private playing = false;
  @state() private variables: VariableSummary[] = [];
  @state() private variablesOpen = false;
  @state() private inspected: { name: string; value: TensorValue | null } | null = null;
  @state() private hover: { values: BoundValue[]; x: number; y: number } | null = null;
  @state() private authoring = false;
  @state() private saveState = "";
  @state() private notice = "";
  @state() private helpOpen = false;
  /** the first key of a two-key command ("d" of "d d"), while the second may follow. */
  private pendingKey: { key: string; at: number } | null = null;
  private kernel: KernelConnection | null = null;
  private unsubscribe: (() => void) | null = null;
  private playTimer: ReturnType<typeof setInterval> | undefined;
  private lastSavedText = new Map<string, string>();
  private persist = debounce((work: SavedWork) => void saveWork(work).catch((e) => (this.notice = `Could not save your edits: ${e}`)), AUTOSAVE_MS);
  private saveToFile = debounce(() => void this.writeLessonFile(), 800);

  // ---- lifecycle -------------------------------------------------------------------------------------

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener("hashchange", this.onRoute);
    addEventListener("pagehide", this.flush);
    document.addEventListener("visibilitychange", this.flush);
    document.addEventListener("keydown", this.onCommandKey);
    this.onRoute();
    void this.loadEditedMarks();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener("hashchange", this.onRoute);
    removeEventListener("pagehide", this.flush);
    document.removeEventListener("visibilitychange", this.flush);
    document.removeEventListener("keydown", this.onCommandKey);
    this.stopPlay();
    this.unsubscribe?.();
    this.kernel?.dispose();
  }

  private flush = () => this.persist.flush();

  private opening: Promise<void> = Promise.resolve();

  private onRoute = () => {
    const single = this.options.lesson;
    if (single) {
      if (this.route.view === "lesson") return;
      this.lessons = [entryOf(single.name, single.text)];
      this.route = { view: "lesson", name: single.name };
      this.opening = this.open(single.name);
      return;
    }
    const route = parseRoute(location.hash);
    if (!route) return; // an in-page anchor
    this.route = route;
    if (this.route.view === "lesson") this.opening = this.open(this.route.name);
    else { this.lesson = null; document.title = "Stepbook"; void this.loadEditedMarks(); }
  };

  /** Once the lesson is open: run every cell, or open the first code cell's editor (exported pages). */
  async start(action: "run" | "edit"): Promise<void> {
    await this.opening;
    if (action === "run") { await this.runAll(); return; }
    const first = this.codeCells().find((c) => !this.concealed(c));
    if (!first) return;
    this.editingCell = first.id;
    this.syncCellNames();
    await this.updateComplete;
    this.querySelector(`sb-code-cell[data-cell="${CSS.escape(first.id)}"]`)?.scrollIntoView({ block: "nearest" });
  }

  private async loadEditedMarks(): Promise<void> {
    const marks = new Set<string>();
    for (const l of this.lessons) if (hasEdits(await loadWork(l.name).catch(() => undefined))) marks.add(l.name);
    this.edited = marks;
  }

  // ---- opening a lesson ------------------------------------------------------------------------------

  private async open(name: string): Promise<void> {
    if (this.lesson?.entry.name === name) return;
    this.persist.flush();
    const entry = this.lessons.find((l) => l.name === name);
    if (!entry) { this.notice = `There is no lesson named "${name}".`; this.lesson = null; return; }
    let doc: NotebookDoc;
    try {
      doc = parseLesson(entry);
    } catch (e) {
      this.notice = `This lesson could not be read: ${e instanceof Error ? e.message : e}`;
      this.lesson = null;
      return;
    }
    const saved = await loadWork(name).catch(() => undefined);
    const work: SavedWork = saved ?? { version: 1, lesson: name, base: entry.text, sources: {}, revealed: [], savedAt: 0 };
    this.lesson = { entry, doc, work, upstream: this.upstreamOf(work, entry, doc) };
    this.notice = "";
    this.editingCell = null;
    this.traceOpen = null;
    this.inspected = null;
    this.inlineValues = {};
    document.title = `${doc.meta.title} · Stepbook`;
    this.startKernel();
    this.rerender();
  }

  private upstreamOf(work: SavedWork, entry: LessonEntry, doc: NotebookDoc): OpenLesson["upstream"] {
    if (work.base === entry.text || Object.keys(work.sources).length === 0) return null;
    try {
      const changes = upstreamChanges(parseLesson({ ...entry, text: work.base }), doc, work.sources);
      return { ...changes, conflicts: changes.conflicts.filter((id) => !work.kept?.includes(id)) };
    } catch {
      return { changed: [], conflicts: [] };
    }
  }

  private startKernel(): void {
    this.unsubscribe?.();
    this.kernel?.dispose();
    this.runtime = initialRuntime();
    this.variables = [];
    this.kernel = this.options.createKernel();
    this.unsubscribe = this.kernel.onMessage((m) => this.dispatch(m));
  }

  private dispatch(event: RuntimeEvent): void {
    this.runtime = transition(this.runtime, event);
    if (event.type === "execute_reply") void this.refreshVariables();
  }

  // ---- the document the student sees -----------------------------------------------------------------

  /** The lesson with the student's edits in place. */
  private get doc(): NotebookDoc | null {
    return this.lesson ? applyWork(this.lesson.doc, this.lesson.work) : null;
  }

  private rerender(): void {
    const doc = this.doc;
    if (!doc) return;
    try {
      this.rendered = renderDocument(doc, { values: this.inlineValues });
    } catch (e) {
      this.notice = `Rendering failed: ${e instanceof Error ? e.message : e}`;
    }
  }

  private async refreshVariables(): Promise<void> {
    if (!this.kernel) return;
    try {
      this.variables = await this.kernel.variables();
      this.rerender();
      this.syncCellNames();
      if (this.inspected) void this.inspect(this.inspected.name);
    } catch {
      /* the kernel restarted meanwhile */
    }
  }

  /** Tell Monaco the names earlier cells defined (not the edited cell's own: it may redefine them). */
  private syncCellNames(): void {
    const cellId = this.editingCell;
    if (!cellId || this.authoring) return;
    const own = new Set(this.runtime.cells[cellId]?.defines ?? []);
    void setCellNames(this.variables.filter((v) => !own.has(v.name))).catch(() => undefined);
  }

  // ---- running ---------------------------------------------------------------------------------------

  private codeCells(): CodeCell[] {
    return (this.doc?.cells ?? []).filter((c): c is CodeCell => c.type === "code");
  }

  private concealed(cell: Cell): boolean {
    return cell.type === "code" && !!cell.options.solution && !!cell.options.hidden && !this.lesson?.work.revealed.includes(cell.id);
  }

  private run(cellId: string): Promise<boolean> {
    const cell = this.codeCells().find((c) => c.id === cellId);
    if (!cell || !this.kernel || this.concealed(cell)) return Promise.resolve(false);
    this.dispatch({ type: "ui/queued", cellId, source: cell.source });
    let bound = false;
    return this.kernel
      .execute(cell.source, {
        cellId, trace: !!cell.options.trace,
        userExpressions: this.doc ? userExpressionsOf(this.doc, cellId) : undefined,
        onMessage: (m: KernelMessage) => {
          if (!bound && "parent" in m && m.parent) { bound = true; this.dispatch({ type: "ui/bound", requestId: m.parent, cellId }); }
        },
      })
      .then((outcome) => {
        this.inlineValues = mergeInlineValues(this.inlineValues, outcome.reply.userExpressions);
        this.rerender();
        if (this.traceOpen === cellId) void this.showStep(cellId, 0);
        return outcome.reply.status === "ok";
      })
      .catch(() => false);
  }

  private async runAll(filter: (c: CodeCell) => boolean = () => true): Promise<void> {
    const cells = this.codeCells().filter((c) => !this.concealed(c) && filter(c));
    // Queue them all (the kernel runs them in order); stop at the first that fails, as Jupyter does.
    const results = cells.map((c) => this.run(c.id));
    for (const r of results) if (!(await r)) { await this.kernel?.interrupt(); break; }
  }

  private async stop(): Promise<void> {
    await this.kernel?.interrupt();
  }

  private async restart(): Promise<void> {
    if (!this.kernel) return;
    this.stopPlay();
    this.dispatch({ type: "ui/restarted" });
    this.inlineValues = {};
    await this.kernel.restart();
    this.variables = [];
    this.inspected = null;
    this.rerender();
  }

  // ---- editing and saving ----------------------------------------------------------------------------

  private edit(cellId: string, source: string): void {
    const lesson = this.lesson;
    if (!lesson) return;
    if (this.authoring) {
      // The lecturer edits the lesson itself; it goes back to notebooks/NAME.md.
      lesson.doc = { ...lesson.doc, cells: lesson.doc.cells.map((c) => (c.id === cellId ? { ...c, source } : c)) };
      this.lesson = { ...lesson };
      this.saveState = "editing…";
      this.saveToFile();
    } else {
      const original = lesson.doc.cells.find((c) => c.id === cellId)?.source;
      const sources = { ...lesson.work.sources };
      if (source === original) delete sources[cellId];
      else sources[cellId] = source;
      this.setWork({ ...lesson.work, sources });
    }
    this.dispatch({ type: "ui/edited", cellId, source });
    if (this.doc?.cells.find((c) => c.id === cellId)?.type === "markdown") this.rerender();
  }

  private setWork(work: SavedWork): void {
    if (!this.lesson) return;
    this.lesson = { ...this.lesson, work };
    this.persist(work);
  }

  private resetCell(cellId: string): void {
    const lesson = this.lesson;
    if (!lesson || !this.confirm("Reset this cell to the lesson's version? Your edits to it are lost.")) return;
    const { [cellId]: _gone, ...sources } = lesson.work.sources;
    this.setWork({ ...lesson.work, sources });
    this.dispatch({ type: "ui/edited", cellId, source: lesson.doc.cells.find((c) => c.id === cellId)?.source ?? "" });
  }

  private async resetLesson(): Promise<void> {
    const lesson = this.lesson;
    if (!lesson || !this.confirm("Reset the whole lesson to its published version? All your edits to it are lost.")) return;
    this.persist.flush();
    await forgetWork(lesson.entry.name);
    this.lesson = { ...lesson, work: { version: 1, lesson: lesson.entry.name, base: lesson.entry.text, sources: {}, revealed: [], savedAt: 0 }, upstream: null };
    this.rerender();
  }

  /** The lesson changed a cell the student edited: take the lesson's version (their edit is lost). */
  private takeLesson(cellId: string): void {
    const lesson = this.lesson;
    if (!lesson || !this.confirm("Replace your version of this cell with the lesson's? Your edits to it are lost.")) return;
    const { [cellId]: _gone, ...sources } = lesson.work.sources;
    this.setWork({ ...lesson.work, sources });
    this.dispatch({ type: "ui/edited", cellId, source: lesson.doc.cells.find((c) => c.id === cellId)?.source ?? "" });
    this.settleConflict(cellId);
  }

  /** One conflict is settled; when none is left the student has seen the update: the lesson is the new base. */
  private settleConflict(cellId: string): void {
    const lesson = this.lesson;
    if (!lesson?.upstream) return;
    const conflicts = lesson.upstream.conflicts.filter((id) => id !== cellId);
    if (conflicts.length === 0) { this.acceptUpstream(); return; }
    this.lesson = { ...lesson, upstream: { ...lesson.upstream, conflicts } };
    this.setWork({ ...lesson.work, kept: [...(lesson.work.kept ?? []), cellId] });
  }

  private acceptUpstream(): void {
    const lesson = this.lesson;
    if (!lesson) return;
    this.lesson = { ...lesson, upstream: null };
    const { kept: _settled, ...work } = this.lesson.work;
    this.setWork({ ...work, base: lesson.entry.text });
  }

  private reveal(cellId: string): void {
    const lesson = this.lesson;
    if (!lesson || !this.confirm("Show the solution? Try the exercise first: the check tells you where you are off.")) return;
    this.setWork({ ...lesson.work, revealed: [...lesson.work.revealed, cellId] });
  }

  private confirm(message: string): boolean {
    return (this.options.confirm ?? ((m: string) => window.confirm(m)))(message);
  }

  private download(format: "md" | "ipynb"): void {
    const doc = this.doc;
    if (!doc || !this.lesson) return;
    const text = serializeNotebook(doc, format);
    const blob = new Blob([text], { type: format === "md" ? "text/markdown" : "application/x-ipynb+json" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = `${this.lesson.entry.name}.${format}`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  // ---- lecturer: the dev server --------------------------------------------------------------------

  private async writeLessonFile(): Promise<void> {
    const lesson = this.lesson;
    if (!lesson || !this.options.saveLesson) return;
    const text = serializeNotebook(lesson.doc, "md");
    this.lastSavedText.set(lesson.entry.name, text);
    try {
      const result = await this.options.saveLesson(lesson.entry.name, text);
      this.saveState = result === "unchanged" ? "no changes" : `saved notebooks/${lesson.entry.name}.md`;
      const entry = entryOf(lesson.entry.name, text);
      this.lessons = sortLessons(this.lessons.map((l) => (l.name === entry.name ? entry : l)));
      if (this.lesson) this.lesson = { ...this.lesson, entry, work: { ...this.lesson.work, base: hasEdits(this.lesson.work) ? this.lesson.work.base : text } };
    } catch (e) {
      this.saveState = `not saved: ${e instanceof Error ? e.message : e}`;
    }
  }

  /** The lesson file changed on disk (hot reload): take the new lesson, keep the student's edits and the kernel. */
  lessonChanged(name: string, text: string): void {
    if (this.lastSavedText.get(name) === text) return; // our own save coming back
    const entry = entryOf(name, text);
    const known = this.lessons.some((l) => l.name === name);
    this.lessons = sortLessons(known ? this.lessons.map((l) => (l.name === name ? entry : l)) : [...this.lessons, entry]);
    const lesson = this.lesson;
    if (!lesson || lesson.entry.name !== name || entry.error) return;
    const doc = parseLesson(entry);
    const work = hasEdits(lesson.work) ? lesson.work : { ...lesson.work, base: text };
    this.lesson = { entry, doc, work, upstream: this.upstreamOf(work, entry, doc) };
    this.notice = "The lesson file changed: the page shows the new version. Your variables are kept.";
    this.rerender();
  }

  // ---- step-through ------------------------------------------------------------------------------------

  private toggleTrace(cellId: string): void {
    this.stopPlay();
    if (this.traceOpen === cellId) { this.traceOpen = null; return; }
    this.traceOpen = cellId;
    void this.showStep(cellId, 0);
  }

  private async showStep(cellId: string, index: number): Promise<void> {
    this.traceIndex = index;
    const step = this.runtime.cells[cellId]?.trace?.records[index];
    this.stepValues = {};
    if (!step || !this.kernel) return;
    const kernel = this.kernel;
    const fetch = async (which: "output" | "input", i?: number): Promise<TensorData | undefined> => {
      const reply = await kernel.inspect({ kind: "step", cellId, step: step.step, which, ...(i === undefined ? {} : { index: i }) }).catch(() => undefined);
      return reply?.status === "ok" && reply.value && reply.value.type === "tensor" ? { ...reply.value, name: reply.value.name ?? null } : undefined;
    };
    const [output, ...inputs] = await Promise.all([fetch("output"), ...step.shapes.inputs.map((_, i) => fetch("input", i))]);
    if (this.traceOpen === cellId && this.traceIndex === index) this.stepValues = { output, inputs };
  }

  private togglePlay(cellId: string, playing: boolean): void {
    this.stopPlay();
    if (!playing) return;
    this.playing = true;
    this.playTimer = setInterval(() => {
      const n = this.runtime.cells[cellId]?.trace?.records.length ?? 0;
      if (this.traceIndex + 1 >= n) { this.stopPlay(); return; }
      void this.showStep(cellId, this.traceIndex + 1);
    }, PLAY_MS);
  }

  private stopPlay(): void {
    clearInterval(this.playTimer);
    this.playing = false;
  }

  /** The equation of the lesson that binds the current step's name. */
  private boundEquation(): string | null {
    if (!this.traceOpen) return null;
    const name = this.runtime.cells[this.traceOpen]?.trace?.records[this.traceIndex]?.name;
    return name ? this.rendered.equations.find((e) => e.binds.includes(name))?.label ?? null : null;
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has("traceIndex") || changed.has("traceOpen")) {
      const label = this.boundEquation();
      if (label) {
        const eq = document.getElementById(label);
        const rect = eq?.getBoundingClientRect();
        // Bring the equation into view only when it is off screen, so the step controls stay put otherwise.
        if (eq && rect && (rect.bottom < 0 || rect.top > innerHeight)) eq.scrollIntoView({ block: "center", behavior: "smooth" });
      }
    }
  }

  // ---- inspector and hover ---------------------------------------------------------------------------

  private async inspect(name: string): Promise<void> {
    this.inspected = { name, value: null };
    const reply = await this.kernel?.inspect({ kind: "variable", name }).catch(() => undefined);
    if (this.inspected?.name === name) this.inspected = { name, value: reply?.status === "ok" && reply.value?.type === "tensor" ? reply.value : null };
  }

  private onBindsHover(d: BindsHoverDetail): void {
    if (!d.anchor || d.names.length === 0) { this.hover = null; return; }
    const rect = d.anchor.getBoundingClientRect();
    const values = d.names.map((name): BoundValue => {
      const v = this.variables.find((x) => x.name === name);
      return v ? { name, shape: v.shape, summary: v.summary, defined: true } : { name, summary: "", defined: false };
    });
    this.hover = { values, x: rect.left + scrollX + 16, y: rect.bottom + scrollY + 4 };
  }

  // ---- events from the elements ----------------------------------------------------------------------

  private onAction(action: ToolbarAction): void {
    switch (action) {
      case "run-all": void this.runAll(); break;
      case "run-stale": void this.runAll((c) => !!this.runtime.cells[c.id]?.stale); break;
      case "stop": void this.stop(); break;
      case "restart": void this.restart(); break;
      case "reset-lesson": void this.resetLesson(); break;
      case "download-md": this.download("md"); break;
      case "download-ipynb": this.download("ipynb"); break;
      case "toggle-variables": this.variablesOpen = !this.variablesOpen; if (this.variablesOpen) void this.refreshVariables(); break;
      case "toggle-authoring": this.authoring = !this.authoring; this.editingCell = null; this.saveState = ""; break;
      case "keyboard-help": this.helpOpen = true; break;
      case "save-lesson": this.saveToFile.flush(); void this.writeLessonFile(); break;
    }
  }

  private onRun(cellId: string, advance: boolean): void {
    void this.run(cellId);
    if (!advance) return;
    // Shift+Enter: move to the next code cell, as in Jupyter (it opens in the editor if this one was).
    const cells = this.codeCells();
    const next = cells[cells.findIndex((c) => c.id === cellId) + 1];
    const wasEditing = this.editingCell === cellId;
    if (wasEditing) this.editingCell = next ? next.id : null;
    void this.updateComplete.then(() => {
      const el = next ? this.querySelector<HTMLElement>(`sb-code-cell[data-cell="${CSS.escape(next.id)}"]`) : null;
      el?.scrollIntoView({ block: "nearest" });
      if (!wasEditing) el?.querySelector<HTMLElement>(".code-view")?.focus();
    });
  }

  // ---- command mode ------------------------------------------------------------------------------------

  private isMine(cellId: string): boolean {
    return !!this.lesson?.work.added?.some((a) => a.id === cellId);
  }

  /** Keys with focus on a cell (not typing): Jupyter's command mode. `?`/`h` work anywhere on the lesson. */
  private onCommandKey = (e: KeyboardEvent) => {
    if (!this.lesson || this.helpOpen || e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
    const pending = this.pendingKey && e.timeStamp - this.pendingKey.at < 1000 ? this.pendingKey.key : null;
    const { command, pending: next } = commandFor(e.key, pending);
    this.pendingKey = next ? { key: next, at: e.timeStamp } : null;
    if (!command) return;
    const cellEl = (e.target as Element).closest?.<HTMLElement>("sb-code-cell");
    const cellId = cellEl && this.contains(cellEl) ? cellEl.dataset.cell ?? null : null;
    if (command === "help") { e.preventDefault(); this.helpOpen = true; return; }
    // the other commands act on the focused cell; Enter on a button is the button's
    if (!cellId || (command === "edit" && (e.target as Element).closest("button, a"))) return;
    e.preventDefault();
    this.command(command, cellId);
  };

  private command(command: Exclude<Command, "help">, cellId: string): void {
    const cells = this.codeCells();
    const at = cells.findIndex((c) => c.id === cellId);
    switch (command) {
      case "edit":
        if (!this.concealed(cells[at]!) && !cells[at]!.options.readonly) { this.editingCell = cellId; this.syncCellNames(); }
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
    await this.updateComplete;
    const el = this.querySelector<HTMLElement & { updateComplete?: Promise<unknown> }>(`sb-code-cell[data-cell="${CSS.escape(cellId)}"]`);
    await el?.updateComplete;
    const target = el?.querySelector<HTMLElement>(".code-view") ?? el?.querySelector<HTMLElement>("section.code-cell");
    target?.focus();
    target?.scrollIntoView({ block: "nearest" });
  }

  /** A new, empty code cell of the student's: saved with their work, in the downloads, focused. */
  private insert(cellId: string, where: "above" | "below"): void {
    const lesson = this.lesson;
    if (!lesson) return;
    if (this.authoring) { this.notice = "In lecturer mode, add cells in the lesson file."; return; }
    const id = `${ADDED_PREFIX}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    this.setWork(insertCell(lesson.doc, lesson.work, cellId, where, id));
    void this.focusCell(id);
  }

  /** Delete a cell: the student's own is gone; a lesson cell is hidden for them (Reset lesson brings it back). */
  private dropCell(cellId: string, focusNext: string | null): void {
    const lesson = this.lesson;
    if (!lesson) return;
    if (this.authoring) { this.notice = "In lecturer mode, delete cells in the lesson file."; return; }
    const mine = this.isMine(cellId);
    const source = this.codeCells().find((c) => c.id === cellId)?.source ?? "";
    const question = mine
      ? "Delete this cell of yours? Its code is lost."
      : "Hide this cell of the lesson? \"Reset lesson\" brings it back (and discards your other edits).";
    if ((!mine || source.trim() !== "") && !this.confirm(question)) return;
    if (this.editingCell === cellId) this.editingCell = null;
    if (this.traceOpen === cellId) { this.stopPlay(); this.traceOpen = null; }
    this.setWork(deleteCell(lesson.doc, lesson.work, cellId));
    if (focusNext) void this.focusCell(focusNext);
  }

  /** Equation references (`<a href="#eq-x">`) scroll within the lesson instead of changing the route. */
  private onLessonClick = (e: MouseEvent) => {
    const a = (e.target as Element).closest?.<HTMLAnchorElement>("a[href^='#']");
    const hash = a?.getAttribute("href");
    if (!a || !hash || parseRoute(hash)) return;
    e.preventDefault();
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    target?.scrollIntoView({ block: "center", behavior: "smooth" });
    target?.focus?.();
  };

  private onEditEnd(cellId: string): void {
    this.editingCell = null;
    // Esc leaves the editor: focus returns to the cell's code, so Tab moves on through the page.
    void this.updateComplete.then(async () => {
      const el = this.querySelector<HTMLElement & { updateComplete?: Promise<unknown> }>(`[data-cell="${CSS.escape(cellId)}"]`);
      await el?.updateComplete;
      el?.querySelector<HTMLElement>(".code-view, .markdown-body")?.focus();
    });
  }

  // ---- rendering ---------------------------------------------------------------------------------------

  override render() {
    // an exported page keeps its own site header and links; the app brings only the lesson
    const header = this.options.lesson ? nothing : html`<header class="app-header">
        <a class="brand" href="#/">Stepbook</a>
        ${this.lesson ? html`<nav aria-label="breadcrumb"><a href="#/">Lessons</a> <span aria-hidden="true">/</span> <span aria-current="page">${this.lesson.doc.meta.title}</span></nav>` : nothing}
      </header>`;
    return html`${header}
      ${this.notice ? html`<p class="notice" role="status">${this.notice} <button class="link-button" @click=${() => (this.notice = "")}>dismiss</button></p>` : nothing}
      <main id="main">${this.route.view === "lesson" && this.lesson ? this.lessonView(this.lesson) : this.route.view === "index" ? this.indexView() : nothing}</main>
      ${this.lesson ? html`<sb-keyboard-help ?open=${this.helpOpen} @sb-close=${() => (this.helpOpen = false)}></sb-keyboard-help>` : nothing}
      ${this.hover ? html`<sb-value-popover .values=${this.hover.values} .x=${this.hover.x} .y=${this.hover.y}></sb-value-popover>` : nothing}`;
  }

  private indexView() {
    return html`<sb-lesson-index heading="Stepbook: neural networks, step by step"
      .lessons=${this.lessons.map((l) => ({ ...l, edited: this.edited.has(l.name) }))}></sb-lesson-index>`;
  }

  private lessonView(lesson: OpenLesson) {
    const doc = this.doc!;
    const htmlOf = new Map(this.rendered.cells.map((c) => [c.id, c.html]));
    const busy = this.runtime.kernel === "busy" || Object.values(this.runtime.cells).some((c) => c.status !== "idle");
    const activeLabel = this.boundEquation();
    const traceCell = this.traceOpen ? this.runtime.cells[this.traceOpen] : undefined;
    const stepLine = traceCell?.trace?.records[this.traceIndex]?.line ?? null;
    let codeIndex = 0;
    return html`
      <sb-toolbar .kernel=${this.runtime.kernel} ?busy=${busy} ?variablesOpen=${this.variablesOpen}
        ?canAuthor=${!!this.options.saveLesson} ?authoring=${this.authoring} .saveState=${this.saveState}
        @sb-action=${(e: CustomEvent<{ action: ToolbarAction }>) => this.onAction(e.detail.action)}></sb-toolbar>
      ${lesson.upstream ? html`<div class="banner upstream" role="status">
        <p><strong>This lesson was updated</strong> since you started editing it. Your edits are kept${lesson.upstream.conflicts.length
          ? html`; the lesson also changed cells you edited (${lesson.upstream.conflicts.length}): each is marked, with "Compare with the lesson"`
          : ""}.</p>
        <button class="btn" @click=${() => this.acceptUpstream()}>OK</button></div>` : nothing}
      ${this.authoring ? html`<p class="banner authoring" role="status">Lecturer mode: edits change <code>notebooks/${lesson.entry.name}.md</code> (double-click prose to edit it).</p>` : nothing}
      <div class="lesson-layout ${this.variablesOpen ? "with-inspector" : ""}">
        <article class="lesson" aria-label=${doc.meta.title} @click=${this.onLessonClick}
          @sb-run=${(e: CustomEvent<{ cellId: string; advance: boolean }>) => this.onRun(e.detail.cellId, e.detail.advance)}
          @sb-edit-start=${(e: CustomEvent<{ cellId: string }>) => { this.editingCell = e.detail.cellId; this.syncCellNames(); }}
          @sb-edit-end=${(e: CustomEvent<{ cellId: string }>) => this.onEditEnd(e.detail.cellId)}
          @sb-source-change=${(e: CustomEvent<{ cellId: string; source: string }>) => this.edit(e.detail.cellId, e.detail.source)}
          @sb-reset-cell=${(e: CustomEvent<{ cellId: string }>) => this.resetCell(e.detail.cellId)}
          @sb-take-lesson=${(e: CustomEvent<{ cellId: string }>) => this.takeLesson(e.detail.cellId)}
          @sb-keep-mine=${(e: CustomEvent<{ cellId: string }>) => this.settleConflict(e.detail.cellId)}
          @sb-reveal=${(e: CustomEvent<{ cellId: string }>) => this.reveal(e.detail.cellId)}
          @sb-toggle-trace=${(e: CustomEvent<{ cellId: string }>) => this.toggleTrace(e.detail.cellId)}
          @sb-step=${(e: CustomEvent<{ cellId: string; index: number }>) => { this.stopPlay(); void this.showStep(e.detail.cellId, e.detail.index); }}
          @sb-play=${(e: CustomEvent<{ cellId: string; playing: boolean }>) => this.togglePlay(e.detail.cellId, e.detail.playing)}
          @sb-binds-hover=${(e: CustomEvent<BindsHoverDetail>) => this.onBindsHover(e.detail)}>
          ${doc.cells.map((cell) => {
            if (cell.type === "markdown") {
              return html`<sb-markdown-cell data-cell=${cell.id} .cellId=${cell.id} .renderedHtml=${htmlOf.get(cell.id) ?? ""}
                .source=${cell.source} ?authoring=${this.authoring} ?editing=${this.authoring && this.editingCell === cell.id}
                .highlightLabel=${activeLabel}></sb-markdown-cell>`;
            }
            if (cell.type !== "code") return html`<pre class="raw-cell">${cell.source}</pre>`;
            const index = codeIndex++;
            const rt = this.runtime.cells[cell.id] ?? null;
            const original = lesson.doc.cells.find((c) => c.id === cell.id)?.source;
            const conflict = !this.authoring && lesson.upstream?.conflicts.includes(cell.id) && original !== undefined;
            return html`<sb-code-cell data-cell=${cell.id} .cellId=${cell.id} .source=${cell.source} .options=${cell.options}
                .runtime=${rt} .index=${index} ?editing=${this.editingCell === cell.id} ?modified=${!this.authoring && cell.source !== original}
                ?mine=${original === undefined} .lessonSource=${conflict ? original : null}
                ?concealed=${this.concealed(cell)} ?traceOpen=${this.traceOpen === cell.id}
                .highlightLine=${this.traceOpen === cell.id ? stepLine : null}></sb-code-cell>
              ${this.traceOpen === cell.id && rt?.trace ? html`<sb-trace-view .cellId=${cell.id} .trace=${rt.trace} .index=${this.traceIndex}
                .values=${this.stepValues} ?playing=${this.playing} .equationLabel=${activeLabel}></sb-trace-view>` : nothing}`;
          })}
        </article>
        ${this.variablesOpen ? html`<sb-variable-inspector .variables=${this.variables} .selected=${this.inspected?.name ?? null}
          .value=${this.inspected?.value ?? null} @sb-inspect=${(e: CustomEvent<{ name: string }>) => void this.inspect(e.detail.name)}></sb-variable-inspector>` : nothing}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { "sb-app": SbApp }
}

function logNever(x: never): void {
  console.warn("stepbook: unhandled command", x);
}
