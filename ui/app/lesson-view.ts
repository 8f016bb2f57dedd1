// The open lesson as a lit template: toolbar, banners, the cells (with the open trace under its cell)
// and the variable inspector. Data in (LessonViewModel), events out to the LessonHandlers; the
// step-through events go straight to the TracePlayer.
import { html, nothing } from "lit";
import type { VariableSummary, VariableValue } from "../../kernel/protocol/values.ts";
import type { CodeCell, NotebookDoc } from "../document/index.ts";
import type { RenderedDocument } from "../render/render.ts";
import type { BindsHoverDetail } from "../components/sb-markdown-cell.ts";
import type { ToolbarAction } from "../components/sb-toolbar.ts";
import type { RuntimeState } from "./state.ts";
import { MIME, type CheckPayload } from "../../kernel/protocol/mime.ts";
import type { TracePlayer } from "./trace-player.ts";
import type { OpenLesson } from "./work-edits.ts";
import { staleText } from "./stale-text.ts";
import { orphansView, type OrphanAction } from "./orphans-view.ts";
import { lessonPath, servesOneLesson } from "./lesson-file.ts";
import { lessonProblems } from "../render/problems.ts";
import { requiresHtml } from "../render/requires.ts";
import { lessonHref } from "./route.ts";
import { unsafeHTML } from "lit/directives/unsafe-html.js";

export interface LessonViewModel {
  lesson: OpenLesson;
  /** the lesson with the student's edits in place. */
  doc: NotebookDoc;
  rendered: RenderedDocument;
  runtime: RuntimeState;
  trace: TracePlayer;
  editingCell: string | null;
  authoring: boolean;
  canAuthor: boolean;
  /** the course's lessons (what a lesson's front matter may require, and what "Builds on" links to) */
  course: readonly { name: string; title: string }[];
  saveState: string;
  /** the lesson file changed on disk where the lecturer has unsaved edits: what clashed. */
  fileConflict: string | null;
  variablesOpen: boolean;
  /** the inspector opens as a dialog over the lesson (a tablet or phone), not as a column. */
  variablesOverlay: boolean;
  variables: VariableSummary[];
  inspected: { name: string; value: VariableValue | null } | null;
  concealed(cell: CodeCell): boolean;
}

export interface LessonHandlers {
  action(action: ToolbarAction): void;
  acceptUpstream(): void;
  lessonClick(e: MouseEvent): void;
  run(cellId: string, advance: boolean): void;
  editStart(cellId: string): void;
  editEnd(cellId: string): void;
  sourceChange(cellId: string, source: string): void;
  resetCell(cellId: string): void;
  takeLesson(cellId: string): void;
  keepMine(cellId: string): void;
  reveal(cellId: string): void;
  settleConflict(choice: "take-file" | "keep-mine"): void;
  orphan(action: OrphanAction, id: string): void;
  bindsHover(detail: BindsHoverDetail): void;
  inspect(name: string): void;
  closeVariables(): void;
}

/** A solution cell's exercise ran and every check in it passed. */
function exercisePassed(doc: NotebookDoc, runtime: RuntimeState, cell: CodeCell): boolean {
  const name = cell.options.solution;
  if (name === undefined) return false;
  const exercise = doc.cells.find((c) => c.type === "code" && c.options.exercise === name);
  const checks = (exercise ? runtime.cells[exercise.id]?.outputs ?? [] : []).flatMap((o) =>
    o.kind === "display" && MIME.check in o.data ? [o.data[MIME.check] as CheckPayload] : []);
  return checks.length > 0 && checks.every((c) => c.pass);
}

const problemsOf = new WeakMap<RenderedDocument, { course: string; problems: string[] }>();

/** For the lecturer (the dev server's page): what in the lesson would show wrong, with file and line;
 * found again when the course changes (a lesson file added beside it may be one its requires: named). */
