// The app shell: routes between the course index and a lesson; holds the lesson's saved data (moved by
// work-edits' transitionLesson) apart from its runtime state (KernelSession); does the effects (autosave,
// downloads, the dev server). Step-through: TracePlayer; keys: CommandMode; the template: lesson-view.
import { dependentsOf, widgetPrefix } from "./widget-run.ts";
import type { WidgetChange } from "../components/sb-widget.ts";
import { html, nothing } from "lit";
import { customElement, state } from "lit/decorators.js";
import type { KernelConnection } from "../../kernel/protocol/connection.ts";
import { referenceOf, serializeNotebook, type Cell, type CodeCell, type NotebookDoc } from "../document/index.ts";
import { renderDocument, type CellValues, type RenderedDocument } from "../render/render.ts";
import { LightElement } from "../components/light-element.ts";
import type { BoundValue } from "../components/sb-value-popover.ts";
import type { BindsHoverDetail } from "../components/sb-markdown-cell.ts";
import type { ToolbarAction } from "../components/sb-toolbar.ts";
import { bundledCourse, entryOf, parseLesson, withEntry, type LessonEntry } from "./course.ts";
import { ADDED_PREFIX, applyWork, changedSources, debounce, hasEdits, loadWork, mergeWork, onOtherTabSaved, resetWork, saveWork, type SavedWork } from "./saved-work.ts";
import { dropOrphan, matchWork, restoreOrphan } from "./work-match.ts";
import type { OrphanAction } from "./orphans-view.ts";
import { followLesson, freshWork, transitionLesson, upstreamOf, type LessonAction, type OpenLesson } from "./work-edits.ts";
import { mergeInlineValues } from "./inline-values.ts";
import { parseRoute, type Route } from "./route.ts";
import { setCellNames } from "./monaco.ts";
import { KernelSession } from "./kernel-session.ts";
import { TracePlayer } from "./trace-player.ts";
import { CommandMode } from "./command-mode.ts";
import { lessonView, type LessonHandlers } from "./lesson-view.ts";
import { downloadNotebook } from "./download.ts";
import { mergeLesson } from "./lesson-merge.ts";
import type { SaveLesson } from "./lesson-file.ts";
import { textVersion } from "../document/version.ts";

export interface AppOptions {
  createKernel: () => KernelConnection;
  /** POST a lesson's text to the dev server; absent in a static build. */
  saveLesson?: SaveLesson;
  confirm?: (message: string) => boolean;
  /** show only this lesson (an exported page): no course index, no hash routes. */
  lesson?: { name: string; text: string };
}

