// A code block in a lesson's prose (lesson 1's MLP diagram, a ```text fence) scrolls sideways on a phone;
// axe flagged it (scrollable-region-focusable, serious) in the app and the exported page at 390 px: a
// box that scrolls must take keyboard focus to be scrolled. Fences and indented blocks both do now.
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../ui/render/render.ts";

describe("code blocks in prose can be scrolled by keyboard", () => {
  it("a fence and an indented block are focusable, once each, with their text as it was", () => {
    const html = renderMarkdown("Text.\n\n```text\ninput layer     hidden layer 1     hidden layer 2     output layer\n```\n\nMore.\n\n    indented <b>code</b>\n");
    expect(html.match(/<pre tabindex="0">/g)).toHaveLength(2);
    expect(html).not.toMatch(/<pre(?! tabindex="0">)/);
    expect(html).toContain('<code class="language-text">input layer     hidden layer 1');
    expect(html).toContain("indented &lt;b&gt;code&lt;/b&gt;");
  });
});
