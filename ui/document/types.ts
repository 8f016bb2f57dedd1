// The notebook document: plain, JSON-serialisable data. No DOM, no kernel.
// A `.md` lesson and an `.ipynb` notebook both parse into a NotebookDoc and serialise back from it.

export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** Front matter of a lesson. Keys we do not know are kept as they are. */
export interface NotebookMeta {
  title: string;
  order?: number;
  summary?: string;
  /** Earlier lessons this one builds on. */
  requires?: string[];
  [key: string]: unknown;
}

/**
 * Options of a code cell, read from the fence info: ```` ```ts {#forward trace exercise=dw} ````.
 * The `{#id}` goes to `Cell.id`, not here.
 */
export interface CodeCellOptions {
  trace?: boolean;
  hidden?: boolean;
  readonly?: boolean;
  exercise?: string;
  solution?: string;
  /** Attributes we do not know, kept verbatim and in order (`.note`, `lang=x`, `title="a b"`). */
  extra?: string[];
}

/** An nbformat output: stream, display_data, execute_result, error (or a type we keep as is). */
export type MimeBundle = Record<string, JsonValue>;
export interface Output {
  output_type: string;
  [field: string]: JsonValue;
}

/**
 * Raw text kept from a `.md` file so that an unchanged cell serialises byte for byte.
 * Cells made elsewhere (the browser, Jupyter) have none and get the canonical layout.
 */
export interface CellLayout {
  /** The text between the end of the previous cell (or the front matter) and this cell. */
  before: string;
  /** For code cells: the exact opening and closing fence lines. */
  fence?: FenceLayout;
  /** For prose with an id of its own: its `<!-- #id -->` line and the blank lines after it, as written. */
  idLine?: string;
}

export interface FenceLayout {
  open: string;
  close: string;
  /**
   * True when the body is one empty line (```` ```ts\n\n``` ````), which has the same source ("")
   * as no line at all (```` ```ts\n``` ````).
   */
  blankBody?: boolean;
}

interface CellBase {
  /** Unique in the document; from `{#id}` or `<!-- #id -->`, from the `.ipynb`, or derived (`md-forward`,
   * `cell-3`): see cell-ids.ts. */
  id: string;
  /** Lines joined with "\n", without a final newline (as Jupyter stores it). */
  source: string;
  /** nbformat cell metadata we do not interpret, kept for the round trip. */
  metadata: JsonObject;
  /** Top-level fields of an `.ipynb` cell we do not interpret (attachments, vendor fields). */
  extra?: JsonObject;
  layout?: CellLayout;
}

export interface MarkdownCell extends CellBase {
  type: "markdown";
}

export interface CodeCell extends CellBase {
  type: "code";
  options: CodeCellOptions;
  outputs: Output[];
  executionCount: number | null;
}

export interface RawCell extends CellBase {
  type: "raw";
}

/**
 * A cell type from a newer or foreign tool. Its `.ipynb` fields are kept verbatim in `extra` and
 * written back as they were; `source` and `metadata` are copies for display.
 */
export interface UnknownCell extends CellBase {
  type: "unknown";
  cellType: string;
}

export type Cell = MarkdownCell | CodeCell | RawCell | UnknownCell;

/** Raw text of the whole `.md` file outside the cells. */
export interface DocLayout {
  bom: boolean;
  eol: "\n" | "\r\n";
  /** From the opening `---` to the end of the closing `---` line, without its newline. */
  frontMatter: string;
  /** Text after the last cell (usually "\n", or "" when the file has no final newline). */
  trailing: string;
}

export interface NotebookDoc {
  meta: NotebookMeta;
  cells: Cell[];
  /** Notebook-level `.ipynb` metadata other than Stepbook's own (kernelspec, other tools' keys). */
  metadata?: JsonObject;
  /** Top-level `.ipynb` fields we do not interpret. */
  extra?: JsonObject;
  layout?: DocLayout;
}

export type NotebookFormat = "md" | "ipynb";
