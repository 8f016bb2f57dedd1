// The keyboard help: a modal <dialog> listing the command-mode keys, the editor's and the step-through's (from the one key
// table in ui/app/commands.ts). Esc or the button closes it; it says so with `sb-close`.
import { html } from "lit";
import { customElement, property } from "lit/decorators.js";
import { EDITOR_KEYS, KEYMAP, STEP_KEYS } from "../app/commands.ts";
import { LightElement } from "./light-element.ts";

const keyName = (k: string) => ({ ArrowDown: "↓", ArrowUp: "↑", ArrowLeft: "←", ArrowRight: "→" } as Record<string, string>)[k] ?? k;

@customElement("sb-keyboard-help")
export class SbKeyboardHelp extends LightElement {
  @property({ type: Boolean }) open = false;

  override render() {
    const row = (keys: string[], label: string) => html`<tr><th scope="row">${keys.map((k, i) => html`${i ? " or " : ""}${k.split(" ").map((p) => html`<kbd>${keyName(p)}</kbd>`)}`)}</th><td>${label}</td></tr>`;
    return html`<dialog class="keyboard-help" aria-labelledby="keyboard-help-title" @close=${() => this.emit("sb-close", {})}>
      <h2 id="keyboard-help-title">Keyboard</h2>
      <p>With a cell's code focused (Tab to it, or Esc from the editor):</p>
      <table><tbody>${KEYMAP.map((b) => row(b.keys, b.label))}</tbody></table>
      <p>In the editor:</p>
      <table><tbody>${EDITOR_KEYS.map((b) => row(b.keys, b.label))}</tbody></table>
      <p>In a step-through (Tab from its cell to its buttons):</p>
      <table><tbody>${STEP_KEYS.map((b) => row(b.keys, b.label))}</tbody></table>
      <form method="dialog"><button class="btn" autofocus>Close</button></form>
    </dialog>`;
  }

  protected override updated(): void {
    const dialog = this.querySelector("dialog");
    if (!dialog) return;
    if (this.open && !dialog.open) {
      if (typeof dialog.showModal === "function") dialog.showModal();
      else dialog.setAttribute("open", "");
    } else if (!this.open && dialog.open) dialog.close();
  }
}

declare global {
  interface HTMLElementTagNameMap { "sb-keyboard-help": SbKeyboardHelp }
}
