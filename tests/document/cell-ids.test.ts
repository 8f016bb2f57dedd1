// Stable cell ids: what a student's saved edits and the lecturer's merges find cells by (issue #15.6).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DocumentError, parseNotebook, serializeNotebook } from "../../ui/document/index.ts";
import { renderDocument } from "../../ui/render/render.ts";
import { withCellIds } from "../../tools/add-cell-ids.ts";
import { stepbookInProcess } from "../cli/cli.ts";

const lesson = (body: string) => `---\ntitle: T\n---\n\n${body}\n`;
const ids = (text: string) => parseNotebook(text, "x.md").cells.map((c) => c.id);

const TEXT = lesson("# Intro\n\nSome prose.\n\n```ts {#setup}\nconst a = 1;\n```\n\nMore prose.\n\n```ts {#forward}\na + 1\n```\n\nThe end.");

describe("cell ids in a .md lesson", () => {
  it("code cells take {#id}; prose takes the id of the code cell after it", () => {
    expect(ids(TEXT)).toEqual(["md-setup", "setup", "md-forward", "forward", "md-end"]);
  });

  it("editing a heading, or inserting a cell above, changes no other cell's id", () => {
    expect(ids(TEXT.replace("# Intro", "# A new title"))).toEqual(ids(TEXT));
    const inserted = TEXT.replace("More prose.", "More prose.\n\n```ts {#new}\n2\n```\n\nAnd yet more.");
    expect(ids(inserted)).toEqual(["md-setup", "setup", "md-new", "new", "md-forward", "forward", "md-end"]);
  });

  it("reads `<!-- #intro -->` as the prose's own id, keeps it out of the source and the page, and writes it back", () => {
    const text = TEXT.replace("# Intro", "<!-- #intro -->\n# Intro");
    const doc = parseNotebook(text, "x.md");
    expect(doc.cells[0]).toMatchObject({ id: "intro", source: "# Intro\n\nSome prose." });
    expect(renderDocument(doc).cells[0]!.html).not.toContain("intro -->");
    expect(serializeNotebook(doc, "md")).toBe(text);
  });

  it("writes an id line only for prose whose id a reader would not derive", () => {
    const doc = parseNotebook(TEXT, "x.md");
    expect(serializeNotebook(doc, "md")).toBe(TEXT);
    doc.cells[2]!.id = "middle";
    const text = serializeNotebook(doc, "md");
    expect(text).toContain("<!-- #middle -->\nMore prose.");
    expect(ids(text)).toEqual(["md-setup", "setup", "middle", "forward", "md-end"]);
  });

  it("refuses an id used twice, naming the line", () => {
    expect(() => parseNotebook(lesson("<!-- #setup -->\nprose\n\n```ts {#setup}\n1\n```"), "x.md")).toThrow(DocumentError);
    expect(() => parseNotebook(lesson("<!-- #setup -->\nprose\n\n```ts {#setup}\n1\n```"), "x.md")).toThrow(/x\.md:8: the cell id "setup" is used twice/);
  });

  it("keeps a Jupyter notebook's cell ids through .ipynb -> .md -> .ipynb", () => {
    const nb = JSON.stringify({
      nbformat: 4, nbformat_minor: 5, metadata: {},
      cells: [
        { cell_type: "markdown", id: "a1b2", metadata: {}, source: "# Title" },
        { cell_type: "code", id: "c3d4", metadata: {}, source: "1 + 1", outputs: [], execution_count: null },
        { cell_type: "raw", id: "r5", metadata: {}, source: "raw" },
      ],
    });
    const md = serializeNotebook(parseNotebook(nb, "x.ipynb"), "md");
    expect(md).toContain("<!-- #a1b2 -->\n# Title");
    expect(md).toContain("```ts {#c3d4}");
    expect(md).toContain("stepbook-raw {#r5}");
    const back = JSON.parse(serializeNotebook(parseNotebook(md, "x.md"), "ipynb"));
    expect(back.cells.map((c: { id: string }) => c.id)).toEqual(["a1b2", "c3d4", "r5"]);
  });
});

describe("tools/add-cell-ids.ts", () => {
  it("adds an id to each code cell without one, changing only those fence lines", () => {
    const text = lesson("Prose.\n\n```ts {exercise=dz}\nconst dz = 0;\n```\n\n```ts {solution=dz hidden}\nconst dz = 1;\n```\n\n```ts\nconst W1 = 2;\n```\n\n```ts {#kept}\n3\n```");
    const { doc, added } = withCellIds(parseNotebook(text, "x.md"));
    expect(added).toEqual(["exercise-dz", "solution-dz", "W1"]);
    const out = serializeNotebook(doc, "md");
    expect(out).toBe(text.replace("{exercise=dz}", "{#exercise-dz exercise=dz}").replace("{solution=dz hidden}", "{#solution-dz solution=dz hidden}").replace("```ts\nconst W1", "```ts {#W1}\nconst W1"));
    expect(ids(out)).toEqual(["md-exercise-dz", "exercise-dz", "solution-dz", "W1", "kept"]);
  });

  // Expected to fail when a lesson gains a code cell without an id: run `npx tsx tools/add-cell-ids.ts notebooks/*.md`.
  it("every code cell of the course has an id of its own", () => {
    const dir = path.resolve(import.meta.dirname, "../../notebooks");
    for (const name of readdirSync(dir).filter((f) => f.endsWith(".md"))) {
      const { added } = withCellIds(parseNotebook(readFileSync(path.join(dir, name), "utf8"), name));
      expect(added, `${name}: code cells without {#id} (run npx tsx tools/add-cell-ids.ts notebooks/*.md)`).toEqual([]);
    }
  });
});

describe("the CLI takes lessons with and without ids", () => {
  // the CLI's main in this process (tests/cli/cli.ts): the bin itself is tested in tests/cli
  const withIds = TEXT.replace("# Intro", "<!-- #intro -->\n# Intro");
  const withoutIds = TEXT.replaceAll(/ \{#\w+\}/g, "");

  it.each([["with ids", withIds], ["without ids", withoutIds]])("%s: convert .md -> .ipynb -> .md gives the same text, and run runs it", async (_, text) => {
    const dir = mkdtempSync(path.join(tmpdir(), "stepbook-ids-"));
    try {
      const md = path.join(dir, "01-l.md");
      writeFileSync(md, text);
      const to = await stepbookInProcess(["convert", md, "--to", "ipynb", "-o", path.join(dir, "01-l.ipynb")], dir);
      expect(to.code, to.stderr).toBe(0);
      const back = await stepbookInProcess(["convert", path.join(dir, "01-l.ipynb"), "--to", "md", "-o", path.join(dir, "back.md")], dir);
      expect(back.code, back.stderr).toBe(0);
      expect(readFileSync(path.join(dir, "back.md"), "utf8")).toBe(text);
      const run = await stepbookInProcess(["run", md], dir);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/Ran 2 of 2 code cells: 2 ok/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
