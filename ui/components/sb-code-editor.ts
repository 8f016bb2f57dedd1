// Monaco on one code cell, created on first edit. Shift+Enter runs and moves on, Ctrl+Enter runs and
// stays, Esc leaves the editor (no keyboard trap: Tab stays in the editor, Esc hands focus back).
import { html } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { loadMonaco, monacoTheme, type Monaco } from "../app/monaco.ts";
import { LightElement } from "./light-element.ts";

type Editor = ReturnType<Monaco["editor"]["create"]>;

@customElement("sb-code-editor")
export class SbCodeEditor extends LightElement {
  @property() cellId = "";
  @property() source = "";
  @property({ type: Number }) errorLine: number | null = null;
  @property() errorMessage = "";
  @property({ type: Number }) highlightLine: number | null = null;
  @state() private ready = false;
  @state() private failed: string | null = null;
  private editor: Editor | undefined;
  private monaco: Monaco | undefined;
  private decorations: { clear(): void; set(d: unknown[]): void } | undefined;

  override render() {
    // Monaco owns the host's children: lit must render nothing inside it (a part there would clear them).
    return html`${this.failed ? html`<p class="editor-loading" role="alert">The editor could not load: ${this.failed}</p>`
      : this.ready ? "" : html`<p class="editor-loading">Loading the editor…</p>`}<div class="editor-host" aria-label="code editor (Esc to leave)"></div>`;
  }

  protected override async firstUpdated(): Promise<void> {
    try {
      await this.create();
    } catch (e) {
      console.error("stepbook: the editor could not load", e);
      this.failed = e instanceof Error ? e.message : String(e);
    }
  }

  private async create(): Promise<void> {
    const { monaco } = await loadMonaco();
    if (!this.isConnected) return;
    this.monaco = monaco;
    const host = this.querySelector<HTMLElement>(".editor-host")!;
    const uri = monaco.Uri.parse(`file:///cells/${encodeURIComponent(this.cellId || "cell")}.ts`);
    monaco.editor.getModel(uri)?.dispose();
    const model = monaco.editor.createModel(this.source, "typescript", uri);
    const editor = monaco.editor.create(host, {
      model, theme: monacoTheme(), minimap: { enabled: false }, scrollBeyondLastLine: false,
      automaticLayout: true, fontSize: 14, lineNumbers: "on", tabSize: 2, fixedOverflowWidgets: true,
      ariaLabel: "code cell editor, Escape to leave", scrollbar: { alwaysConsumeMouseWheel: false },
    });
    this.editor = editor;
    const fit = () => { host.style.height = `${Math.min(600, Math.max(60, editor.getContentHeight()))}px`; editor.layout(); };
    editor.onDidContentSizeChange(fit);
    fit();
    editor.onDidChangeModelContent(() => {
      this.source = editor.getValue();
      this.emit("sb-source-change", { cellId: this.cellId, source: this.source });
    });
    const { KeyMod, KeyCode } = monaco;
    editor.addCommand(KeyMod.Shift | KeyCode.Enter, () => this.emit("sb-run", { cellId: this.cellId, advance: true }));
    editor.addCommand(KeyMod.CtrlCmd | KeyCode.Enter, () => this.emit("sb-run", { cellId: this.cellId, advance: false }));
    editor.addCommand(KeyCode.Escape, () => this.emit("sb-edit-end", { cellId: this.cellId }), "!suggestWidgetVisible && !findWidgetVisible && !parameterHintsVisible");
    this.decorations = editor.createDecorationsCollection() as unknown as typeof this.decorations;
    this.ready = true;
    this.mark();
    editor.focus();
  }

  protected override updated(changed: Map<string, unknown>): void {
    if (!this.editor) return;
    if (changed.has("source") && this.source !== this.editor.getValue()) this.editor.setValue(this.source);
    if (changed.has("errorLine") || changed.has("highlightLine") || changed.has("errorMessage")) this.mark();
  }

  /** The failing line (a marker with the message) and the step-through line (a decoration). */
  private mark(): void {
    const monaco = this.monaco, editor = this.editor;
    if (!monaco || !editor) return;
    const model = editor.getModel()!;
    const markers = this.errorLine ? [{
      startLineNumber: this.errorLine, endLineNumber: this.errorLine, startColumn: 1, endColumn: model.getLineMaxColumn(Math.min(this.errorLine, model.getLineCount())),
      message: this.errorMessage || "error", severity: monaco.MarkerSeverity.Error,
    }] : [];
    monaco.editor.setModelMarkers(model, "stepbook-run", markers);
    const lines = [
      ...(this.errorLine ? [{ line: this.errorLine, cls: "monaco-line-error" }] : []),
      ...(this.highlightLine ? [{ line: this.highlightLine, cls: "monaco-line-step" }] : []),
    ];
    this.decorations?.set(lines.map(({ line, cls }) => ({ range: new monaco.Range(line, 1, line, 1), options: { isWholeLine: true, className: cls } })));
  }

  override focus(): void {
    this.editor?.focus();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    const model = this.editor?.getModel();
    this.editor?.dispose();
    model?.dispose();
    this.editor = undefined;
  }
}

declare global {
  interface HTMLElementTagNameMap { "sb-code-editor": SbCodeEditor }
}
