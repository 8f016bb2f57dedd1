// Every lesson's cells type-check against the kernel's own declarations, so an API change that breaks a
// lesson fails here (the runtime strips types and would only fail when the changed line runs, if at all).
//
// The scheme: one virtual TypeScript module per lesson,
//
//   the prelude of kernel/display/prelude.ts (the same Monaco uses): np, display, ... and type Tensor
//   ;{ <cell 1>
//   ;{ <cell 2>
//   ...
//   ;{ <cell n>
//   }}}...
//
// Each cell opens a block that stays open until the end, so a cell sees every name the cells above it
// declared (outer blocks), and may declare a name again (an inner `const` shadows the outer one): the
// runtime's rules — one scope across cells, later definitions win, re-declaring is allowed. Assigning to
// a `let` of an earlier cell assigns the outer binding, as at runtime. Top-level `await` works (module).
// One difference: a cell can't use a name before its own re-declaration of it (TS's temporal dead zone);
// the runtime would read the earlier cell's value. Lessons don't do that; it reads badly anyway.
//
// All lessons go into one ts.Program (the kernel is checked once), with the repo's compiler options.
import ts from "typescript";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { lessonFiles, loadLesson, REPO } from "./lessons.ts";
import { cellPrelude } from "../../kernel/display/prelude.ts";


const VIRTUAL_DIR = join(REPO, "tests", "notebooks", "__virtual__");

interface LineOrigin {
  cellId: string;
  /** 1-based line in the .md file. */
  fileLine: number;
}

interface VirtualLesson {
  file: string;
  path: string;
  text: string;
  /** virtual line (0-based) -> where it came from; undefined for prelude and braces. */
  origin: (LineOrigin | undefined)[];
}

function buildVirtual(file: string): VirtualLesson {
  const lesson = loadLesson(file);
  const path = join(VIRTUAL_DIR, file.replace(/\.md$/, ".ts"));
  const lines: string[] = ["export {};"];
  const origin: (LineOrigin | undefined)[] = lines.map(() => undefined);
  for (const { cell, firstLine } of lesson.code) {
    // the `;` ends the previous cell's last statement: `({ a, b })` then `{` would parse as an arrow function
    lines.push(`;{ // cell #${cell.id}`);
    origin.push(undefined);
    cell.source.split("\n").forEach((line, k) => {
      lines.push(line);
      origin.push({ cellId: cell.id, fileLine: firstLine + k });
    });
  }
  lines.push("}".repeat(lesson.code.length));
  origin.push(undefined);
  return { file, path, text: lines.join("\n") + "\n", origin };
}

function compilerOptions(): ts.CompilerOptions {
  const configPath = join(REPO, "tsconfig.json");
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, REPO);
  // Only node's globals (performance, console); the DOM lib stays, as in the browser.
  return { ...parsed.options, types: ["node"], noEmit: true };
}

/** The cell globals, declared once for the whole program (every lesson module sees them). */
function preludeFile(): VirtualLesson {
  let kernelDir = relative(VIRTUAL_DIR, join(REPO, "kernel")).split("\\").join("/");
  if (!kernelDir.startsWith(".")) kernelDir = `./${kernelDir}`;
  const text = cellPrelude(kernelDir);
  return { file: "(prelude)", path: join(VIRTUAL_DIR, "cell-globals.ts"), text, origin: [] };
}

function typecheck(lessons: VirtualLesson[]): Map<string, string[]> {
  const options = compilerOptions();
  const virtual = new Map([preludeFile(), ...lessons].map((l) => [l.path, l]));
  const host = ts.createCompilerHost(options, true);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, languageVersion, onError, shouldCreate) => {
    const v = virtual.get(name);
    return v ? ts.createSourceFile(name, v.text, languageVersion, true) : getSourceFile(name, languageVersion, onError, shouldCreate);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => virtual.has(name) || fileExists(name);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => virtual.get(name)?.text ?? readFile(name);

  const program = ts.createProgram([...virtual.keys()], options, host);
  const problems = new Map<string, string[]>();
  for (const v of virtual.values()) {
    const source = program.getSourceFile(v.path)!;
    const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
    problems.set(
      v.file,
      diagnostics.map((d) => {
        const { line, character } = source.getLineAndCharacterOfPosition(d.start ?? 0);
        const at = v.origin[line];
        const where = at ? `notebooks/${v.file}:${at.fileLine}:${character + 1} (cell #${at.cellId})` : `notebooks/${v.file} (prelude, virtual line ${line + 1})`;
        return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
      }),
    );
  }
  return problems;
}

const files = lessonFiles();

describe("lessons type-check against the kernel's declarations", () => {
  const results = (() => {
    let cached: Map<string, string[]> | null = null;
    return () => (cached ??= typecheck(files.map(buildVirtual)));
  })();

  it("the cell globals' declarations resolve against the kernel", () => {
    expect(results().get("(prelude)")).toEqual([]);
  }, 60_000);

  it.each(files)("%s", (file) => {
    expect(results().get(file)).toEqual([]);
  }, 60_000);

  it("reports a type error at the lesson, cell and line", () => {
    const broken: VirtualLesson = { ...buildVirtual(files[0]), file: "broken.md", path: join(VIRTUAL_DIR, "broken.ts") };
    const at = broken.origin.findIndex((o) => o !== undefined);
    const lines = broken.text.split("\n");
    lines.splice(at + 1, 0, "np.array([1, 2]).nonexistentMethod();", "const annotated: Tensor = 3;");
    broken.origin.splice(at + 1, 0, { cellId: "injected", fileLine: 999 }, { cellId: "injected", fileLine: 1000 });
    broken.text = lines.join("\n");
    const problems = typecheck([broken]).get("broken.md")!.join("\n");
    expect(problems).toMatch(/broken\.md:999:\d+ \(cell #injected\): Property 'nonexistentMethod' does not exist/);
    // the Tensor type of annotations is the kernel's class
    expect(problems).toMatch(/broken\.md:1000:\d+ \(cell #injected\): Type 'number' is not assignable to type 'Tensor'/);
  }, 60_000);
});
