// The app shell: routes between the course index and a lesson and holds the open lesson: its saved data
// (changed through WorkActions, which saves it) apart from its runtime state (KernelSession). The other
// jobs are controllers of their own: step-through (TracePlayer), keys (CommandMode), equation popovers
// (BoundHover), equation links and the way back (StepReturn), the lecturer's file (LecturerFile); the
// template is lesson-view.
import { dependentsOf, widgetPrefix } from "./widget-run.ts";
import type { WidgetChange } from "../components/sb-widget.ts";
import { html, nothing } from "lit";
import { customElement, state } from "lit/decorators.js";
import type { KernelConnection } from "../../kernel/protocol/connection.ts";
import { referenceOf, type Cell, type CodeCell, type NotebookDoc } from "../document/index.ts";
import { renderDocument, type CellValues, type RenderedDocument } from "../render/render.ts";
import { LightElement } from "../components/light-element.ts";
import type { ToolbarAction } from "../components/sb-toolbar.ts";
import { bundledCourse, entryOf, parseLesson, type LessonEntry } from "./course.ts";
import { applyWork, hasEdits, loadWork, onOtherTabSaved, type SavedWork } from "./saved-work.ts";
import { matchWork } from "./work-match.ts";
import { freshWork, upstreamOf, type OpenLesson } from "./work-edits.ts";
import { mergeInlineValues } from "./inline-values.ts";
import { parseRoute, type Route } from "./route.ts";
import { setCellNames } from "./monaco.ts";
import { KernelSession } from "./kernel-session.ts";
import { TracePlayer } from "./trace-player.ts";
import { CommandMode } from "./command-mode.ts";
import { lessonView, type LessonHandlers } from "./lesson-view.ts";
import { downloadNotebook } from "./download.ts";
import type { SaveLesson } from "./lesson-file.ts";
import { LecturerFile } from "./lecturer-file.ts";
import { WorkActions } from "./work-actions.ts";
import { StepReturn } from "./step-return.ts";
import { BoundHover } from "./bound-hover.ts";
import { focusCell, focusTitle } from "./cell-focus.ts";

export interface AppOptions {
  createKernel: () => KernelConnection;
  /** POST a lesson's text to the dev server; absent in a static build. */
  saveLesson?: SaveLesson;
  confirm?: (message: string) => boolean;
  /** show only this lesson (an exported page): no course index, no hash routes. */
  lesson?: { name: string; text: string };
}

