// `stepbook export DIR --out OUT [--single-file]`: the static course (ui/export/site.ts), every lesson
// pre-run in Node. A lesson that does not parse or run fails the export, naming the file, cell and line,
// and OUT is left as it was.
import { statSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { DocumentError } from "../document/index.ts";
import { katexDistDir, nodeEffects } from "../export/node-effects.ts";
import { closePlotDocument } from "../export/plot-svg.ts";
import { LessonRunError } from "../export/run.ts";
import { exportSite } from "../export/site.ts";
import { EXIT, InputError, UsageError, type Command } from "./command.ts";
import { meantBeside } from "../dev/course-source.ts";
import type { CliIO } from "./io.ts";

const USAGE = `Usage: stepbook export DIR|FILE --out OUT [--single-file] [--title TITLE] [--timeout S]

Writes a static course from the lessons in DIR (.md and .ipynb), or from the one lesson FILE:
index.html and one page per lesson, each lesson run at build time (outputs, traces and math baked in).
Serve OUT from any static server.
  --out OUT       the site directory (replaced as a whole once the build succeeds)
  --single-file   one self-contained HTML file per lesson (CSS inlined, no font files: math as MathML)
  --title TITLE   the course title (default "Stepbook course")
  --timeout S     stop a cell that runs longer than S seconds (default 60)
Exit status: 0 written, 1 a lesson failed to run, 2 bad usage or a lesson that does not parse.`;

export const exportCommand: Command = {
  name: "export",
  summary: "export a course of lessons as a static site (pre-run, math rendered)",
  usage: USAGE,
  run: exportCourse,
};

async function exportCourse(args: string[], io: CliIO): Promise<number> {
  const { input, out, singleFile, title, timeoutMs } = readArgs(args);
  const started = performance.now();
  const full = resolve(io.cwd, input);
  // a file is a course of one lesson (its folder's other lessons are left out)
  const stat = statSync(full, { throwIfNoEntry: false });
  if (stat === undefined) {
    const near = meantBeside(full);
    throw new InputError(`cannot read ${input}: there is no folder or file ${full}${near ? ` (did you mean ${near}?)` : ""}`);
  }
  const file = stat.isFile();
  try {
    const { lessons, files } = await exportSite({
      input: file ? dirname(full) : full, only: file ? basename(full) : undefined, outDir: resolve(io.cwd, out), singleFile, title, cellTimeoutMs: timeoutMs,
      katexDir: katexDistDir(), effects: nodeEffects, log: (line) => io.stderr(`${line}\n`),
    });
    io.stdout(`Exported ${lessons.length} lesson${lessons.length === 1 ? "" : "s"} (${files.size} files) to ${out} in ${Math.round(performance.now() - started)} ms\n`);
    // the pages' Run and Edit import the live app, which Vite builds (npm run build runs both): without
    // it they said only "Failed to fetch dynamically imported module" when pressed
    if (!singleFile) io.stderr(`note: Run and Edit on these pages load the live app from ${out}/app/, which this command does not build: `
      + `\`npm run build\` does both, or after this: npx vite build --config vite.export.config.ts --outDir ${out}/app --emptyOutDir false\n`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof LessonRunError) {
      io.stderr(`stepbook export: ${error.message}\nnothing was written\n`);
      return EXIT.failed;
    }
    if (error instanceof DocumentError) {
      io.stderr(`stepbook export: ${error.message}\nnothing was written\n`);
      return EXIT.usage;
    }
    if ((error as NodeJS.ErrnoException).code === "ENOENT" || (error as NodeJS.ErrnoException).code === "ENOTDIR") {
      throw new UsageError(`cannot read ${input}: ${(error as Error).message}`);
    }
    throw error;
  } finally {
    await closePlotDocument();
  }
}

function readArgs(args: string[]): { input: string; out: string; singleFile: boolean; title?: string; timeoutMs: number } {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { out: { type: "string", short: "o" }, "single-file": { type: "boolean" }, title: { type: "string" }, timeout: { type: "string" } } });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { positionals, values } = parsed;
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? "give the directory of lessons, or one lesson file" : `one directory or file (got ${positionals.length})`);
  if (!values.out) throw new UsageError("say where to write the site: --out DIR");
  const seconds = values.timeout === undefined ? 60 : Number(values.timeout);
  if (!(seconds > 0) || !Number.isFinite(seconds)) throw new UsageError(`--timeout takes a positive number of seconds, not "${values.timeout}"`);
  return { input: positionals[0]!, out: values.out, singleFile: values["single-file"] === true, title: values.title, timeoutMs: Math.round(seconds * 1000) };
}
