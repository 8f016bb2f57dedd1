// An exported page's step list is the browser's own MathML (renderTex's "mathml" output). KaTeX writes
// \hat{Y} as <mover accent="true"><mi>Y</mi><mo>^</mo></mover>, and Chromium drew that ASCII caret as a
// tall glyph floating beside Ŷ (lesson 4's exported step list). The spacing accents U+02C6 (hat) and
// U+02DC (tilde), not stretched, draw as accents; a wide hat over several symbols stays stretchy.
import { describe, expect, it } from "vitest";
import { renderTex } from "../../ui/render/katex-render.ts";

describe("accents in MathML-only output", () => {
  it("\\hat and \\tilde over one symbol use the spacing accents, not stretched", () => {
    const html = renderTex("\\hat{Y} = A_{2} W_{3} + b_{3},\\ \\tilde{x}, d\\hat{Y}", false, "mathml");
    expect(html).not.toContain("<mo>^</mo>");
    expect(html).not.toContain("<mo>~</mo>");
    expect(html.match(/<mo stretchy="false">\u02c6<\/mo><\/mover>/g)).toHaveLength(2);
    expect(html.match(/<mo stretchy="false">\u02dc<\/mo><\/mover>/g)).toHaveLength(1);
  });

  it("leaves \\widehat stretchy, a caret in a superscript's source alone, and the HTML output as KaTeX made it", () => {
    expect(renderTex("\\widehat{AB}", false, "mathml")).toContain('<mo stretchy="true">^</mo>');
    // the TeX source is kept in the annotation, unchanged
    expect(renderTex("x^{2} + \\hat{y}", false, "mathml")).toContain("x^{2} + \\hat{y}</annotation>");
    expect(renderTex("\\hat{Y}", false)).toContain("<mo>^</mo>");
  });
});