/** where the lesson and the inspector no longer fit side by side (app.css's tablet width). */
const NARROW = "(max-width: 1000px)";

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
  @state() private editingCell: string | null = null;
  @state() private variablesOpen = false;
  /** on a tablet or phone the inspector is a dialog over the lesson (decided when it opens). */
  @state() private variablesOverlay = false;
  @state() private authoring = false;
  @state() private notice = "";
  @state() private helpOpen = false;
  /** the student's saved work: edits, resets, orphans, other tabs' saves (work-actions.ts). */
  private work = new WorkActions({
    lesson: () => this.lesson, setLesson: (l) => (this.lesson = l), doc: () => this.doc, codeCells: () => this.codeCells(),
    dispatch: (e) => this.session.dispatch(e), rerender: () => this.rerender(), notify: (m) => (this.notice = m), confirm: (m) => this.confirm(m),
  });
  private persist = this.work.persist;
  private unwatchTabs: (() => void) | null = null;
  private session = new KernelSession(this, {
    createKernel: () => this.options.createKernel(), doc: () => this.doc, codeCells: () => this.codeCells(), concealed: (c) => this.concealed(c),
    reference: (c) => (this.lesson ? referenceOf(this.lesson.doc, c) : undefined),
    ran: (cellId, userExpressions) => {
      this.inlineValues = mergeInlineValues(this.inlineValues, userExpressions);
      this.rerender();
      if (this.trace.open === cellId) void this.trace.show(cellId, 0);
    },
    variablesChanged: () => { this.rerender(); this.syncCellNames(); },
    widgets: () => this.lesson?.work.widgets ?? {},
  });
  private trace = new TracePlayer(this, {
    runtime: () => this.session.runtime, kernel: () => this.session.kernel, equations: () => this.rendered.equations, cells: () => this.doc?.cells ?? [],
  });
  /** equation links, and the way back to the step that left for one. */
  private links = new StepReturn(this, this.trace);
  /** registers itself with this element (a controller): listens for command keys while connected. */
  protected readonly commands = new CommandMode(this, {
    lesson: () => this.lesson, dialogOpen: () => this.helpOpen, authoring: () => this.authoring,
    codeCells: () => this.codeCells(), concealed: (c) => this.concealed(c),
    openHelp: () => (this.helpOpen = true), startEdit: (id) => { this.editingCell = id; this.syncCellNames(); },
    release: (id) => {
      if (this.editingCell === id) this.editingCell = null;
      if (this.trace.open === id) { this.trace.stop(); this.trace.close(); }
    },
    setWork: (w) => this.work.setWork(w), confirm: (m) => this.confirm(m), notify: (m) => (this.notice = m),
  });
  /** an equation's live values (a controller: Esc hides them). */
  private bound = new BoundHover(this, () => this.session.variables);
  /** lecturer mode: the lesson file on the dev server. */
  private file = new LecturerFile(this, {
    lesson: () => this.lesson, setLesson: (l) => (this.lesson = l), lessons: () => this.lessons, setLessons: (l) => (this.lessons = l),
    save: () => this.options.saveLesson, persist: (w) => this.persist(w), rerender: () => this.rerender(),
  });

  // ---- lifecycle -------------------------------------------------------------------------------------

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener("hashchange", this.onRoute);
    this.addEventListener("widget-change", this.onWidgetChange);
    addEventListener("pagehide", this.flush);
    document.addEventListener("visibilitychange", this.flush);
    this.unwatchTabs = onOtherTabSaved((name) => {
      if (this.lesson?.entry.name === name) void loadWork(name).then((w) => w && this.work.absorb(w), () => undefined);
    });
    this.onRoute();
    void this.loadEditedMarks();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener("hashchange", this.onRoute);
    this.removeEventListener("widget-change", this.onWidgetChange);
    removeEventListener("pagehide", this.flush);
    document.removeEventListener("visibilitychange", this.flush);
    this.unwatchTabs?.();
    this.flush();
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
    if (action === "run") { await this.session.runAll(); return; }
    const first = this.codeCells().find((c) => !this.concealed(c));
    if (!first) return;
    this.editingCell = first.id;
    this.syncCellNames();
    await this.updateComplete;
    this.querySelector(`sb-code-cell[data-cell="${CSS.escape(first.id)}"]`)?.scrollIntoView({ block: "nearest" });
    void this.runForWidgets();
  }

  /** An exported page's widgets stay live when it turns live for editing: run what they need and feed (widget-run.ts). */
  private async runForWidgets(): Promise<void> {
    const cell = (id: string) => this.session.runtime.cells[id];
    for (let done = 0; ; ) {
      const plan = widgetPrefix(this.codeCells(), (id) => (cell(id)?.ranAt != null ? cell(id)!.defines : undefined));
      const todo = new Set(plan.slice(done));
      if (!todo.size) return;
      await this.session.runAll((c) => todo.has(c.id));
      // a cell failed (or Stop was pressed): the student takes it from here
      if (plan.some((id) => cell(id)?.ranAt == null || cell(id)!.outputs.some((o) => o.kind === "error"))) return;
      done = plan.length;
    }
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
    // edits found by cell id, then by content; those whose cell is gone become orphans (shown, never dropped)
    const work: SavedWork = saved ? matchWork(doc, saved) : freshWork(name, entry.text);
    if (saved && work !== saved) this.persist(work);
    this.lesson = { entry, doc, work, upstream: upstreamOf(work, entry, doc) };
    this.notice = "";
    this.editingCell = null;
    this.trace.close();
    this.links.clear();
    this.bound.hide();
    this.inlineValues = {};
    document.title = `${doc.meta.title} · Stepbook`;
    this.session.start();
    this.rerender();
    // focus lands on the lesson's title (a screen reader starts reading there)
    if (!this.options.lesson) void focusTitle(this);
  }

  // ---- the document the student sees -----------------------------------------------------------------

  /** The lesson with the student's edits in place. */
  private get doc(): NotebookDoc | null {
    return this.lesson ? applyWork(this.lesson.doc, this.lesson.work) : null;
  }

  private rerender(): void {
    const doc = this.doc;
    if (!doc) return;
    this.session.syncOrder();
    try {
      this.rendered = renderDocument(doc, { values: this.inlineValues });
    } catch (e) {
      this.notice = `Rendering failed: ${e instanceof Error ? e.message : e}`;
    }
  }

  /** Tell Monaco the names earlier cells defined (not the edited cell's own: it may redefine them). */
  private syncCellNames(): void {
    const cellId = this.editingCell;
    if (!cellId || this.authoring) return;
    const own = new Set(this.session.runtime.cells[cellId]?.defines ?? []);
    void setCellNames(this.session.variables.filter((v) => !own.has(v.name))).catch(() => undefined);
  }

  // ---- cells and the kernel --------------------------------------------------------------------------

  private codeCells(): CodeCell[] {
    return (this.doc?.cells ?? []).filter((c): c is CodeCell => c.type === "code");
  }

  private concealed(cell: Cell): boolean {
    return cell.type === "code" && !!cell.options.solution && !!cell.options.hidden && !this.lesson?.work.revealed.includes(cell.id);
  }

  private async restart(): Promise<void> {
    if (!this.session.kernel) return;
    this.trace.stop();
    this.inlineValues = {};
    await this.session.restart();
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
      this.file.set({ saveState: "editing…" });
      this.file.saveSoon();
    } else {
      this.work.act({ type: "edit", cellId, source });
    }
    this.session.dispatch({ type: "ui/edited", cellId, source });
    if (this.doc?.cells.find((c) => c.id === cellId)?.type === "markdown") this.rerender();
  }

  private confirm(message: string): boolean {
    return (this.options.confirm ?? ((m: string) => window.confirm(m)))(message);
  }

  /** Lecturer: the lesson file changed on disk (hot reload): take the new lesson, keep the student's edits and the kernel. */
  lessonChanged(name: string, text: string): void {
    if (this.file.changed(name, text)) this.notice = "The lesson file changed: the page shows the new version. Your variables are kept.";
  }

  // ---- events from the elements ----------------------------------------------------------------------

  private onAction(action: ToolbarAction): void {
    switch (action) {
      case "run-all": void this.session.runAll(); break;
      case "run-stale": void this.session.runStale(); break;
      case "stop": void this.session.stop(); break;
      case "restart": void this.restart(); break;
      case "reset-lesson": void this.work.resetLesson(); break;
      case "download-md": case "download-ipynb":
        if (this.doc && this.lesson) downloadNotebook(this.doc, this.lesson.entry.name, action === "download-md" ? "md" : "ipynb");
        break;
      case "toggle-variables":
        this.variablesOpen = !this.variablesOpen;
        this.variablesOverlay = this.variablesOpen && matchMedia(NARROW).matches;
        if (this.variablesOpen) void this.session.refreshVariables();
        break;
      case "toggle-authoring": this.authoring = !this.authoring; this.editingCell = null; this.file.set({ saveState: "" }); break;
      case "keyboard-help": this.helpOpen = true; break;
      case "save-lesson": this.file.saveNow(); break;
    }
  }

  private onRun(cellId: string, advance: boolean): void {
    void this.session.run(cellId);
    if (!advance) return;
    // Shift+Enter, as in Jupyter: leave the editor and select the next code cell in command mode
    // (Enter edits it); the page scrolls only as far as needed to show it.
    const cells = this.codeCells();
    const next = cells[cells.findIndex((c) => c.id === cellId) + 1];
    if (this.editingCell === cellId) this.editingCell = null;
    if (next) void focusCell(this, next.id, ".code-view", true);
  }

  /** A widget moved: keep its value with the student's work, re-run its cell, then exactly its dependants. */
  private onWidgetChange = async (e: Event) => {
    const { name, value } = (e as CustomEvent<WidgetChange>).detail;
    const cellId = (e.target as Element).closest?.<HTMLElement>("[data-cell]")?.dataset.cell;
    const lesson = this.lesson;
    if (!lesson || !cellId) return;
    this.work.setWork({ ...lesson.work, widgets: { ...lesson.work.widgets, [name]: value } });
    if (!(await this.session.run(cellId))) return;
    const dependents = dependentsOf(this.session.runtime, cellId, this.codeCells().map((c) => c.id));
    await this.session.runAll((c) => dependents.includes(c.id));
  };

  private onEditEnd(cellId: string): void {
    this.editingCell = null;
    // Esc leaves the editor: focus returns to the cell's code, so Tab moves on through the page.
    void focusCell(this, cellId, ".code-view, .markdown-body");
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
      <main id="main" data-lesson=${this.lesson && this.route.view === "lesson" ? this.lesson.entry.name : nothing}>${this.route.view === "lesson" && this.lesson ? this.lessonView(this.lesson) : this.route.view === "index" ? this.indexView() : nothing}</main>
      ${this.lesson ? html`<sb-keyboard-help ?open=${this.helpOpen} @sb-close=${() => (this.helpOpen = false)}></sb-keyboard-help>` : nothing}
      ${this.bound.hover ? html`<sb-value-popover .values=${this.bound.hover.values} .x=${this.bound.hover.x} .y=${this.bound.hover.y}
        @mouseenter=${() => this.bound.keep()} @mouseleave=${() => this.bound.update({ names: [], label: "", anchor: null })}></sb-value-popover>` : nothing}
      ${this.links.back ? html`<button class="btn back-to-step" @click=${() => this.links.returnToStep()}>↩ Back to step ${this.links.back.step + 1}</button>` : nothing}`;
  }

  private indexView() {
    return html`<sb-lesson-index heading="Stepbook: neural networks, step by step"
      .lessons=${this.lessons.map((l) => ({ ...l, edited: this.edited.has(l.name) }))}></sb-lesson-index>`;
  }

  private lessonView(lesson: OpenLesson) {
    return lessonView({
      lesson, doc: this.doc!, rendered: this.rendered, runtime: this.session.runtime, trace: this.trace,
      editingCell: this.editingCell, authoring: this.authoring, canAuthor: !!this.options.saveLesson, course: this.lessons, saveState: this.file.saveState, fileConflict: this.file.fileConflict?.message ?? null,
      variablesOpen: this.variablesOpen, variablesOverlay: this.variablesOverlay, variables: this.session.variables, inspected: this.session.inspected, concealed: (c) => this.concealed(c),
    }, this.handlers);
  }

  private handlers: LessonHandlers = {
    action: (a) => this.onAction(a), acceptUpstream: () => this.work.act({ type: "accept-upstream" }), lessonClick: this.links.onLessonClick,
    run: (id, advance) => this.onRun(id, advance), editStart: (id) => { this.editingCell = id; this.syncCellNames(); },
    editEnd: (id) => this.onEditEnd(id), sourceChange: (id, source) => this.edit(id, source),
    resetCell: (id) => this.work.resetCell(id, "reset-cell"), takeLesson: (id) => this.work.resetCell(id, "take-lesson"),
    keepMine: (id) => this.work.act({ type: "keep-mine", cellId: id }),
    // the cell asked inline already (or the exercise passed): no browser dialog
    reveal: (id) => this.work.act({ type: "reveal", cellId: id }),
    settleConflict: (choice) => this.file.settle(choice),
    orphan: (action, id) => void this.work.orphan(action, id),
    bindsHover: (d) => this.bound.update(d), inspect: (name) => void this.session.inspect(name),
    closeVariables: () => {
      if (!this.variablesOpen) return;
      this.variablesOpen = false;
      // focus back to what opened it: the Variables button (in the phone's More menu, the menu button)
      void this.updateComplete.then(() => {
        const button = this.querySelector<HTMLElement>(".tb-toggle-variables");
        (button?.offsetParent ? button : this.querySelector<HTMLElement>(".tb-more"))?.focus();
      });
    },
  };
}

declare global {
  interface HTMLElementTagNameMap { "sb-app": SbApp }
}
