// The course index: one card per lesson, in the course's order, linking to #/lesson/NAME. A summary is
// one line of Markdown with math, rendered as the lessons are (raw HTML in it stays text).
import { html } from "lit";
import { customElement, property } from "lit/decorators.js";
import { unsafeHTML } from "lit/directives/unsafe-html.js";
import { renderInlineMarkdown } from "../render/render.ts";
import { LightElement } from "./light-element.ts";

export interface LessonCard {
  name: string;
  title: string;
  summary: string;
  order: number | null;
  error?: string;
  edited?: boolean;
}

@customElement("sb-lesson-index")
export class SbLessonIndex extends LightElement {
  @property({ attribute: false }) lessons: LessonCard[] = [];
  @property() heading = "Lessons";

  override render() {
    return html`
      <h1 class="index-title">${this.heading}</h1>
      ${this.lessons.length === 0 ? html`<p class="empty">No lessons yet: add a Markdown file to <code>notebooks/</code>.</p>` : ""}
      <ol class="lesson-list">
        ${this.lessons.map((l, i) => html`
          <li class="lesson-card">
            <a href="#/lesson/${encodeURIComponent(l.name)}" data-lesson=${l.name}>
              <span class="lesson-number" aria-hidden="true">${l.order ?? i + 1}</span>
              <span class="lesson-title">${l.title}</span>
            </a>
            ${l.summary ? html`<p class="lesson-summary">${unsafeHTML(renderInlineMarkdown(l.summary))}</p>` : ""}
            ${l.edited ? html`<span class="badge badge-edited">your edits saved</span>` : ""}
            ${l.error ? html`<p class="lesson-error" role="alert">This lesson does not parse: ${l.error}</p>` : ""}
          </li>`)}
      </ol>`;
  }
}

declare global {
  interface HTMLElementTagNameMap { "sb-lesson-index": SbLessonIndex }
}
