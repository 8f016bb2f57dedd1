/**
 * Bad input in a notebook file. The message always says where: `lesson.md:12: ...` for Markdown,
 * `lesson.ipynb: cells[3].source: ...` for notebooks, so a lecturer can go straight to the spot.
 */
export class DocumentError extends Error {
  override name = "DocumentError";
  readonly file: string;
  readonly line?: number;
  readonly path?: string;

  constructor(file: string, where: { line?: number; path?: string }, reason: string) {
    super(`${file}${where.line !== undefined ? `:${where.line}` : ""}${where.path !== undefined ? `: ${where.path}` : ""}: ${reason}`);
    this.file = file;
    this.line = where.line;
    this.path = where.path;
  }
}