const AUTOSAVE_MS = 400;
/** how long an equation's popover waits after the pointer or focus left, for it to come back or into the popover. */
const HOVER_GRACE_MS = 300;
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
  @state() private hover: { values: BoundValue[]; x: number; y: number; label: string } | null = null;
  private hideHover: ReturnType<typeof setTimeout> | undefined;
  /** the step a "see the derivation" link left from: a "Back to the step" button returns there. */
  @state() private backToStep: { cellId: string; step: number } | null = null;
  @state() private authoring = false;
  @state() private saveState = "";
  /** the lesson file changed on disk in a way that clashes with the lecturer's unsaved edits here. */
  @state() private fileConflict: { text: string; message: string } | null = null;
  @state() private notice = "";
  @state() private helpOpen = false;
  private lastSavedText = new Map<string, string>();
  // saving merges with what another tab stored meanwhile; the page then shows the merged work
  private persist = debounce((work: SavedWork) => void saveWork(work).then((merged) => this.absorb(merged), (e) => (this.notice = `Could not save your edits: ${e}`)), AUTOSAVE_MS);
  private unwatchTabs: (() => void) | null = null;
  private saveToFile = debounce(() => void this.writeLessonFile(), 800);
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
  private trace = new TracePlayer(this, { runtime: () => this.session.runtime, kernel: () => this.session.kernel, equations: () => this.rendered.equations });
  /** registers itself with this element (a controller): listens for command keys while connected. */
  protected readonly commands = new CommandMode(this, {
    lesson: () => this.lesson, dialogOpen: () => this.helpOpen, authoring: () => this.authoring,
    codeCells: () => this.codeCells(), concealed: (c) => this.concealed(c),
    openHelp: () => (this.helpOpen = true), startEdit: (id) => { this.editingCell = id; this.syncCellNames(); },
    release: (id) => {
      if (this.editingCell === id) this.editingCell = null;
      if (this.trace.open === id) { this.trace.stop(); this.trace.close(); }
    },
    setWork: (w) => this.setWork(w), confirm: (m) => this.confirm(m), notify: (m) => (this.notice = m),
  });

  // ---- lifecycle -------------------------------------------------------------------------------------

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener("hashchange", this.onRoute);
    addEventListener("keydown", this.onPopoverKey);
    this.addEventListener("widget-change", this.onWidgetChange);
    addEventListener("pagehide", this.flush);
    document.addEventListener("visibilitychange", this.flush);
    this.unwatchTabs = onOtherTabSaved((name) => {
      if (this.lesson?.entry.name === name) void loadWork(name).then((w) => w && this.absorb(w), () => undefined);
    });
    this.onRoute();
    void this.loadEditedMarks();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener("hashchange", this.onRoute);
    removeEventListener("keydown", this.onPopoverKey);
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
    this.backToStep = null;
    this.hover = null;
    this.inlineValues = {};
    document.title = `${doc.meta.title} · Stepbook`;
    this.session.start();
    this.rerender();
    if (!this.options.lesson) void this.focusTitle();
  }

  /** After opening a lesson, focus lands on its title (a screen reader starts reading there). */
  private async focusTitle(): Promise<void> {
    await this.updateComplete;
    const first = this.querySelector<HTMLElement & { updateComplete?: Promise<unknown> }>("article.lesson sb-markdown-cell");
    await first?.updateComplete;
    const title = this.querySelector<HTMLElement>("article.lesson h1");
    if (!title) return;
    title.tabIndex = -1;
    title.focus({ preventScroll: true });
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
      this.saveState = "editing…";
      this.saveToFile();
    } else {
      this.act({ type: "edit", cellId, source });
    }
    this.session.dispatch({ type: "ui/edited", cellId, source });
    if (this.doc?.cells.find((c) => c.id === cellId)?.type === "markdown") this.rerender();
  }

  /**
   * Work saved by another tab of this lesson (or merged in by our own save): each cell takes the later
   * change; the page says which cells changed there.
   */
  private absorb(stored: SavedWork): void {
    const lesson = this.lesson;
    if (!lesson || lesson.entry.name !== stored.lesson) return;
    const work = matchWork(lesson.doc, mergeWork(stored, lesson.work));
    if (JSON.stringify({ ...work, savedAt: 0 }) === JSON.stringify({ ...lesson.work, savedAt: 0 })) return;
    const changed = changedSources(lesson.work, work);
    this.lesson = { ...lesson, work };
    this.rerender();
    if (changed.length === 0) return;
    const doc = this.doc;
    for (const cellId of changed) this.session.dispatch({ type: "ui/edited", cellId, source: doc?.cells.find((c) => c.id === cellId)?.source ?? "" });
    const code = this.codeCells().map((c) => c.id);
    const names = changed.map((id) => (code.includes(id) ? String(code.indexOf(id) + 1) : id.startsWith(ADDED_PREFIX) ? "(one of yours)" : id));
    this.notice = `${changed.length === 1 ? "Cell" : "Cells"} ${names.join(", ")} ${changed.length === 1 ? "was" : "were"} changed in another tab; this page shows the change.`;
  }

  /** An edit whose cell left the lesson: copied, restored as the student's own cell, or discarded. */
  private async onOrphan(action: OrphanAction, id: string): Promise<void> {
    const lesson = this.lesson;
    const orphan = lesson?.work.orphans?.find((o) => o.id === id);
    if (!lesson || !orphan) return;
    if (action === "copy") {
      try { await navigator.clipboard.writeText(orphan.source); this.notice = "Copied your code to the clipboard."; }
      catch { this.notice = "The browser did not allow copying: select the code and copy it by hand."; }
      return;
    }
    if (action === "discard" && !this.confirm("Discard this edit of yours? Its code is lost.")) return;
    const newId = `${ADDED_PREFIX}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    this.setWork(action === "restore" ? restoreOrphan(lesson.work, id, newId) : dropOrphan(lesson.work, id));
    this.rerender();
  }

  private setWork(work: SavedWork): void {
    if (!this.lesson) return;
    this.lesson = { ...this.lesson, work };
    this.persist(work);
  }

  /** A change to the student's work: the open lesson moves through `transitionLesson`; the work is saved. */
  private act(action: LessonAction, question?: string): boolean {
    const lesson = this.lesson;
    if (!lesson || (question && !this.confirm(question))) return false;
    const next = transitionLesson(lesson, action);
    if (next === lesson) return true;
    this.lesson = next;
    if (next.work !== lesson.work) this.persist(next.work);
    return true;
  }

  /** Back to the lesson's version of a cell: to reset it, or to take the lesson's update over the student's edit. */
  private resetCell(cellId: string, type: "reset-cell" | "take-lesson"): void {
    const question = type === "reset-cell"
      ? "Reset this cell to the lesson's version? Your edits to it are lost."
      : "Replace your version of this cell with the lesson's? Your edits to it are lost.";
    if (this.act({ type, cellId }, question)) this.session.dispatch({ type: "ui/edited", cellId, source: this.lesson?.doc.cells.find((c) => c.id === cellId)?.source ?? "" });
  }

  private async resetLesson(): Promise<void> {
    const lesson = this.lesson;
    if (!lesson || !this.confirm("Reset the whole lesson to its published version? All your edits to it are lost.")) return;
    this.persist.flush();
    const work = await resetWork(freshWork(lesson.entry.name, lesson.entry.text)).catch(() => freshWork(lesson.entry.name, lesson.entry.text));
    this.lesson = { ...lesson, work, upstream: null };
    this.rerender();
  }

  private confirm(message: string): boolean {
    return (this.options.confirm ?? ((m: string) => window.confirm(m)))(message);
  }

  // ---- lecturer: the dev server --------------------------------------------------------------------

  private async writeLessonFile(retried = false): Promise<void> {
    const lesson = this.lesson;
    const save = this.options.saveLesson;
    if (!lesson || !save) return;
    const name = lesson.entry.name;
    const text = serializeNotebook(lesson.doc, "md");
    this.lastSavedText.set(name, text);
    const reply = await save({ name, text, base: textVersion(lesson.entry.text), cells: lesson.doc.cells.map((c) => c.type), ids: lesson.doc.cells.map((c) => c.id) });
    const open = this.lesson?.entry.name === name ? this.lesson : null;
    switch (reply.status) {
      case "saved": case "unchanged": {
        this.saveState = reply.status === "unchanged" ? "no changes" : `saved notebooks/${name}.md`;
        this.fileConflict = null;
        const entry = entryOf(name, text);
        this.lessons = withEntry(this.lessons, entry);
        if (open) this.lesson = { ...open, entry, work: followLesson(open.work, text) };
        return;
      }
      case "conflict":
        // Someone else wrote the file (an editor, another tab): merge per cell and try once more.
        if (open && reply.current !== null && this.followFile(name, reply.current) && !retried) return this.writeLessonFile(true);
        this.saveState = `not saved: ${reply.error}`;
        return;
      case "error":
        this.saveState = `not saved: ${reply.error}`;
        return;
    }
  }

  /** The lesson file changed on disk (hot reload): take the new lesson, keep the student's edits and the kernel. */
  lessonChanged(name: string, text: string): void {
    if (this.lastSavedText.get(name) === text) return; // our own save coming back
    if (this.followFile(name, text) && this.lesson?.entry.name === name && !this.fileConflict) {
      this.notice = "The lesson file changed: the page shows the new version. Your variables are kept.";
    }
  }

  /**
   * The file `name` now holds `text`. The open lesson takes it, keeping the lecturer's unsaved edits to other
   * cells (a per-cell merge); where both changed the same cell, the page keeps its version and shows the
   * clash. False when the open lesson could not take the text.
   */
  private followFile(name: string, text: string): boolean {
    const entry = entryOf(name, text);
    const lesson = this.lesson;
    if (entry.error) { if (lesson?.entry.name !== name) this.lessons = withEntry(this.lessons, entry); return false; }
    this.lessons = withEntry(this.lessons, entry);
    if (!lesson || lesson.entry.name !== name) return true;
    const theirs = parseLesson(entry);
    const merged = mergeLesson(parseLesson(lesson.entry), lesson.doc, theirs);
    if ("conflicts" in merged) {
      const where = merged.conflicts.includes("structure") ? "its cells were added, removed or moved" : `${merged.conflicts.length === 1 ? "cell" : "cells"} ${merged.conflicts.join(", ")} changed there and here`;
      this.fileConflict = { text, message: `notebooks/${name}.md changed on disk while you were editing: ${where}.` };
      this.saveState = "not saved: the file changed on disk";
      return false;
    }
    const work = matchWork(merged.doc, followLesson(lesson.work, text));
    this.lesson = { entry, doc: merged.doc, work, upstream: upstreamOf(work, entry, merged.doc) };
    if (work !== lesson.work) this.persist(work);
    this.fileConflict = null;
    this.rerender();
    return true;
  }

  /** The lecturer settles a clash with the file: take the file's version, or write the page's over it. */
  private settleConflict(choice: "take-file" | "keep-mine"): void {
    const lesson = this.lesson;
    const conflict = this.fileConflict;
    if (!lesson || !conflict) return;
    this.fileConflict = null;
    const entry = entryOf(lesson.entry.name, conflict.text);
    if (choice === "take-file") {
      const doc = parseLesson(entry);
      const work = matchWork(doc, followLesson(lesson.work, conflict.text));
      this.lesson = { entry, doc, work, upstream: upstreamOf(work, entry, doc) };
      this.saveState = "took the file's version";
      this.rerender();
    } else {
      this.lesson = { ...lesson, entry };
      void this.writeLessonFile();
    }
  }

  // ---- hover -----------------------------------------------------------------------------------------

  /**
   * An equation's live values stay while the pointer or focus is on the equation or on the popover: leaving
   * one hides it only after a short grace, which moving into the other cancels. Esc hides it at once.
   */
  private onBindsHover(d: BindsHoverDetail): void {
    clearTimeout(this.hideHover);
    if (!d.anchor || d.names.length === 0) { this.hideHover = setTimeout(() => this.hideIfLeft(), HOVER_GRACE_MS); return; }
    const rect = d.anchor.getBoundingClientRect();
    const values = d.names.map((name): BoundValue => {
      const v = this.session.variables.find((x) => x.name === name);
      return v ? { name, shape: v.shape, summary: v.summary, defined: true } : { name, summary: "", defined: false };
    });
    this.hover = { values, x: rect.left + scrollX + 16, y: rect.bottom + scrollY + 4, label: d.label };
  }

  private hideIfLeft(): void {
    const pop = this.querySelector("sb-value-popover");
    const eq = this.hover ? document.getElementById(this.hover.label) : null;
    const inside = (el: Element | null) => !!el && (el.matches(":hover") || el.contains(document.activeElement));
    if (inside(pop) || inside(eq)) return;
    this.hover = null;
  }

  private onPopoverKey = (e: KeyboardEvent) => {
    if (e.key === "Escape" && this.hover) { this.hover = null; e.stopPropagation(); }
  };

  // ---- events from the elements ----------------------------------------------------------------------

  private onAction(action: ToolbarAction): void {
    switch (action) {
      case "run-all": void this.session.runAll(); break;
      case "run-stale": void this.session.runStale(); break;
      case "stop": void this.session.stop(); break;
      case "restart": void this.restart(); break;
      case "reset-lesson": void this.resetLesson(); break;
      case "download-md": case "download-ipynb":
        if (this.doc && this.lesson) downloadNotebook(this.doc, this.lesson.entry.name, action === "download-md" ? "md" : "ipynb");
        break;
      case "toggle-variables":
        this.variablesOpen = !this.variablesOpen;
        this.variablesOverlay = this.variablesOpen && matchMedia(NARROW).matches;
        if (this.variablesOpen) void this.session.refreshVariables();
        break;
      case "toggle-authoring": this.authoring = !this.authoring; this.editingCell = null; this.saveState = ""; break;
      case "keyboard-help": this.helpOpen = true; break;
      case "save-lesson": this.saveToFile.flush(); void this.writeLessonFile(); break;
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
    void this.updateComplete.then(async () => {
      const el = next ? this.querySelector<HTMLElement & { updateComplete?: Promise<unknown> }>(`sb-code-cell[data-cell="${CSS.escape(next.id)}"]`) : null;
      await el?.updateComplete;
      el?.querySelector<HTMLElement>(".code-view")?.focus({ preventScroll: true });
      el?.scrollIntoView({ block: "nearest" });
    });
  }

  // ---- navigation ----------------------------------------------------------------------------------------

  /** Equation references (`<a href="#eq-x">`) scroll within the lesson instead of changing the route. */
  private onLessonClick = (e: MouseEvent) => {
    const a = (e.target as Element).closest?.<HTMLAnchorElement>("a[href^='#']");
    const hash = a?.getAttribute("href");
    if (!a || !hash || parseRoute(hash)) return;
    e.preventDefault();
    // from a step's "see the derivation": offer the way back to that step
    const from = a.classList.contains("step-equation") ? a.closest<HTMLElement & { cellId: string; index: number }>("sb-trace-view") : null;
    this.backToStep = from ? { cellId: from.cellId, step: from.index } : null;
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    target?.scrollIntoView({ block: "center", behavior: "smooth" });
    target?.focus?.();
  };

  /** Back from an equation to the step that linked to it: the step card is shown and focused. */
  private async returnToStep(): Promise<void> {
    const back = this.backToStep;
    this.backToStep = null;
    if (!back) return;
    if (this.trace.open !== back.cellId) this.trace.toggle(back.cellId);
    await this.trace.show(back.cellId, back.step);
    await this.updateComplete;
    const view = this.querySelector<HTMLElement>(`sb-trace-view`);
    view?.scrollIntoView({ block: "start", behavior: "smooth" });
    const card = view?.querySelector<HTMLElement>(".step-card");
    if (card) { card.tabIndex = -1; card.focus({ preventScroll: true }); }
  }

  /** A widget moved: keep its value with the student's work, re-run its cell, then exactly its dependants. */
  private onWidgetChange = async (e: Event) => {
    const { name, value } = (e as CustomEvent<WidgetChange>).detail;
    const cellId = (e.target as Element).closest?.<HTMLElement>("[data-cell]")?.dataset.cell;
    const lesson = this.lesson;
    if (!lesson || !cellId) return;
    this.setWork({ ...lesson.work, widgets: { ...lesson.work.widgets, [name]: value } });
    if (!(await this.session.run(cellId))) return;
    const dependents = dependentsOf(this.session.runtime, cellId, this.codeCells().map((c) => c.id));
    await this.session.runAll((c) => dependents.includes(c.id));
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
      ${this.hover ? html`<sb-value-popover .values=${this.hover.values} .x=${this.hover.x} .y=${this.hover.y}
        @mouseenter=${() => clearTimeout(this.hideHover)} @mouseleave=${() => this.onBindsHover({ names: [], label: "", anchor: null })}></sb-value-popover>` : nothing}
      ${this.backToStep ? html`<button class="btn back-to-step" @click=${() => this.returnToStep()}>↩ Back to step ${this.backToStep.step + 1}</button>` : nothing}`;
  }

  private indexView() {
    return html`<sb-lesson-index heading="Stepbook: neural networks, step by step"
      .lessons=${this.lessons.map((l) => ({ ...l, edited: this.edited.has(l.name) }))}></sb-lesson-index>`;
  }

  private lessonView(lesson: OpenLesson) {
    return lessonView({
      lesson, doc: this.doc!, rendered: this.rendered, runtime: this.session.runtime, trace: this.trace,
      editingCell: this.editingCell, authoring: this.authoring, canAuthor: !!this.options.saveLesson, saveState: this.saveState, fileConflict: this.fileConflict?.message ?? null,
      variablesOpen: this.variablesOpen, variablesOverlay: this.variablesOverlay, variables: this.session.variables, inspected: this.session.inspected, concealed: (c) => this.concealed(c),
    }, this.handlers);
  }

  private handlers: LessonHandlers = {
    action: (a) => this.onAction(a), acceptUpstream: () => this.act({ type: "accept-upstream" }), lessonClick: this.onLessonClick,
    run: (id, advance) => this.onRun(id, advance), editStart: (id) => { this.editingCell = id; this.syncCellNames(); },
    editEnd: (id) => this.onEditEnd(id), sourceChange: (id, source) => this.edit(id, source),
    resetCell: (id) => this.resetCell(id, "reset-cell"), takeLesson: (id) => this.resetCell(id, "take-lesson"),
    keepMine: (id) => this.act({ type: "keep-mine", cellId: id }),
    // the cell asked inline already (or the exercise passed): no browser dialog
    reveal: (id) => this.act({ type: "reveal", cellId: id }),
    settleConflict: (choice) => this.settleConflict(choice),
    orphan: (action, id) => void this.onOrphan(action, id),
    bindsHover: (d) => this.onBindsHover(d), inspect: (name) => void this.session.inspect(name),
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
