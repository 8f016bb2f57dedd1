// TypeScript -> JavaScript for one cell, with sucrase: types are stripped and lines stay 1:1, so a line in
// the JavaScript is the same line in the student's TypeScript. No type checking: a type error never
// blocks running (as in Jupyter kernels for TypeScript).
import { transform } from "sucrase";
import { parse } from "acorn";
import type { JsNode } from "./analyze.ts";
import { decodeMappings, originalPosition, positionAt, type DecodedMappings, type Pos } from "./sourcemap.ts";

/** A syntax error at a position (0-based line and column) in the cell's TypeScript source. */
export class CellSyntaxError extends SyntaxError {
  constructor(message: string, readonly position: Pos) {
    super(message);
    this.name = "SyntaxError";
  }
}

export interface Transpiled {
  js: string;
  program: JsNode;
  /** JavaScript position -> TypeScript position. */
  jsToTs: DecodedMappings;
}

export function transpile(ts: string): Transpiled {
  let js: string, jsToTs: DecodedMappings;
  try {
    const out = transform(ts, {
      transforms: ["typescript"],
      // Without this, sucrase rewrites `?.` and `??` into helper calls; every engine we target has them.
      disableESTransforms: true,
      sourceMapOptions: { compiledFilename: "cell.js" },
      filePath: "cell.ts",
    });
    js = out.code;
    jsToTs = decodeMappings(out.sourceMap?.mappings ?? "");
  } catch (e) {
    const pos = (e as { pos?: number }).pos;
    throw new CellSyntaxError(stripPosition((e as Error).message), positionAt(ts, pos ?? 0));
  }
  let program: JsNode;
  try {
    program = parse(js, {
      ecmaVersion: "latest",
      sourceType: "module", // strict mode, and top-level await
      allowAwaitOutsideFunction: true,
      locations: true,
    }) as unknown as JsNode;
  } catch (e) {
    const pos = (e as { pos?: number }).pos ?? 0;
    throw new CellSyntaxError(stripPosition((e as Error).message), jsToTsPosition(jsToTs, positionAt(js, pos), js, ts));
  }
  return { js, program, jsToTs };
}

/**
 * A JavaScript position in the TypeScript source (sucrase keeps lines, so the line is the fallback). On a
 * line sucrase left as it was (no types on it), the column is the same too: taken as is, because
 * sucrase's map can be wrong there (after a template literal it carried the previous line's column
 * over: `print(x)` below `${x}` was reported at column 23).
 */
export function jsToTsPosition(map: DecodedMappings, pos: Pos, js?: string, ts?: string): Pos {
  if (js !== undefined && ts !== undefined) {
    const jsLine = js.split("\n")[pos.line];
    if (jsLine !== undefined && jsLine === ts.split("\n")[pos.line]) return pos;
  }
  return originalPosition(map, pos, true) ?? pos;
}

// Parsers append "(line:col)" of their own input; we report the TypeScript position instead.
function stripPosition(message: string): string {
  return message.replace(/\s*\(\d+:\d+\)\s*$/, "");
}
