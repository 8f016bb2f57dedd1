// One cell's TypeScript -> a script the kernel evaluates, plus what the kernel needs to know about it:
// the names it defines and uses (stale tracking), whether it has a result, and how to map a position in
// the script back to the TypeScript the student wrote (error messages).
import { analyze } from "./analyze.ts";
import type { NumExpr } from "../trace/constant-expr.ts";
import { rewrite } from "./rewrite.ts";
import { transpile, jsToTsPosition, CellSyntaxError } from "./transpile.ts";
import { decodeMappings, originalPosition, type DecodedMappings } from "./sourcemap.ts";

export { CellSyntaxError };

export interface CompileOptions {
  /** names the kernel scope already holds. */
  isKnown?: (name: string) => boolean;
  /** names the host provides as globals; default: whatever `globalThis` has. */
  isGlobal?: (name: string) => boolean;
  /** the script's file name in stack traces; errors are found by it. */
  filename: string;
  /** false only to measure what the numpy-rows check costs (rewrite.ts). */
  rowGuards?: boolean;
}

export interface CompiledCell {
  /** a script that, evaluated, calls the cell's async wrapper with the arguments in the global slot. */
  code: string;
  filename: string;
  hasResult: boolean;
  defines: string[];
  uses: string[];
  /** arithmetic of names and numbers by source line, to write a traced constant as the code did */
  numberExprs: { line: number; expr: NumExpr }[];
  /** 1-based script position -> 1-based TypeScript position, or null for the wrapper's own code. */
  toSource(line: number, column: number): { line: number; column: number } | null;
}

const globalNames = (name: string) => name in globalThis;

export function compileCell(ts: string, options: CompileOptions): CompiledCell {
  const { js, program, jsToTs } = transpile(ts);
  const analysis = analyze(program);
  if (analysis.unsupported.length > 0) {
    const { node, message } = analysis.unsupported[0];
    const loc = jsToTsPosition(jsToTs, { line: node.loc!.start.line - 1, column: node.loc!.start.column }, js, ts);
    throw new CellSyntaxError(message, loc);
  }
  const rewritten = rewrite(js, program, analysis, {
    isKnown: options.isKnown ?? (() => false),
    isGlobal: options.isGlobal ?? globalNames,
    rowGuards: options.rowGuards,
  });
  const code = `${rewritten.magic.toString()}\n//# sourceURL=${options.filename}`;
  // The map is only needed to report an error: build it the first time one is reported.
  let scriptToJs: DecodedMappings | null = null;
  let codeLines: string[] | null = null;
  return {
    code,
    filename: options.filename,
    hasResult: rewritten.hasResult,
    defines: rewritten.defines,
    uses: rewritten.uses,
    numberExprs: analysis.numberExprs,
    toSource(line, column) {
      scriptToJs ??= decodeMappings(rewritten.magic.generateMap({ hires: true }).mappings);
      codeLines ??= code.split("\n");
      // A call the rewrite put before the code it checks (__sb.binary("+", x, 1) for x + 1) has no place of its
      // own in the cell: it is where that code begins, the next mapped place, not the character before it.
      const next = /__sb\.$/.test(codeLines[line - 1]?.slice(0, column - 1) ?? "") ? scriptToJs[line - 1]?.find((s) => s[0] >= column - 1) : undefined;
      const inJs = originalPosition(scriptToJs, { line: line - 1, column: next?.[0] ?? column - 1 });
      if (inJs === null) return null;
      const inTs = jsToTsPosition(jsToTs, inJs, js, ts);
      return { line: inTs.line + 1, column: inTs.column + 1 };
    },
  };
}
