// `.ipynb` (nbformat 4) -> NotebookDoc. Jupyter notebooks are untrusted input: every field we read
// is checked, and a broken one is reported by its JSON path. Fields we do not interpret are kept.

import { cellKind, fillIds } from "./cell-ids.ts";
import { CELL_ID_PATTERN } from "./code-options.ts";
import { DocumentError } from "./errors.ts";
import { validateMeta } from "./front-matter.ts";
import { JsonFields, otherFields } from "./json-fields.ts";
import { assertNoForbiddenKeys, childPath } from "./safe-keys.ts";
import type { Cell, CellLayout, CodeCellOptions, DocLayout, JsonObject, NotebookDoc, NotebookMeta, Output } from "./types.ts";

export const NBFORMAT_MAJOR = 4;
/** Where Stepbook keeps its own data in notebook and cell metadata. */
export const STEPBOOK_KEY = "stepbook";

const NOTEBOOK_FIELDS = ["cells", "metadata", "nbformat", "nbformat_minor"];
const CELL_FIELDS = ["cell_type", "id", "metadata", "source", "outputs", "execution_count"];
// Required fields of each output type (nbformat 4 schema); other output types are kept as they are.
const OUTPUT_FIELDS: Record<string, string[]> = {
  stream: ["name", "text"],
  display_data: ["data", "metadata"],
  execute_result: ["data", "metadata", "execution_count"],
  error: ["ename", "evalue", "traceback"],
};

export function parseIpynbNotebook(text: string, file: string): NotebookDoc {
  const json = new JsonFields(file);
  const root = json.object(parseJson(text, file), "");
  assertNoForbiddenKeys(root, file);

  const major = json.integer(json.required(root, "nbformat", ""), "nbformat");
  if (major > NBFORMAT_MAJOR) json.fail("nbformat", `nbformat ${major} is newer than this reader understands (${NBFORMAT_MAJOR})`);
  if (major < NBFORMAT_MAJOR) json.fail("nbformat", `nbformat ${major} is too old; save it with Jupyter to upgrade it to ${NBFORMAT_MAJOR}`);
  json.integer(json.required(root, "nbformat_minor", ""), "nbformat_minor");
  const metadata = json.object(json.required(root, "metadata", ""), "metadata");
  const rawCells = json.array(json.required(root, "cells", ""), "cells");

  const stepbook = json.optional(metadata, STEPBOOK_KEY);
  const own = stepbook === undefined ? undefined : json.object(stepbook, "metadata.stepbook");
  const read = rawCells.map((cell, i) => readCell(json, cell, `cells[${i}]`));
  const seen = new Set<string>();
  read.forEach(({ id }, i) => {
    if (id === undefined) return;
    if (seen.has(id)) json.fail(`cells[${i}].id`, `the cell id "${id}" is used twice`);
    seen.add(id);
  });
  const ids = fillIds(read.map((r) => r.id), read.map((r) => cellKind(r.cell)));
  const cells = read.map(({ cell }, i) => ({ ...cell, id: ids[i]! }));

  const doc: NotebookDoc = { meta: readMeta(json, own, metadata, cells, file), cells };
  const otherMetadata = otherFields(metadata, [STEPBOOK_KEY]);
  if (otherMetadata) doc.metadata = otherMetadata;
  const extra = otherFields(root, NOTEBOOK_FIELDS);
  if (extra) doc.extra = extra;
  const layout = own && json.optional(own, "layout");
  if (layout !== undefined) doc.layout = readDocLayout(json, layout, "metadata.stepbook.layout");
  return doc;
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    // V8 says "at position N"; Firefox says "at line L column C"; both mean the same spot.
    const position = /position (\d+)/.exec(message)?.[1];
    const lineColumn = /line (\d+) column/.exec(message)?.[1];
    const offset = position !== undefined ? Number(position) : /end of (JSON )?input|unexpected end/i.test(message) ? text.length : undefined;
    const line = lineColumn !== undefined ? Number(lineColumn) : offset !== undefined ? text.slice(0, offset).split("\n").length : undefined;
    throw new DocumentError(file, { line }, `not valid JSON (truncated or corrupted?): ${message}`);
  }
}

