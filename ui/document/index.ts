// The notebook document model: parse a `.md` lesson or an `.ipynb` notebook into plain data, and
// write it back. No DOM, no kernel: the browser app, the CLI and the static exporter share it.

import { DocumentError } from "./errors.ts";
import { parseIpynbNotebook, serializeIpynbNotebook } from "./ipynb.ts";
import { parseMarkdownNotebook, serializeMarkdownNotebook } from "./markdown.ts";
import type { NotebookDoc, NotebookFormat } from "./types.ts";

export * from "./types.ts";
export { DocumentError } from "./errors.ts";
export { parseIpynbNotebook, serializeIpynbNotebook } from "./ipynb.ts";
export { parseMarkdownNotebook, serializeMarkdownNotebook } from "./markdown.ts";
export { referenceOf } from "./exercises.ts";

/** The format a file name stands for, or undefined. */
export function formatOf(filename: string): NotebookFormat | undefined {
  const ext = /\.([^./\\]+)$/.exec(filename)?.[1]?.toLowerCase();
  return ext === "md" || ext === "markdown" ? "md" : ext === "ipynb" ? "ipynb" : undefined;
}

/** Parses a notebook, choosing the format by the file's extension. */
export function parseNotebook(text: string, filename: string): NotebookDoc {
  const format = formatOf(filename);
  if (format === "md") return parseMarkdownNotebook(text, filename);
  if (format === "ipynb") return parseIpynbNotebook(text, filename);
  throw new DocumentError(filename, {}, "unknown notebook format: expected a .md or .ipynb file");
}

export function serializeNotebook(doc: NotebookDoc, format: NotebookFormat): string {
  return format === "md" ? serializeMarkdownNotebook(doc) : serializeIpynbNotebook(doc);
}
