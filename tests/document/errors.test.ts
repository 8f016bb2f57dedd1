import { describe, expect, it } from "vitest";
import { DocumentError, parseNotebook } from "../../ui/document/index.ts";

/** Parses `text` and returns the DocumentError it throws (failing if it throws nothing else). */
function errorOf(text: string, file: string): DocumentError {
  try {
    parseNotebook(text, file);
  } catch (e) {
    expect(e).toBeInstanceOf(DocumentError);
    return e as DocumentError;
  }
  throw new Error(`expected ${file} to be rejected`);
}

const lesson = (body: string, front = "title: Broken lesson") => `---\n${front}\n---\n\n${body}`;

describe("broken .md lessons say which file and line", () => {
  it.each([
    ["a lesson without front matter", "# Hello\n", "lesson.md:1:", /front matter/],
    ["front matter that is never closed", "---\ntitle: x\n\n# Hello\n", "lesson.md:1:", /never closed/],
    ["front matter that is not valid YAML", "---\ntitle: ok\nsummary: [unclosed\n---\n", "lesson.md:3:", /not valid YAML/],
    ["front matter without a title", "---\norder: 2\n---\n", "lesson.md:1:", /no title/],
    ["a title that is not a string", "---\norder: 2\ntitle: [a, b]\n---\n", "lesson.md:3:", /title must be a non-empty string/],
    ["requires that is not a list of names", "---\ntitle: x\nrequires: 3\n---\n", "lesson.md:3:", /requires must be a list/],
    ["a YAML list instead of a mapping", "---\n- title\n---\n", "lesson.md:1:", /must be a YAML mapping/],
    ["an unclosed ts fence", lesson("Text.\n\n```ts\nconst a = 1;\n"), "lesson.md:7:", /code fence ``` opened here is never closed/],
    ["an unclosed fence of another language", lesson("```python\nx = 1\n"), "lesson.md:5:", /never closed/],
    ["a ts fence with a broken attribute block", lesson("```ts {#forward trace\nx\n```\n"), "lesson.md:5:", /bad code cell attributes/],
    ["a named option without its name", lesson("```ts {exercise}\nx\n```\n"), "lesson.md:5:", /exercise needs a name/],
    ["a cell id Jupyter cannot store", lesson("```ts {#a.b}\nx\n```\n"), "lesson.md:5:", /may only use letters/],
    ["the same cell id twice", lesson("```ts {#a}\nx\n```\n\n```ts {#a}\ny\n```\n"), "lesson.md:9:", /"a" is used twice/],
    ["an alias bomb in the front matter", "---\ntitle: x\na: &a [1,1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n---\n", "lesson.md:2:", /cannot be read/],
  ])("rejects %s", (_, text, where, reason) => {
    const error = errorOf(text, "lesson.md");
    expect(error.message.startsWith(where)).toBe(true);
    expect(error.message).toMatch(reason);
    expect(error.file).toBe("lesson.md");
  });

  it("counts lines from the start of the file in CRLF lessons too", () => {
    expect(errorOf("---\r\ntitle: x\r\n---\r\n\r\n```ts\r\nconst a = 1;\r\n", "crlf.md").message).toMatch(/^crlf\.md:5:/);
  });
});

const notebook = (fields: Record<string, unknown>) =>
  JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [], ...fields });
const code = (fields: Record<string, unknown> = {}) => ({ cell_type: "code", id: "c1", metadata: {}, source: "1", outputs: [], execution_count: null, ...fields });

describe("broken .ipynb notebooks say which file and JSON field", () => {
  it("reports truncated JSON with the file and the line where it stops", () => {
    const text = notebook({ cells: [code()] }).replace(/,/g, ",\n").slice(0, -30);
    const error = errorOf(text, "cut.ipynb");
    expect(error.message).toMatch(/^cut\.ipynb:\d+: not valid JSON/);
    expect(error.line).toBe(text.split("\n").length);
  });

  it.each([
    ["a missing cells field", JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {} }), "nb.ipynb: cells: is missing"],
    ["a missing metadata field", JSON.stringify({ nbformat: 4, nbformat_minor: 5, cells: [] }), "nb.ipynb: metadata: is missing"],
    ["a newer major nbformat", notebook({ nbformat: 5 }), "nb.ipynb: nbformat: nbformat 5 is newer"],
    ["an older major nbformat", notebook({ nbformat: 3 }), "nb.ipynb: nbformat: nbformat 3 is too old"],
    ["a notebook that is not an object", "[1, 2]", "nb.ipynb: (root): must be an object"],
    ["a cell without a source", notebook({ cells: [code({ source: undefined })] }), "nb.ipynb: cells[0].source: is missing"],
    ["a code cell without outputs", notebook({ cells: [code({ outputs: undefined })] }), "nb.ipynb: cells[0].outputs: is missing"],
    ["a source line that is not a string", notebook({ cells: [code({ source: ["a", 2] })] }), "nb.ipynb: cells[0].source[1]: must be a string"],
    ["a stream output without text", notebook({ cells: [code({ outputs: [{ output_type: "stream", name: "stdout" }] })] }), "nb.ipynb: cells[0].outputs[0].text: is missing"],
    ["a fractional execution count", notebook({ cells: [code({ execution_count: 1.5 })] }), "nb.ipynb: cells[0].execution_count: must be an integer"],
    ["the same cell id twice", notebook({ cells: [code(), code()] }), 'nb.ipynb: cells[1].id: the cell id "c1" is used twice'],
    ["a cell id with spaces", notebook({ cells: [code({ id: "a b" })] }), "nb.ipynb: cells[0].id: a cell id may only use"],
    ["Stepbook meta without a title", notebook({ metadata: { stepbook: { meta: { order: 1 } } } }), "nb.ipynb: metadata.stepbook.meta: front matter has no title"],
    ["a Stepbook option of the wrong type", notebook({ cells: [code({ metadata: { stepbook: { options: { trace: "yes" } } } })] }), "nb.ipynb: cells[0].metadata.stepbook.options.trace: must be true or false"],
  ])("rejects %s", (_, text, message) => {
    expect(errorOf(text, "nb.ipynb").message.startsWith(message)).toBe(true);
  });
});

describe("choosing the format", () => {
  it("rejects a file that is neither .md nor .ipynb, naming it", () => {
    expect(errorOf("x", "notes.txt").message).toMatch(/^notes\.txt: unknown notebook format/);
  });
});
