import { formatValue, parseAttributes, splitTrailingBlock } from "./attributes.ts";
import { isForbiddenKey } from "./safe-keys.ts";
import type { CodeCellOptions } from "./types.ts";

/** The language of a fence that becomes a code cell. Fences of other languages stay in the prose. */
export const CODE_LANGUAGE = "ts";

export { CELL_ID_PATTERN } from "./cell-ids.ts";
import { CELL_ID_PATTERN } from "./cell-ids.ts";

const FLAGS = ["trace", "hidden", "readonly"] as const;
const NAMED = ["exercise", "solution"] as const;

export type CodeInfo = { ok: true; id?: string; options: CodeCellOptions } | { ok: false; reason: string };

/** True when a fence info string (`ts {#a}`) starts with the code language. */
export function isCodeInfo(info: string): boolean {
  return info.trim().split(/[\s{]/, 1)[0] === CODE_LANGUAGE;
}

/** Reads `ts {#forward trace exercise=dw}` into an id and options. */
export function parseCodeInfo(info: string): CodeInfo {
  const { head, inside } = splitTrailingBlock(info.trim());
  if (head !== CODE_LANGUAGE) {
    return { ok: false, reason: `expected "${CODE_LANGUAGE}" optionally followed by {attributes}, found "${info.trim()}"` };
  }
  if (inside === null) return { ok: true, options: {} };
  const parsed = parseAttributes(inside);
  if (!parsed.ok) return parsed;
  let id: string | undefined;
  const options: CodeCellOptions = {};
  const extra: string[] = [];
  for (const attr of parsed.attributes) {
    const key = attr.kind === "pair" || attr.kind === "flag" ? attr.key : undefined;
    if (key !== undefined && isForbiddenKey(key)) return { ok: false, reason: `the attribute "${key}" is not allowed` };
    if (attr.kind === "id") {
      if (id !== undefined) return { ok: false, reason: `two ids: #${id} and #${attr.value}` };
      if (!CELL_ID_PATTERN.test(attr.value)) {
        return { ok: false, reason: `the cell id "${attr.value}" may only use letters, digits, "-" and "_" (at most 64)` };
      }
      id = attr.value;
    } else if (key !== undefined && (FLAGS as readonly string[]).includes(key)) {
      if (attr.kind !== "flag") return { ok: false, reason: `${key} is a flag: write "${key}", not "${attr.raw}"` };
      options[key as (typeof FLAGS)[number]] = true;
    } else if (key !== undefined && (NAMED as readonly string[]).includes(key)) {
      if (attr.kind !== "pair" || attr.value === "") return { ok: false, reason: `${key} needs a name: ${key}=NAME` };
      if (options[key as (typeof NAMED)[number]] !== undefined) return { ok: false, reason: `${key} is given twice` };
      options[key as (typeof NAMED)[number]] = attr.value;
    } else {
      extra.push(attr.raw);
    }
  }
  if (extra.length > 0) options.extra = extra;
  return { ok: true, id, options };
}

/** The canonical info string for a cell, used when its options changed since it was read. */
export function formatCodeInfo(id: string | undefined, options: CodeCellOptions): string {
  const parts: string[] = [];
  if (id !== undefined) parts.push(`#${id}`);
  for (const flag of FLAGS) if (options[flag]) parts.push(flag);
  for (const key of NAMED) {
    const value = options[key];
    if (value !== undefined) parts.push(`${key}=${formatValue(value)}`);
  }
  parts.push(...(options.extra ?? []));
  return parts.length === 0 ? CODE_LANGUAGE : `${CODE_LANGUAGE} {${parts.join(" ")}}`;
}