/** Reads one cell; its id is filled in later, once every cell's own id is known. */
function readCell(json: JsonFields, value: unknown, path: string): { cell: Cell; id?: string } {
  const raw = json.object(value, path);
  const cellType = json.string(json.required(raw, "cell_type", path), `${path}.cell_type`);
  const known = cellType === "markdown" || cellType === "code" || cellType === "raw";
  const idValue = json.optional(raw, "id");
  const id = idValue === undefined ? undefined : json.string(idValue, `${path}.id`);
  if (id !== undefined && !CELL_ID_PATTERN.test(id)) json.fail(`${path}.id`, "a cell id may only use letters, digits, \"-\" and \"_\" (1 to 64)");

  if (!known) {
    // A cell type from a newer or foreign tool is kept verbatim (all its fields, as they were);
    // `source` and `metadata` are copies for showing it.
    const source = json.optional(raw, "source");
    const metadataValue = json.optional(raw, "metadata");
    return {
      id,
      cell: {
        type: "unknown",
        id: "",
        cellType,
        source: source === undefined ? "" : json.text(source, `${path}.source`),
        metadata: metadataValue === undefined ? {} : json.object(metadataValue, `${path}.metadata`),
        ...fieldsOrNothing(otherFields(raw, ["cell_type", "id"])),
      },
    };
  }
  const source = json.text(json.required(raw, "source", path), `${path}.source`);
  const allMetadata = json.object(json.required(raw, "metadata", path), `${path}.metadata`);
  const stepbookValue = json.optional(allMetadata, STEPBOOK_KEY);
  const own = stepbookValue === undefined ? undefined : json.object(stepbookValue, `${path}.metadata.stepbook`);
  const base = {
    id: "",
    source,
    metadata: otherFields(allMetadata, [STEPBOOK_KEY]) ?? {},
    ...fieldsOrNothing(otherFields(raw, CELL_FIELDS)),
    ...(own?.layout !== undefined ? { layout: readCellLayout(json, own.layout, `${path}.metadata.stepbook.layout`) } : {}),
  };
  if (cellType !== "code") return { id, cell: { type: cellType as "markdown" | "raw", ...base } };

  const outputs = json.array(json.required(raw, "outputs", path), `${path}.outputs`).map((o, i) => readOutput(json, o, `${path}.outputs[${i}]`));
  const count = json.required(raw, "execution_count", path);
  const executionCount = count === null ? null : json.integer(count, `${path}.execution_count`);
  const options = own?.options === undefined ? {} : readOptions(json, own.options, `${path}.metadata.stepbook.options`);
  return { id, cell: { type: "code", ...base, options, outputs, executionCount } };
}

function fieldsOrNothing(extra: JsonObject | undefined): { extra?: JsonObject } {
  return extra ? { extra } : {};
}

function readOutput(json: JsonFields, value: unknown, path: string): Output {
  const output = json.object(value, path);
  const type = json.string(json.required(output, "output_type", path), `${path}.output_type`);
  for (const field of OUTPUT_FIELDS[type] ?? []) json.required(output, field, path);
  return output as Output;
}

function readOptions(json: JsonFields, value: unknown, path: string): CodeCellOptions {
  const raw = json.object(value, path);
  const options: CodeCellOptions = {};
  for (const key of ["trace", "hidden", "readonly"] as const) {
    if (raw[key] !== undefined) options[key] = json.boolean(raw[key], childPath(path, key));
  }
  for (const key of ["exercise", "solution"] as const) {
    if (raw[key] !== undefined) options[key] = json.string(raw[key], childPath(path, key));
  }
  if (raw.extra !== undefined) options.extra = json.array(raw.extra, `${path}.extra`).map((x, i) => json.string(x, `${path}.extra[${i}]`));
  return options;
}

function readCellLayout(json: JsonFields, value: unknown, path: string): CellLayout {
  const raw = json.object(value, path);
  const layout: CellLayout = { before: json.string(json.required(raw, "before", path), `${path}.before`) };
  if (raw.fence !== undefined) {
    const fence = json.object(raw.fence, `${path}.fence`);
    layout.fence = {
      open: json.string(json.required(fence, "open", `${path}.fence`), `${path}.fence.open`),
      close: json.string(json.required(fence, "close", `${path}.fence`), `${path}.fence.close`),
    };
    if (fence.blankBody !== undefined) layout.fence.blankBody = json.boolean(fence.blankBody, `${path}.fence.blankBody`);
  }
  if (raw.idLine !== undefined) layout.idLine = json.string(raw.idLine, `${path}.idLine`);
  return layout;
}

function readDocLayout(json: JsonFields, value: unknown, path: string): DocLayout {
  const raw = json.object(value, path);
  const eol = json.string(json.required(raw, "eol", path), `${path}.eol`);
  if (eol !== "\n" && eol !== "\r\n") json.fail(`${path}.eol`, 'must be "\\n" or "\\r\\n"');
  return {
    bom: json.boolean(json.required(raw, "bom", path), `${path}.bom`),
    eol,
    frontMatter: json.string(json.required(raw, "frontMatter", path), `${path}.frontMatter`),
    trailing: json.string(json.required(raw, "trailing", path), `${path}.trailing`),
  };
}

/**
 * The lesson meta: Stepbook's own when the notebook came from a lesson; otherwise a title taken from
 * the notebook metadata, the first heading, or the file name, so any Jupyter notebook opens.
 */
function readMeta(json: JsonFields, own: JsonObject | undefined, metadata: JsonObject, cells: Cell[], file: string): NotebookMeta {
  if (own?.meta !== undefined) {
    const meta = json.object(own.meta, "metadata.stepbook.meta");
    return validateMeta(meta, file, (key) => ({ path: key === undefined ? "metadata.stepbook.meta" : childPath("metadata.stepbook.meta", key) }));
  }
  if (typeof metadata.title === "string" && metadata.title.trim() !== "") return { title: metadata.title };
  const heading = cells.find((c) => c.type === "markdown" && /^#{1,6}\s+\S/m.test(c.source))?.source.match(/^#{1,6}\s+(.+?)\s*#*\s*$/m)?.[1];
  if (heading) return { title: heading };
  const stem = file.split(/[\\/]/).pop()!.replace(/\.ipynb$/i, "");
  if (stem === "") throw new DocumentError(file, { path: "metadata" }, "the notebook has no title");
  return { title: stem };
}