function problemsView(rendered: RenderedDocument, course: readonly string[], find: () => string[]) {
  const key = course.join("\n");
  let problems = problemsOf.get(rendered)?.course === key ? problemsOf.get(rendered)!.problems : undefined;
  if (!problems) problemsOf.set(rendered, { course: key, problems: (problems = find()) });
  return problems.length === 0 ? nothing : html`<div class="banner problems" role="status"><div><p><strong>For the lecturer:
    ${problems.length === 1 ? "one thing" : `${problems.length} things`} in this lesson would show wrong</strong> (students do not see this list):</p>
    <ul>${problems.map((p) => html`<li><code>${p}</code></li>`)}</ul></div></div>`;
}

export function lessonView(m: LessonViewModel, on: LessonHandlers) {
  const { lesson, doc, runtime, trace, authoring } = m;
  const htmlOf = new Map(m.rendered.cells.map((c) => [c.id, c.html]));
  const busy = runtime.kernel === "busy" || Object.values(runtime.cells).some((c) => c.status !== "idle");
  const activeLabel = trace.boundEquation();
  const stepLine = trace.stepLine();
  let codeIndex = 0;
  // a cell is named by its place among the code cells ("cell 8", as its Run button says) everywhere;
  // its prompt [9] is how many runs the kernel has made, never a cell's name (cellNumbers in export/page.ts)
  const codeNumber = new Map(doc.cells.filter((c) => c.type === "code").map((c, i) => [c.id, i + 1]));
  const cellNumber = (id: string) => codeNumber.get(id) ?? null;
  return html`
      <sb-toolbar .kernel=${runtime.kernel} ?busy=${busy} ?variablesOpen=${m.variablesOpen}
        ?canAuthor=${m.canAuthor} ?authoring=${authoring}
        @sb-action=${(e: CustomEvent<{ action: ToolbarAction }>) => on.action(e.detail.action)}></sb-toolbar>
      ${lesson.upstream ? html`<div class="banner upstream" role="status">
        <p><strong>This lesson was updated</strong> since you started editing it. Your edits are kept${lesson.upstream.conflicts.length
          ? html`; the lesson also changed cells you edited (${lesson.upstream.conflicts.length}): each is marked, with "Compare with the lesson"`
          : ""}.</p>
        <button class="btn" @click=${() => on.acceptUpstream()}>OK</button></div>` : nothing}
      ${runtime.kernel === "dead" ? html`<div class="banner kernel-dead" role="alert"><p><strong>The kernel stopped responding.</strong>
        Your edits are kept; the kernel's variables are lost. Restart it, then run the cells again.</p>
        <button class="btn" @click=${() => on.action("restart")}>Restart the kernel</button></div>` : nothing}
      ${authoring ? nothing : orphansView(lesson.work.orphans ?? [], on.orphan)}
      ${authoring ? html`<div class="banner authoring"><p>Lecturer mode: your edits are written to <code>${lessonPath(lesson.entry.name)}</code>.
        Double-click prose to edit it; click code to edit it.</p><span class="save-state" role="status">${m.saveState}</span></div>` : nothing}
      ${m.canAuthor ? problemsView(m.rendered, m.course.map((l) => l.name), () => lessonProblems(doc, htmlOf, lessonPath(lesson.entry.name), servesOneLesson() ? undefined : new Set(m.course.map((l) => l.name)))) : nothing}
      ${m.fileConflict ? html`<div class="banner conflict" role="alert"><p><strong>Not saved.</strong> ${m.fileConflict}</p>
        <button class="btn" @click=${() => on.settleConflict("take-file")}>Use the file's version</button>
        <button class="btn" @click=${() => on.settleConflict("keep-mine")}>Overwrite the file with mine</button></div>` : nothing}
      <div class="lesson-layout ${m.variablesOpen && !m.variablesOverlay ? "with-inspector" : ""}">
        <article class="lesson" aria-label=${doc.meta.title} @click=${on.lessonClick}
          @sb-run=${(e: CustomEvent<{ cellId: string; advance: boolean }>) => on.run(e.detail.cellId, e.detail.advance)}
          @sb-edit-start=${(e: CustomEvent<{ cellId: string }>) => on.editStart(e.detail.cellId)}
          @sb-edit-end=${(e: CustomEvent<{ cellId: string }>) => on.editEnd(e.detail.cellId)}
          @sb-source-change=${(e: CustomEvent<{ cellId: string; source: string }>) => on.sourceChange(e.detail.cellId, e.detail.source)}
          @sb-reset-cell=${(e: CustomEvent<{ cellId: string }>) => on.resetCell(e.detail.cellId)}
          @sb-take-lesson=${(e: CustomEvent<{ cellId: string }>) => on.takeLesson(e.detail.cellId)}
          @sb-keep-mine=${(e: CustomEvent<{ cellId: string }>) => on.keepMine(e.detail.cellId)}
          @sb-reveal=${(e: CustomEvent<{ cellId: string }>) => on.reveal(e.detail.cellId)}
          @sb-toggle-trace=${(e: CustomEvent<{ cellId: string }>) => { trace.toggle(e.detail.cellId); void trace.reveal(); }}
          @sb-step=${(e: CustomEvent<{ cellId: string; index: number }>) => { trace.stop(); void trace.show(e.detail.cellId, e.detail.index); }}
          @sb-play=${(e: CustomEvent<{ cellId: string; playing: boolean }>) => trace.togglePlay(e.detail.cellId, e.detail.playing)}
          @sb-binds-hover=${(e: CustomEvent<BindsHoverDetail>) => on.bindsHover(e.detail)}>
          ${unsafeHTML(requiresHtml(doc.meta.requires, (name) => {
            const l = m.course.find((c) => c.name === name);
            return l ? { title: l.title, href: lessonHref(name) } : null;
          }))}
          ${doc.cells.map((cell) => {
            if (cell.type === "markdown") {
              return html`<sb-markdown-cell data-cell=${cell.id} .cellId=${cell.id} .renderedHtml=${htmlOf.get(cell.id) ?? ""}
                .source=${cell.source} ?authoring=${authoring} ?editing=${authoring && m.editingCell === cell.id}
                .highlightLabel=${activeLabel}></sb-markdown-cell>`;
            }
            if (cell.type !== "code") return html`<pre class="raw-cell">${cell.source}</pre>`;
            const index = codeIndex++;
            const rt = runtime.cells[cell.id] ?? null;
            const original = lesson.doc.cells.find((c) => c.id === cell.id)?.source;
            const conflict = !authoring && lesson.upstream?.conflicts.includes(cell.id) && original !== undefined;
            const traceOpen = trace.open === cell.id;
            return html`<sb-code-cell data-cell=${cell.id} .cellId=${cell.id} .source=${cell.source} .options=${cell.options}
                .runtime=${rt} .index=${index} ?editing=${m.editingCell === cell.id} ?modified=${!authoring && cell.source !== original}
                ?mine=${original === undefined} .lessonSource=${conflict ? original : null}
                ?concealed=${m.concealed(cell)} ?traceOpen=${traceOpen}
                .highlightLine=${stepLine?.cell === cell.id ? stepLine.line : null} ?exercisePassed=${exercisePassed(doc, runtime, cell)}
                .cellNumber=${cellNumber} .staleText=${rt?.staleReason ? staleText(rt.staleReason, (id) => codeNumber.get(id) ?? 0) : ""}></sb-code-cell>
              ${traceOpen && rt?.trace ? html`<sb-trace-view .cellId=${cell.id} .trace=${rt.trace} .index=${trace.index}
                .values=${trace.values} ?playing=${trace.playing} .equationLabel=${activeLabel} .cellNumber=${cellNumber}></sb-trace-view>` : nothing}`;
          })}
        </article>
        ${m.variablesOpen ? html`<sb-variable-inspector .variables=${m.variables} .selected=${m.inspected?.name ?? null}
          .value=${m.inspected?.value ?? null} ?overlay=${m.variablesOverlay} @sb-close=${() => on.closeVariables()}
          @sb-inspect=${(e: CustomEvent<{ name: string }>) => on.inspect(e.detail.name)}></sb-variable-inspector>` : nothing}
      </div>`;
}
