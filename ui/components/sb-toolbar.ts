// The notebook's toolbar: run all, run stale, stop, restart, reset, download, variables, lecturer edit.
// Each button emits `sb-action` with its name; the kernel status is shown as text and a busy dot.
// The bar is one line at every width. Where it is too narrow for every button (app.css: a container
// query on the toolbar's own width, so the exported page's narrower column counts, not the window's) the
// less used ones (downloads, reset, keys, lecturer) move into a "More" menu button; on a phone (max-width
// 700px) all but Run all, Stop and the status do (aria-expanded; Esc or a choice closes it and focus
// returns to the button).
import { html, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { LightElement } from "./light-element.ts";

export type ToolbarAction = "run-all" | "run-stale" | "stop" | "restart" | "reset-lesson" | "download-md" | "download-ipynb" | "toggle-variables" | "toggle-authoring" | "save-lesson" | "keyboard-help";

@customElement("sb-toolbar")
export class SbToolbar extends LightElement {
  @property() kernel = "starting";
  @property({ type: Boolean }) busy = false;
  @property({ type: Boolean }) variablesOpen = false;
  /** the dev server can save lessons: show the lecturer controls. */
  @property({ type: Boolean }) canAuthor = false;
  @property({ type: Boolean }) authoring = false;
  /** the phone's "More" menu is open. */
  @state() private menuOpen = false;

  override render() {
    const b = (action: ToolbarAction, label: string, extra: { title?: string; disabled?: boolean; pressed?: boolean } = {}) => html`<button
      class="btn tb-${action}" title=${extra.title ?? label} ?disabled=${!!extra.disabled}
      aria-pressed=${extra.pressed === undefined ? nothing : String(extra.pressed)}
      @click=${() => { this.closeMenu(false); this.emit("sb-action", { action }); }}>${label}</button>`;
    return html`<div class="toolbar ${this.canAuthor ? "can-author" : ""}" role="toolbar" aria-label="notebook" @keydown=${this.onKey}>
      ${b("run-all", "Run all")}
      ${b("stop", "Stop", { disabled: !this.busy, title: "Interrupt the running cell" })}
      <button class="btn tb-more" aria-expanded=${String(this.menuOpen)} aria-controls="tb-menu" aria-haspopup="true"
        @click=${() => (this.menuOpen = !this.menuOpen)}>More <span aria-hidden="true">▾</span></button>
      <div class="tb-menu ${this.menuOpen ? "open" : ""}" id="tb-menu">
      <div class="tb-group tb-primary">
      ${b("run-stale", "Run stale", { title: "Run the cells marked stale" })}
      ${b("restart", "Restart", { title: "Restart the kernel (variables are lost)" })}
      <span class="tb-sep" aria-hidden="true"></span>
      ${b("toggle-variables", "Variables", { pressed: this.variablesOpen })}
      </div>
      <div class="tb-group tb-secondary">
      ${b("download-md", "Download .md")}
      ${b("download-ipynb", "Download .ipynb")}
      ${b("reset-lesson", "Reset lesson", { title: "Discard your edits to this lesson" })}
      ${b("keyboard-help", "Keys", { title: "Keyboard shortcuts (?)" })}
      ${this.canAuthor ? html`<span class="tb-sep" aria-hidden="true"></span>
        ${b("toggle-authoring", "Edit lesson", { pressed: this.authoring, title: "Lecturer: edit the lesson file" })}
        ${this.authoring ? b("save-lesson", "Save to file", { title: "Write the lesson to its file now" }) : nothing}
` : nothing}
      </div>
      </div>
      <span class="kernel-status kernel-${this.kernel} ${this.busy ? "busy" : ""}" role="status" aria-live="polite">
        <span class="busy-dot" aria-hidden="true"></span>kernel ${this.busy ? "busy" : this.kernel}</span>
    </div>`;
  }

  private closeMenu(refocus: boolean): void {
    if (!this.menuOpen) return;
    this.menuOpen = false;
    if (refocus) this.querySelector<HTMLElement>(".tb-more")?.focus();
  }

  private onKey = (e: KeyboardEvent) => {
    if (e.key === "Escape" && this.menuOpen) { e.stopPropagation(); this.closeMenu(true); }
  };
}

declare global {
  interface HTMLElementTagNameMap { "sb-toolbar": SbToolbar }
}
