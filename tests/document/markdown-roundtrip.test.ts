import { describe, expect, it } from "vitest";
import { parseNotebook, serializeNotebook, type CodeCell } from "../../ui/document/index.ts";
import { lessonFixtures, readFixture } from "./fixtures.ts";

const bytes = (text: string) => Buffer.from(text, "utf8");

describe(".md lessons round-trip", () => {
  it.each(lessonFixtures())("parsing then serialising %s gives back the exact bytes", (name, text) => {
    const doc = parseNotebook(text, name);
    expect(bytes(serializeNotebook(doc, "md")).equals(bytes(text))).toBe(true);
    expect(serializeNotebook(doc, "md")).toBe(text);
  });

  it.each(lessonFixtures())("a parsed %s survives a JSON copy (it is plain data)", (name, text) => {
    const doc = JSON.parse(JSON.stringify(parseNotebook(text, name)));
    expect(serializeNotebook(doc, "md")).toBe(text);
  });
});

describe(".md lesson structure", () => {
  const doc = parseNotebook(readFixture("01-neuron.md"), "01-neuron.md");
  const code = doc.cells.filter((c): c is CodeCell => c.type === "code");

  it("reads the front matter into meta and keeps unknown keys", () => {
    expect(doc.meta).toEqual({
      title: "A single neuron",
      order: 1,
      summary: "One neuron, a weighted sum and a sigmoid, run forwards and backwards by hand.",
      requires: [],
      tags: ["basics", "forward-pass"],
    });
  });

  it("turns ts fences into code cells with the options of their attributes", () => {
    expect(code.map((c) => [c.id, c.options])).toEqual([
      ["setup", {}],
      ["forward", { trace: true }],
      ["cell-5", { exercise: "dz" }],
      ["cell-6", { solution: "dz", hidden: true }],
    ]);
    expect(code[1]!.source).toBe("const z = np.add(np.matmul(w.T, x), b);\nconst a = np.sigmoid(z);\na");
  });

  it("keeps fences of other languages inside the markdown cells", () => {
    const prose = doc.cells.filter((c) => c.type === "markdown").map((c) => c.source);
    expect(prose.some((s) => s.includes("```python\nz = w.T @ x + b"))).toBe(true);
    expect(doc.cells.map((c) => c.type)).toEqual(["markdown", "code", "code", "markdown", "code", "code"]);
  });

  it("gives prose the id of the code cell after it, code without {#id} its position, the same on every parse", () => {
    expect(doc.cells.map((c) => c.id)).toEqual(["md-setup", "setup", "forward", "md-cell-5", "cell-5", "cell-6"]);
    const again = parseNotebook(readFixture("01-neuron.md"), "01-neuron.md");
    expect(again.cells.map((c) => c.id)).toEqual(doc.cells.map((c) => c.id));
  });

  it("treats fences in list items, indented fences and nested fences as prose", () => {
    const vec = parseNotebook(readFixture("04-vectorised.md"), "04-vectorised.md");
    const ids = vec.cells.filter((c) => c.type === "code").map((c) => c.id);
    expect(ids).toEqual(["layer1", "template", "empty", "blank", "cell-7"]);
    const template = vec.cells.find((c) => c.id === "template") as CodeCell;
    expect(template.source).toContain("```ts\nnested\n```");
    expect(template.options).toEqual({ readonly: true, extra: [".wide"] });
    expect((vec.cells.find((c) => c.id === "layer1") as CodeCell).options).toEqual({ trace: true, extra: ['title="First layer"'] });
  });

  it("reads CRLF files into \\n sources and writes CRLF back", () => {
    const text = readFixture("02-backprop-crlf.md");
    const crlf = parseNotebook(text, "02-backprop-crlf.md");
    expect(crlf.cells.every((c) => !c.source.includes("\r"))).toBe(true);
    expect(crlf.layout?.eol).toBe("\r\n");
  });
});

describe("serialising an edited lesson", () => {
  const text = readFixture("01-neuron.md");

  it("rewrites only the fence line of a cell whose options changed", () => {
    const doc = parseNotebook(text, "01-neuron.md");
    const forward = doc.cells.find((c) => c.id === "forward") as CodeCell;
    forward.options = { ...forward.options, readonly: true };
    const out = serializeNotebook(doc, "md");
    expect(out).toBe(text.replace("```ts {#forward trace}", "```ts {#forward trace readonly}"));
  });

  it("rewrites the front matter when meta changed, and keeps it (comments too) when not", () => {
    const doc = parseNotebook(text, "01-neuron.md");
    doc.meta.title = "One neuron";
    const out = serializeNotebook(doc, "md");
    expect(out).toContain('---\ntitle: One neuron\norder: 1\n');
    expect(parseNotebook(out, "01-neuron.md").meta).toEqual({ ...doc.meta });
  });

  it("lengthens the fence when a cell's new source contains a fence line", () => {
    const doc = parseNotebook(text, "01-neuron.md");
    const setup = doc.cells.find((c) => c.id === "setup") as CodeCell;
    setup.source = "const md = `\n```\n`;";
    const again = parseNotebook(serializeNotebook(doc, "md"), "01-neuron.md");
    expect(again.cells.find((c) => c.id === "setup")?.source).toBe(setup.source);
  });

  it("writes a new cell with a blank line before it and an id only when a reader would not derive it", () => {
    const doc = parseNotebook(text, "01-neuron.md");
    doc.cells.push({ type: "code", id: "plot", source: "plot(a)", metadata: {}, options: { trace: true }, outputs: [], executionCount: null });
    doc.cells.push({ type: "markdown", id: "md-end", source: "The end.", metadata: {} });
    expect(serializeNotebook(doc, "md")).toBe(`${text.slice(0, -1)}\n\n\`\`\`ts {#plot trace}\nplot(a)\n\`\`\`\n\nThe end.\n`);
    doc.cells.at(-1)!.id = "outro";
    const written = serializeNotebook(doc, "md");
    expect(written).toBe(`${text.slice(0, -1)}\n\n\`\`\`ts {#plot trace}\nplot(a)\n\`\`\`\n\n<!-- #outro -->\nThe end.\n`);
    expect(parseNotebook(written, "01-neuron.md").cells.map((c) => c.id)).toEqual(doc.cells.map((c) => c.id));
  });
});
