// Stepbook's elements render into the light DOM: lesson HTML from the shared pipeline, KaTeX's CSS,
// the theme and print styles all apply as to the rest of the page, and tests query them directly.
import { LitElement } from "lit";

export class LightElement extends LitElement {
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  /** Dispatch a bubbling, composed CustomEvent: how every Stepbook element talks to its parent. */
  protected emit<T>(type: string, detail: T): void {
    this.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true }));
  }
}
