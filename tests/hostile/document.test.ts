// Hostile cases #15.5 (documents) with property tests (fast-check) of the `.md` / `.ipynb` parsers and
// writers. Expected behaviour beside each case.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DocumentError } from "../../ui/document/errors.ts";
import { parseNotebook, serializeNotebook } from "../../ui/document/index.ts";
import type { Cell, NotebookDoc } from "../../ui/document/types.ts";
import { MAX_LENGTH, MAX_PAGE_TEX, renderTex } from "../../ui/render/katex-render.ts";
import { renderDocument } from "../../ui/render/render.ts";

/** What a cell is, as the reader and the kernel see it (ids that the file spells out, no layout). */
function shape(doc: NotebookDoc) {
  return doc.cells.map((c) => ({
    type: c.type, source: c.source,
    ...(c.type === "code" ? { options: c.options, id: /^cell-\d+$/.test(c.id) ? undefined : c.id } : {}),
    ...(c.type === "unknown" ? { cellType: c.cellType } : {}),
  }));
}

const doc = (cells: Cell[]): NotebookDoc => ({ meta: { title: "T" }, cells });
const prose = (source: string): Cell => ({ type: "markdown", id: "", source, metadata: {} });
const code = (source: string, id = ""): Cell => ({ type: "code", id, source, metadata: {}, options: {}, outputs: [], executionCount: null });
const raw = (source: string): Cell => ({ type: "raw", id: "", source, metadata: {} });
const withIds = (cells: Cell[]) => cells.map((c, i) => ({ ...c, id: c.id || `cell-${i + 1}` }) as Cell);
const mdRoundTrip = (d: NotebookDoc) => parseNotebook(serializeNotebook(d, "md"), "x.md");

describe(".md writer escapes fences: the round trip keeps exactly the notebook's cells", () => {
  // Expected: each case comes back as the same cells (same types, same sources), never as a code cell.
  it.each([
    ["a prose cell holding a ```ts fence", [prose("Example:\n\n```ts\nrm()\n```"), code("1")]],
    ["a prose cell with an unclosed fence", [prose("Look:\n\n```"), code("const x = 1;"), prose("after")]],
    ["a raw cell holding a ```ts fence", [raw("```ts\nnot code\n```"), code("2")]],
    ["two prose cells in a row", [prose("one"), prose("two")]],
    ["an empty prose cell and blank-edged prose", [prose(""), prose("\n\nspaced\n\n"), code("3")]],
    ["prose that looks like a wrapper", [prose("````stepbook-raw\nx\n````"), code("4")]],
    ["an unknown cell type", [{ type: "unknown", id: "", cellType: "vendor.widget", source: "```ts\nx\n```", metadata: {} } as Cell]],
  ] as [string, Cell[]][])("%s", (_, cells) => {
    const d = doc(withIds(cells));
    expect(shape(mdRoundTrip(d))).toEqual(shape(d));
  });

  it("an .ipynb with such cells converts to .md and back to the same cells", () => {
    const d = doc(withIds([prose("```ts\nx\n```"), raw("```ts\ny\n```"), code("z"), prose("```")]));
    const viaIpynb = parseNotebook(serializeNotebook(d, "ipynb"), "x.ipynb");
    expect(shape(mdRoundTrip(viaIpynb))).toEqual(shape(d));
  });
});

describe("deeply nested JSON in an .ipynb", () => {
  // Expected: a DocumentError naming the file and the field, not a stack overflow.
  it("is refused with the file named", () => {
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    const text = `{"cells":[{"cell_type":"code","source":"1","metadata":{"x":${deep}},"outputs":[],"execution_count":null}],"metadata":{},"nbformat":4,"nbformat_minor":5}`;
    expect(() => parseNotebook(text, "deep.ipynb")).toThrow(DocumentError);
    expect(() => parseNotebook(text, "deep.ipynb")).toThrow(/^deep\.ipynb: cells\[0\]\.metadata\.x\[0\].*nested more than 200 levels/);
  });
});

describe("KaTeX work is bounded per formula and per page", () => {
  // Expected: a formula above the limit is shown as its source (escaped), with no KaTeX markup.
  it("a formula above the per-formula limit shows its source", () => {
    const tex = "\\frac{a}{b}+".repeat(Math.ceil((MAX_LENGTH + 1) / 12));
    const html = renderTex(tex, true);
    expect(html).toMatch(/^<span class="math-error" title="formula too long/);
    expect(html).toContain("\\frac{a}{b}+");
    expect(html).not.toContain('class="katex"');
  });

  // Expected: 200 formulas of 4,000 characters render up to the page allowance, then as source.
  it("a page past its TeX allowance shows the remaining formulas as source", () => {
    const formula = `$$${"a+".repeat(2000)}b$$`;
    const page = doc([prose(Array.from({ length: 200 }, () => formula).join("\n\n"))]);
    const html = renderDocument(page).cells[0]!.html;
    const rendered = (html.match(/class="katex-display"/g) ?? []).length;
    const asSource = (html.match(/math shown as source/g) ?? []).length;
    expect(rendered).toBe(Math.floor(MAX_PAGE_TEX / 4001));
    expect(rendered + asSource).toBe(200);
  }, 120_000);
});

// ---- property tests ------------------------------------------------------------------------------

// Text made of the pieces that matter to a fence parser, so fences, info strings and blank lines
// turn up often.
const piece = fc.constantFrom("```", "````", "~~~", "```ts", "```ts {#a}", "ts", "{#x}", "\n", "\n\n", " ", "    ", "a", "$$", "-", "> ", "1.", "stepbook-raw", "````stepbook-markdown", "`", "#", "---", "<!-- #p -->", "<!-- #md-end -->", "```stepbook-raw {#r}");
const text = fc.array(piece, { maxLength: 14 }).map((p) => p.join(""));
const idArb = fc.option(fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/), { nil: undefined });
const cellArb: fc.Arbitrary<Cell> = fc.oneof(
  text.map(prose),
  fc.tuple(text, idArb, fc.boolean(), fc.boolean()).map(([s, id, trace, hidden]) => ({ ...code(s, id ?? ""), options: { ...(trace ? { trace } : {}), ...(hidden ? { hidden } : {}) } }) as Cell),
  text.map(raw),
);
const docArb = fc.uniqueArray(cellArb, { maxLength: 6, selector: (c) => (c.type === "code" && c.id ? c.id : Math.random()) }).map((cells) => doc(withIds(cells)));

