// `.md` lessons <-> NotebookDoc. The Markdown file is the source of truth for a lesson, so parsing
// then serialising gives back the exact same text: every byte outside the cells' content (front
// matter, fence lines, blank lines between cells, line endings, BOM) is kept in `layout`.

import { CELL_ID_PATTERN, cellKind, fillIds, idsToWrite, PROSE_ID_LINE, proseIdLine } from "./cell-ids.ts";
import { parseAttributes, splitTrailingBlock } from "./attributes.ts";
import { formatCodeInfo, isCodeInfo, parseCodeInfo } from "./code-options.ts";
import { DocumentError } from "./errors.ts";
import { closes, fenceRun, findTopLevelFences, safeFenceRun, type FenceBlock } from "./fences.ts";
import { formatFrontMatter, readFrontMatter } from "./front-matter.ts";
import type { Cell, CodeCell, DocLayout, NotebookDoc } from "./types.ts";

// A cell that plain prose cannot carry is written in a fence with one of these info words (a block
// GitHub shows as code; Stepbook reads it back as the cell): a raw or unknown cell, and a Markdown
// cell whose text would not come back as one cell (it contains a ```ts fence, an unclosed fence,
// leading or trailing blank lines, nothing at all, or it follows another prose cell).
const WRAPPED = { markdown: "stepbook-markdown", raw: "stepbook-raw", unknown: "stepbook-cell" } as const;

type Wrapped = ({ type: "markdown" | "raw" } | { type: "unknown"; cellType: string }) & { id?: string };

/** The cell type (and id, from a trailing `{#id}`) a wrapper fence's info stands for, or null when it is not one. */
function wrappedType(info: string): Wrapped | null {
  const { head, inside } = splitTrailingBlock(info.trim());
  const attributes = inside === null ? undefined : parseAttributes(inside);
  // only `{#id}` may follow the wrapper's words
  const id = attributes?.ok && attributes.attributes.length === 1 && attributes.attributes[0]!.kind === "id" && CELL_ID_PATTERN.test(attributes.attributes[0]!.value)
    ? attributes.attributes[0]!.value : undefined;
  const words = (id === undefined ? info : head).trim().split(/\s+/);
  const [word, rest] = [words[0], words.slice(1)];
  const withId = <T extends object>(w: T): T & { id?: string } => (id === undefined ? w : { ...w, id });
  if (word === WRAPPED.markdown) return withId({ type: "markdown" as const });
  if (word === WRAPPED.raw) return withId({ type: "raw" as const });
  if (word === WRAPPED.unknown && rest.length === 1 && /^[\w.-]+$/.test(rest[0]!)) return withId({ type: "unknown" as const, cellType: rest[0]! });
  return null;
}

const BOM = "\uFEFF";
const BLANK = /^[ \t\r]*$/;
// What may sit between two cells, or after the last one: newlines and blank lines only.
const SEPARATOR = /^\n(?:[ \t\r]*\n)*$/;
const TRAILING = /^(?:\n[ \t\r]*)*$/;

