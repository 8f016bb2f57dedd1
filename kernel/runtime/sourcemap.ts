// Just enough source-map reading to turn a position in generated code back into a position in its source:
// a base64-VLQ decoder and a "last segment at or before this column" lookup. Errors in a cell point at the
// TypeScript the student wrote, so positions go back through two maps (our rewrite, then sucrase).

/** Decoded mappings: per generated line, segments [genColumn, sourceIndex, sourceLine, sourceColumn]. */
export type DecodedMappings = number[][][];

/** A 0-based line and column. */
export interface Pos { line: number; column: number }

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const CHAR_VALUE = new Map([...BASE64].map((c, i) => [c, i]));

export function decodeMappings(mappings: string): DecodedMappings {
  const lines: DecodedMappings = [];
  // Fields after the first are deltas that carry across lines (the column resets per line).
  let sourceIndex = 0, sourceLine = 0, sourceColumn = 0;
  for (const lineText of mappings.split(";")) {
    const segments: number[][] = [];
    let genColumn = 0;
    for (const segmentText of lineText.split(",")) {
      if (segmentText === "") continue;
      const fields = decodeVlq(segmentText);
      genColumn += fields[0];
      if (fields.length >= 4) {
        sourceIndex += fields[1]; sourceLine += fields[2]; sourceColumn += fields[3];
        segments.push([genColumn, sourceIndex, sourceLine, sourceColumn]);
      }
    }
    segments.sort((a, b) => a[0] - b[0]);
    lines.push(segments);
  }
  return lines;
}

function decodeVlq(text: string): number[] {
  const values: number[] = [];
  let value = 0, shift = 0;
  for (const char of text) {
    const digit = CHAR_VALUE.get(char);
    if (digit === undefined) throw new Error(`source map: bad VLQ character ${JSON.stringify(char)}`);
    value += (digit & 31) << shift;
    if (digit & 32) { shift += 5; continue; }
    // The lowest bit is the sign.
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0; shift = 0;
  }
  return values;
}

/**
 * The source position of generated position `pos`: the nearest mapped segment at or before the column
 * (inserted code has no segment of its own, so it reports the code it was inserted before).
 * `withinToken` adds the distance from the segment's start: right for maps with one segment per token
 * (sucrase), wrong for maps with one segment per character (magic-string's hires), where the distance
 * is into inserted text. Null when the generated line maps to nothing (our wrapper's last line).
 */
export function originalPosition(map: DecodedMappings, pos: Pos, withinToken = false): Pos | null {
  const segments = map[pos.line] ?? [];
  let best: number[] | undefined;
  for (const segment of segments) {
    if (segment[0] <= pos.column) best = segment;
    else break;
  }
  if (!best) best = segments[0];
  if (!best) return null;
  return { line: best[2], column: best[3] + (withinToken ? Math.max(0, pos.column - best[0]) : 0) };
}

/** 0-based line and column of a character offset in `text`. */
export function positionAt(text: string, offset: number): Pos {
  let line = 0, lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) { line++; lineStart = i + 1; }
  }
  return { line, column: offset - lineStart };
}
