import { describe, expect, it } from "vitest";
import { parseNotebook } from "../../ui/document/index.ts";
import { KATEX_OPTIONS } from "../../ui/render/katex-render.ts";
import { createMarkdown } from "../../ui/render/markdown.ts";
import { renderDocument, renderMarkdown } from "../../ui/render/render.ts";
import { isSafeUrl } from "../../ui/render/safe-links-plugin.ts";

const lesson = `---
title: Two cells
---

As @eq-loss shows later, and @eq-z.

$$ z = Wx + b $$ {#eq-z binds=z}

\`\`\`ts {#forward}
const z = 1;
\`\`\`

$$ L = (z - y)^2 $$ {#eq-loss binds=L,dz}

Back to @eq-z; the value is \${z}.
`;

describe("renderDocument", () => {
  const doc = parseNotebook(lesson, "two-cells.md");
  const rendered = renderDocument(doc, { values: { "md-end": { z: "1" } } });

  it("numbers equations across the markdown cells of a document and lists them with their cell", () => {
    expect(rendered.equations).toEqual([
      { label: "eq-z", number: 1, binds: ["z"], cellId: "md-forward" },
      { label: "eq-loss", number: 2, binds: ["L", "dz"], cellId: "md-end" },
    ]);
  });

  it("resolves references to equations defined in a later cell", () => {
    expect(rendered.cells.map((c) => c.id)).toEqual(["md-forward", "md-end"]);
    expect(rendered.cells[0]!.html).toContain('<a href="#eq-loss" class="eq-ref">(2)</a>');
    expect(rendered.cells[1]!.html).toContain('<a href="#eq-z" class="eq-ref">(1)</a>');
    expect(rendered.cells[1]!.html).toContain('<div class="equation" id="eq-loss" data-binds="L dz">');
    expect(rendered.cells[1]!.html).toContain('<span class="inline-expr" data-expr="z">1</span>');
  });
});

describe("renderMarkdown", () => {
  it("a reference already in parentheses gets no second pair: (1), not ((1))", () => {
    const html = renderMarkdown("a neuron (@eq-a), as @eq-a says\n\n$$ x $$ {#eq-a}\n");
    expect(html).toContain('a neuron (<a href="#eq-a" class="eq-ref">1</a>)');
    expect(html).toContain('as <a href="#eq-a" class="eq-ref">(1)</a> says');
    expect(renderMarkdown("(@eq-a, @eq-b) and (see @eq-a)", { equationNumbers: { "eq-a": 1, "eq-b": 2 } }))
      .toContain('(<a href="#eq-a" class="eq-ref">1</a>, <a href="#eq-b" class="eq-ref">2</a>) and (see <a href="#eq-a" class="eq-ref">(1)</a>)');
  });

  it("continues the numbering after labels known from other cells and resolves references to them", () => {
    const html = renderMarkdown("See @eq-a.\n\n$$ x $$ {#eq-b}\n", { equationNumbers: { "eq-a": 1, "eq-b": 2, "eq-c": 3 } });
    expect(html).toContain('<a href="#eq-a" class="eq-ref">(1)</a>');
    expect(html).toContain('<span class="eq-number">(2)</span>');
    expect(renderMarkdown("$$ y $$ {#eq-new}", { equationNumbers: new Map([["eq-a", 4]]) })).toContain("(5)");
  });

  it("shows ${X.shape} as numpy's tuple: (6, 2), (16,), and a scalar's () with its word", () => {
    const html = (expr: string, value: string) => renderMarkdown(`\${${expr}}`, { values: { [expr]: value } });
    expect(html("X.shape", "[6, 2]")).toContain(">(6, 2)</span>");
    expect(html("b1.shape", "[16]")).toContain(">(16,)</span>");
    expect(html("L.shape", "[]")).toContain(">() scalar</span>"); // formatShape: a bare () says nothing to a beginner
    // only a shape: other lists, and a shape's parts, print as they are
    expect(html("X.shape[0]", "6")).toContain(">6</span>");
    expect(html("sizes", "[6, 2]")).toContain(">[6, 2]</span>");
    expect(html("X.shape.map(String)", "['6', '2']")).toContain(">['6', '2']</span>");
  });

  it("shows inline expressions without a value as a placeholder", () => {
    expect(renderMarkdown("${W1.shape}")).toBe('<p><span class="inline-expr" data-expr="W1.shape">…</span></p>\n');
  });

  it("shows raw HTML as text and does not linkify bare URLs", () => {
    expect(renderMarkdown("<b>hi</b> https://example.org")).toBe("<p>&lt;b&gt;hi&lt;/b&gt; https://example.org</p>\n");
  });

  it("renders math for screen readers too (MathML next to the HTML)", () => {
    expect(renderMarkdown("$x$")).toContain('<span class="katex-mathml"><math');
  });
});

describe("the Markdown pipeline's configuration", () => {
  it("uses raw HTML off and linkify off, whatever the caller asks", () => {
    const md = createMarkdown({ typographer: true });
    expect(md.options.html).toBe(false);
    expect(md.options.linkify).toBe(false);
  });

  it("runs KaTeX untrusted with bounded expansion and sizes", () => {
    expect(KATEX_OPTIONS).toMatchObject({ trust: false, maxExpand: 1000, maxSize: 20, throwOnError: false, output: "htmlAndMathml" });
  });
});

describe("isSafeUrl", () => {
  it.each([
    ["javascript:alert(1)", "link"],
    [" JavaScript:alert(1)", "link"],
    ["java\tscript:alert(1)", "link"],
    ["javascript&colon;alert(1)", "link"],
    ["&#x6A;avascript:alert(1)", "link"],
    ["%6Aavascript:alert(1)", "link"],
    ["vbscript:msgbox(1)", "link"],
    ["data:text/html,<script>", "image"],
    ["data:image/svg+xml;base64,AAAA", "image"],
    ["data:image/png;base64,AAAA", "link"],
    ["file:///etc/passwd", "link"],
  ] as const)("refuses %j as a %s", (url, kind) => {
    expect(isSafeUrl(url, kind)).toBe(false);
  });

  it.each([
    ["https://example.org/a?b=c", "link"],
    ["mailto:me@example.org", "link"],
    ["#eq-z1", "link"],
    ["02-backprop.md", "link"],
    ["images/net.png", "image"],
    ["data:image/png;base64,AAAA", "image"],
    ["data:image/webp;base64,AAAA", "image"],
  ] as const)("allows %j as a %s", (url, kind) => {
    expect(isSafeUrl(url, kind)).toBe(true);
  });
});

describe("pathological input", () => {
  it("renders long runs of unclosed `${`, `$$` lines, `@eq-` and `$` without hanging", () => {
    const inputs = ["${".repeat(50_000), "$$a\n".repeat(5_000), "@eq-a ".repeat(50_000), "$a ".repeat(50_000), "[".repeat(50_000)];
    for (const input of inputs) expect(typeof renderMarkdown(input)).toBe("string");
  }, 60_000); // "without hanging": seconds on a loaded machine, not minutes
});
