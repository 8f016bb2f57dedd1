import { isMap, isScalar, LineCounter, parseDocument, stringify, visit, type Document } from "yaml";
import { DocumentError } from "./errors.ts";
import { jsonEqual } from "./json-equal.ts";
import { isForbiddenKey } from "./safe-keys.ts";
import type { NotebookMeta } from "./types.ts";

const OPEN = /^---[ \t\r]*$/;
const CLOSE = /^(---|\.\.\.)[ \t\r]*$/;

/** Where a bad meta field is: a line in a `.md` file, a JSON path in an `.ipynb`. */
export type Locate = (key?: string) => { line?: number; path?: string };

/**
 * Reads the `---` front matter at the top of a lesson (`lines` split on "\n").
 * Returns the meta and the index of the closing `---` line.
 */
export function readFrontMatter(lines: string[], file: string): { meta: NotebookMeta; closeIndex: number } {
  if (!OPEN.test(lines[0] ?? "")) {
    throw new DocumentError(file, { line: 1 }, 'a lesson starts with front matter: a "---" line, YAML with a title, and a closing "---" line');
  }
  const closeIndex = lines.findIndex((line, i) => i > 0 && CLOSE.test(line));
  if (closeIndex < 0) throw new DocumentError(file, { line: 1 }, 'the front matter opened here is never closed with "---"');
  return { meta: parseMetaYaml(lines.slice(1, closeIndex).join("\n"), file, 2), closeIndex };
}

/** Parses front matter YAML whose first line is line `firstLine` of the file. */
export function parseMetaYaml(text: string, file: string, firstLine: number): NotebookMeta {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number) => counter.linePos(offset).line + firstLine - 1;
  const error = doc.errors[0];
  if (error) throw new DocumentError(file, { line: lineAt(error.pos[0]) }, `front matter is not valid YAML: ${error.message}`);
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && isForbiddenKey(String(pair.key.value))) {
        throw new DocumentError(file, { line: lineAt(pair.key.range?.[0] ?? 0) }, `the key "${String(pair.key.value)}" is not allowed`);
      }
    },
  });
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new DocumentError(file, { line: firstLine }, `front matter cannot be read: ${(e as Error).message}`);
  }
  const keyLine = (key?: string) => ({ line: key === undefined ? firstLine - 1 : lineOfKey(doc, key, lineAt) ?? firstLine - 1 });
  return validateMeta(value, file, keyLine);
}

function lineOfKey(doc: Document, key: string, lineAt: (offset: number) => number): number | undefined {
  if (!isMap(doc.contents)) return undefined;
  const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === key);
  const offset = isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
  return offset === undefined ? undefined : lineAt(offset);
}

/** Checks the fields Stepbook reads; other keys pass through untouched. */
export function validateMeta(value: unknown, file: string, locate: Locate): NotebookMeta {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new DocumentError(file, locate(), "front matter must be a YAML mapping with at least a title");
  }
  const meta = value as Record<string, unknown>;
  const fail = (key: string, reason: string) => new DocumentError(file, locate(key), reason);
  if (!Object.hasOwn(meta, "title")) throw new DocumentError(file, locate(), "front matter has no title (add `title: ...`)");
  if (typeof meta.title !== "string" || meta.title.trim() === "") throw fail("title", "title must be a non-empty string");
  if (meta.order !== undefined && typeof meta.order !== "number") throw fail("order", "order must be a number");
  if (meta.summary !== undefined && typeof meta.summary !== "string") throw fail("summary", "summary must be a string");
  const requires = meta.requires;
  if (requires !== undefined && !(Array.isArray(requires) && requires.every((r) => typeof r === "string"))) {
    throw fail("requires", "requires must be a list of lesson names");
  }
  return meta as NotebookMeta;
}

/**
 * The front matter text for `meta`: the text it was read from when that still says the same thing
 * (so comments and quoting survive), else freshly written YAML.
 */
export function formatFrontMatter(meta: NotebookMeta, raw: string | undefined): string {
  if (raw !== undefined && jsonEqual(readRawMeta(raw), meta)) return raw;
  return `---\n${stringify(meta)}---`;
}

/** The meta a kept front-matter text stands for, or undefined when it is not front matter. */
function readRawMeta(raw: string): unknown {
  const lines = raw.split("\n");
  if (lines.length < 2 || !OPEN.test(lines[0]!) || !CLOSE.test(lines[lines.length - 1]!)) return undefined;
  if (lines.slice(1, -1).some((line) => CLOSE.test(line))) return undefined;
  try {
    return parseMetaYaml(lines.slice(1, -1).join("\n"), "", 2);
  } catch {
    return undefined;
  }
}