/** Parses a lesson. Throws a DocumentError naming `file` and the line on bad input. */
export function parseMarkdownNotebook(text: string, file: string): NotebookDoc {
  const bom = text.startsWith(BOM);
  let body = bom ? text.slice(1) : text;
  // Only a file that ends every line with CRLF is treated as CRLF; a mixed file keeps its "\r"s
  // inside the lines, which round-trips just as exactly.
  const eol = /\r\n/.test(body) && !/(^|[^\r])\n/.test(body) ? "\r\n" : "\n";
  if (eol === "\r\n") body = body.replaceAll("\r\n", "\n");
  const lines = body.split("\n");
  const lineStart: number[] = [];
  for (let i = 0, offset = 0; i < lines.length; offset += lines[i]!.length + 1, i++) lineStart.push(offset);
  const lineEnd = (i: number) => lineStart[i]! + lines[i]!.length;

  const { meta, closeIndex } = readFrontMatter(lines, file);
  const bodyStart = closeIndex + 1;
  const fences = findTopLevelFences(lines.slice(bodyStart)).map((f) => ({ ...f, start: f.start + bodyStart, end: f.end + bodyStart }));

  // Ids are filled in at the end, once every explicit `{#id}` is known.
  const cells: Cell[] = [];
  const explicitIds: (string | undefined)[] = [];
  let previousEnd = lineEnd(closeIndex);
  const addCell = (cell: Cell, first: number, last: number, id?: string) => {
    if (id !== undefined && explicitIds.includes(id)) throw new DocumentError(file, { line: first + 1 }, `the cell id "${id}" is used twice`);
    cell.layout = { ...cell.layout, before: body.slice(previousEnd, lineStart[first]) };
    cells.push(cell);
    explicitIds.push(id);
    previousEnd = lineEnd(last);
  };
  const addProse = (from: number, to: number) => {
    while (from < to && BLANK.test(lines[from]!)) from++;
    while (to > from && BLANK.test(lines[to - 1]!)) to--;
    if (from >= to) return;
    // `<!-- #intro -->` on the prose's first line, with prose below it: the prose's own id
    const id = PROSE_ID_LINE.exec(lines[from]!)?.[1];
    let start = from;
    if (id !== undefined) {
      start = from + 1;
      while (start < to && BLANK.test(lines[start]!)) start++;
      if (start === to) start = from;
    }
    const source = lines.slice(start, to).join("\n");
    const layout = start > from ? { before: "", idLine: body.slice(lineStart[from], lineStart[start]) } : undefined;
    addCell({ type: "markdown", id: "", source, metadata: {}, ...(layout ? { layout } : {}) }, from, to - 1, start > from ? id : undefined);
  };

  let cursor = bodyStart;
  for (const fence of fences) {
    if (!fence.closed) {
      throw new DocumentError(file, { line: fence.start + 1 }, `the code fence ${fence.markup} opened here is never closed`);
    }
    const open = lines[fence.start]!;
    // An indented fence cannot round-trip its indentation through `source`, so it stays prose.
    if (!open.startsWith(fence.markup)) continue;
    const wrapped = wrappedType(open.slice(fence.markup.length));
    if (wrapped) {
      addProse(cursor, fence.start);
      const inner = lines.slice(fence.start + 1, fence.end - 1);
      const source = inner.join("\n");
      // one blank line and no line both read as "": remember which, so the file writes back the same
      const layout = { before: "", fence: { open, close: lines[fence.end - 1]!, ...(inner.length === 1 && source === "" ? { blankBody: true } : {}) } };
      const { id, ...kind } = wrapped;
      addCell({ ...kind, id: "", source, metadata: {}, layout } as Cell, fence.start, fence.end - 1, id);
      cursor = fence.end;
      continue;
    }
    if (!isCodeInfo(open.slice(fence.markup.length))) continue;
    addProse(cursor, fence.start);
    const code = readCodeCell(lines, fence, file);
    addCell(code.cell, fence.start, fence.end - 1, code.id);
    cursor = fence.end;
  }
  addProse(cursor, lines.length);

  const ids = fillIds(explicitIds, cells.map(cellKind));
  const layout: DocLayout = {
    bom,
    eol,
    frontMatter: body.slice(0, lineEnd(closeIndex)),
    trailing: body.slice(previousEnd),
  };
  cells.forEach((cell, i) => (cell.id = ids[i]!));
  return { meta, cells, layout };
}

function readCodeCell(lines: string[], fence: FenceBlock, file: string): { cell: CodeCell; id?: string } {
  const open = lines[fence.start]!;
  const info = parseCodeInfo(open.slice(fence.markup.length));
  if (!info.ok) throw new DocumentError(file, { line: fence.start + 1 }, `bad code cell attributes: ${info.reason}`);
  const body = lines.slice(fence.start + 1, fence.end - 1);
  const source = body.join("\n");
  const cell: CodeCell = {
    type: "code",
    id: "",
    source,
    metadata: {},
    options: info.options,
    outputs: [],
    executionCount: null,
    layout: { before: "", fence: { open, close: lines[fence.end - 1]!, ...(body.length === 1 && source === "" ? { blankBody: true } : {}) } },
  };
  return { cell, id: info.id };
}

/** Writes a lesson. A document parsed from `.md` and left unchanged gives back the same text. */
export function serializeMarkdownNotebook(doc: NotebookDoc): string {
  const layout = doc.layout;
  let out = formatFrontMatter(doc.meta, layout?.frontMatter);
  let afterProse = false;
  const explicit = idsToWrite(doc.cells, doc.cells.map(idWritten));
  doc.cells.forEach((cell, i) => {
    const before = cell.layout?.before;
    out += before !== undefined && SEPARATOR.test(before) ? before : "\n\n";
    const id = explicit[i] ? cell.id : undefined;
    const plain: boolean = cell.type === "markdown" && !cell.layout?.fence && !afterProse && isPlainProse(cell.source);
    out += cell.type === "code" ? codeCellText(cell, id) : plain ? proseText(cell.source, id, cell.layout?.idLine) : wrappedCellText(cell, id);
    afterProse = plain;
  });
  const trailing = layout?.trailing;
  out += trailing !== undefined && TRAILING.test(trailing) ? trailing : "\n";
  if (layout?.eol === "\r\n") out = out.replaceAll("\n", "\r\n");
  return (layout?.bom ? BOM : "") + out;
}

/** Whether the cell's id was spelled out in the file it was read from. */
function idWritten(cell: Cell): boolean {
  if (cell.type === "code") {
    const open = cell.layout?.fence?.open;
    const run = open === undefined ? undefined : fenceRun(open);
    const info = open !== undefined && run !== undefined && open.startsWith(run) ? parseCodeInfo(open.slice(run.length)) : undefined;
    return !!info?.ok && info.id !== undefined;
  }
  const open = cell.layout?.fence?.open;
  if (open !== undefined) return wrappedType(open.slice(fenceRun(open).length))?.id !== undefined;
  return cell.layout?.idLine !== undefined;
}

