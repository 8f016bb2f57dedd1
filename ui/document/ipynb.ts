// NotebookDoc <-> `.ipynb` (nbformat 4.5), so lessons move to and from Jupyter.
// The lesson's front matter and its raw Markdown layout ride along in `metadata.stepbook`, so that
// `.md -> .ipynb -> .md` gives back the original text.

import { STEPBOOK_KEY } from "./ipynb-read.ts";
import type { Cell, JsonObject, JsonValue, NotebookDoc } from "./types.ts";

export { parseIpynbNotebook } from "./ipynb-read.ts";

export const KERNELSPEC = { name: "typescript", display_name: "TypeScript (Stepbook)", language: "typescript" };
export const LANGUAGE_INFO = { name: "typescript", file_extension: ".ts", mimetype: "text/typescript" };

/** Writes nbformat 4.5 JSON the way Jupyter does (sorted keys, one-space indent, final newline). */
export function serializeIpynbNotebook(doc: NotebookDoc): string {
  const stepbook: JsonObject = { meta: doc.meta as JsonObject };
  if (doc.layout) stepbook.layout = { ...doc.layout };
  const notebook = {
    ...doc.extra,
    cells: doc.cells.map(writeCell),
    metadata: { kernelspec: KERNELSPEC, language_info: LANGUAGE_INFO, ...doc.metadata, [STEPBOOK_KEY]: stepbook },
    nbformat: 4,
    nbformat_minor: 5,
  };
  return `${JSON.stringify(sortKeys(notebook), null, 1)}\n`;
}

function writeCell(cell: Cell): JsonObject {
  const metadata: JsonObject = { ...cell.metadata };
  const own: JsonObject = {};
  if (cell.type === "code" && Object.keys(cell.options).length > 0) own.options = { ...cell.options };
  if (cell.layout) own.layout = JSON.parse(JSON.stringify(cell.layout)) as JsonObject;
  if (Object.keys(own).length > 0) metadata[STEPBOOK_KEY] = own;
  const common = { ...cell.extra, id: cell.id, metadata, source: splitLines(cell.source) };
  switch (cell.type) {
    case "code":
      return { ...common, cell_type: "code", execution_count: cell.executionCount, outputs: cell.outputs };
    case "markdown":
    case "raw":
      return { ...common, cell_type: cell.type };
    case "unknown":
      return { ...cell.extra, cell_type: cell.cellType, id: cell.id };
  }
}

/** Jupyter's multiline string: a list of lines, each but the last ending in "\n". */
function splitLines(source: string): string[] {
  return source === "" ? [] : source.split(/(?<=\n)/);
}

function sortKeys(value: unknown): JsonValue {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value as JsonValue;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
}