// Every cell with an id of its own (as from Jupyter), or the one a reader would derive, or a clash of both.
const anyId = fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/), fc.constantFrom("md-end", "md-a", "cell-1", "cell-2", "a"));
const idDocArb = fc.array(fc.tuple(fc.oneof(text.map(prose), text.map((s) => code(s)), text.map(raw)), anyId), { maxLength: 7 })
  .map((pairs) => doc(pairs.map(([c, id]) => ({ ...c, id }))))
  .filter((d) => new Set(d.cells.map((c) => c.id)).size === d.cells.length);
/** Everything a cell is, its id included. */
const withId = (d: NotebookDoc) => d.cells.map((c, i) => ({ ...shape(d)[i], id: c.id }));

describe("property: parse(serialize(doc)) gives back the document", () => {
  // Expected: for any document (prose containing fences included), the same cells come back.
  it(".md", () => {
    fc.assert(fc.property(docArb, (d) => {
      expect(shape(mdRoundTrip(d))).toEqual(shape(d));
    }), { numRuns: 400 });
  });

  it(".ipynb", () => {
    fc.assert(fc.property(docArb, (d) => {
      expect(shape(parseNotebook(serializeNotebook(d, "ipynb"), "x.ipynb"))).toEqual(shape(d));
    }), { numRuns: 300 });
  });

  // Expected: a wrapped cell holding one blank line keeps it (fast-check found this one in CI).
  it.each(["```stepbook-raw {#r}\n\n```", "````stepbook-markdown\n\n````", "```stepbook-raw\n```"])("%j round-trips byte for byte", (body) => {
    const file = `---\ntitle: T\n---\n\n${body}\n`;
    expect(serializeNotebook(parseNotebook(file, "x.md"), "md")).toBe(file);
  });

  // Expected: a parsed .md file serialises back to the same text, byte for byte.
  it(".md text -> doc -> the same text", () => {
    fc.assert(fc.property(text, (body) => {
      const file = `---\ntitle: T\n---\n\n${body}\n`;
      let parsed: NotebookDoc;
      try {
        parsed = parseNotebook(file, "x.md");
      } catch (e) {
        expect(e).toBeInstanceOf(DocumentError);
        return;
      }
      expect(serializeNotebook(parsed, "md")).toBe(file);
    }), { numRuns: 400 });
  });
});

describe("property: parse(serialize(doc)) keeps every cell's id", () => {
  // Expected: any ids (prose, raw and code; derived-looking or not) come back the same, through .md,
  // through .ipynb, and through .md -> .ipynb -> .md.
  it(".md", () => {
    fc.assert(fc.property(idDocArb, (d) => {
      expect(withId(mdRoundTrip(d))).toEqual(withId(d));
    }), { numRuns: 400 });
  });

  it(".ipynb and .md -> .ipynb -> .md", () => {
    fc.assert(fc.property(idDocArb, (d) => {
      expect(withId(parseNotebook(serializeNotebook(d, "ipynb"), "x.ipynb"))).toEqual(withId(d));
      const viaIpynb = parseNotebook(serializeNotebook(mdRoundTrip(d), "ipynb"), "x.ipynb");
      expect(withId(mdRoundTrip(viaIpynb))).toEqual(withId(d));
    }), { numRuns: 300 });
  });

  // Expected: a lesson's ids do not move when its prose (a heading) is edited.
  it("editing prose changes no id", () => {
    fc.assert(fc.property(idDocArb, fc.nat(), text, (d, k, edit) => {
      const first = mdRoundTrip(d);
      const proseCells = first.cells.filter((c) => c.type === "markdown");
      fc.pre(proseCells.length > 0);
      proseCells[k % proseCells.length]!.source = `# ${edit.replaceAll("\n", " ")}`;
      expect(mdRoundTrip(first).cells.map((c) => c.id)).toEqual(d.cells.map((c) => c.id));
    }), { numRuns: 300 });
  });
});

describe("property: bad input gives only the documented error", () => {
  // Expected: any text either parses or throws a DocumentError (never a TypeError, RangeError, ...).
  it.each(["x.md", "x.ipynb"])("%s", (file) => {
    const ipynbish = fc.oneof(fc.json(), fc.string(), fc.json().map((j) => `{"cells":[${j}],"metadata":{},"nbformat":4,"nbformat_minor":5}`));
    fc.assert(fc.property(file.endsWith(".md") ? fc.oneof(text, fc.string(), text.map((t) => `---\n${t}\n---\n${t}`)) : ipynbish, (input) => {
      try {
        parseNotebook(input, file);
      } catch (e) {
        if (!(e instanceof DocumentError)) throw new Error(`not a DocumentError for ${JSON.stringify(input)}: ${String(e)}`);
      }
    }), { numRuns: 400 });
  });
});