/** Prose as it is, below its `<!-- #id -->` line when its id is spelled out (the line kept when still right). */
function proseText(source: string, id: string | undefined, kept: string | undefined): string {
  if (id === undefined) return source;
  const line = proseIdLine(id);
  return `${kept !== undefined && kept.startsWith(`${line}\n`) && BLANK_LINES.test(kept.slice(line.length)) ? kept : `${line}\n`}${source}`;
}
const BLANK_LINES = /^(?:\n[ \t\r]*)*\n$/;

/** True when `source`, written as it is between two cells, reads back as exactly this one prose cell. */
function isPlainProse(source: string): boolean {
  const lines = source.split("\n");
  if (source === "" || BLANK.test(lines[0]!) || BLANK.test(lines.at(-1)!)) return false;
  // an id line with prose below it would be read as that prose's id
  if (lines.length > 1 && PROSE_ID_LINE.test(lines[0]!)) return false;
  return findTopLevelFences(lines).every((f) => {
    const open = lines[f.start]!;
    const info = open.slice(f.markup.length);
    return f.closed && !(open.startsWith(f.markup) && (isCodeInfo(info) || wrappedType(info) !== null));
  });
}

/** A raw, unknown or unusual Markdown cell in its wrapper fence (kept fence lines when still right). */
function wrappedCellText(cell: Exclude<Cell, CodeCell>, id: string | undefined): string {
  const info = (cell.type === "unknown" ? `${WRAPPED.unknown} ${cell.cellType}` : WRAPPED[cell.type]) + (id === undefined ? "" : ` {#${id}}`);
  const kept = cell.layout?.fence;
  const keptRun = kept ? fenceRun(kept.open) : undefined;
  if (kept && keptRun && !/\n/.test(kept.open + kept.close) && kept.open === keptRun + info && closes(kept.close, keptRun) && safeFenceRun(cell.source, keptRun) === keptRun) {
    return `${kept.open}\n${cell.source === "" ? (kept.blankBody ? "\n" : "") : `${cell.source}\n`}${kept.close}`;
  }
  const run = safeFenceRun(cell.source, "````");
  return `${run}${info}\n${cell.source === "" ? "" : `${cell.source}\n`}${run}`;
}

/** `open` with `{#id}` added at the start of its attributes, or undefined when that does not read back as it. */
function insertId(open: string, run: string, id: string): string | undefined {
  const info = open.slice(run.length);
  const added = /\{[ \t]*\}/.test(info) ? info.replace(/\{[ \t]*\}/, `{#${id}}`) : info.includes("{") ? info.replace("{", `{#${id} `) : `${info.trimEnd()} {#${id}}`;
  const read = parseCodeInfo(added);
  return read.ok && read.id === id ? run + added : undefined;
}

/** The fence lines and body of a code cell, reusing the original fence lines when still right. */
function codeCellText(cell: CodeCell, id: string | undefined): string {
  // Kept lines may come from an untrusted `.ipynb`: one line each, or they are not used.
  const kept = cell.layout?.fence && !/[\n]/.test(cell.layout.fence.open + cell.layout.fence.close) ? cell.layout.fence : undefined;
  const keptRun = kept ? fenceRun(kept.open) : undefined;
  const keptInfo = kept && keptRun && kept.open.startsWith(keptRun) ? parseCodeInfo(kept.open.slice(keptRun.length)) : undefined;
  // `#id` is written when the cell had one or its id is not the one a reader would derive (see idsToWrite)
  const info = formatCodeInfo(id, cell.options);

  let open: string;
  let close: string;
  const stillSafe = kept && keptRun && closes(kept.close, keptRun) && safeFenceRun(cell.source, keptRun) === keptRun;
  const withId = kept && keptRun && stillSafe && keptInfo?.ok && keptInfo.id === undefined && id !== undefined ? insertId(kept.open, keptRun, id) : undefined;
  if (kept && keptRun && stillSafe && keptInfo?.ok && formatCodeInfo(keptInfo.id, keptInfo.options) === info) {
    ({ open, close } = kept);
  } else if (kept && withId !== undefined && formatCodeInfo(id, (parseCodeInfo(withId.slice(keptRun!.length)) as { options: CodeCell["options"] }).options) === info) {
    // an id added to a fence as the lecturer wrote it: `{solution=s hidden}` -> `{#id solution=s hidden}`
    open = withId;
    close = kept.close;
  } else {
    let run = safeFenceRun(cell.source, keptRun ?? "```");
    if (run[0] === "`" && info.includes("`")) run = safeFenceRun(cell.source, "~~~");
    open = run + info;
    close = run;
  }
  const body = cell.source === "" ? (kept?.blankBody ? "\n" : "") : `${cell.source}\n`;
  return `${open}\n${body}${close}`;
}
