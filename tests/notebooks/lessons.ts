// Shared by the notebook tests: find the lessons, parse them with the real document parser, and locate
// things in them (code cells with their line in the .md file, equation `binds=`, inline `${expr}`s).
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseMarkdownNotebook } from "../../ui/document/index.ts";
import type { CodeCell, NotebookDoc } from "../../ui/document/index.ts";

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const NOTEBOOKS = join(REPO, "notebooks");

/** The course, in order. Every lesson in the list must exist; other .md files in notebooks/ are run too. */
export const COURSE = [
  "01-what-is-deep-learning.md",
  "02-linear-collapse.md",
  "03-activation-functions.md",
  "04-forward-propagation.md",
  "05-gradient-descent.md",
  "06-backpropagation.md",
  "07-training-an-ann.md",
  "08-vectorised-backprop.md",
  "09-softmax-and-cross-entropy.md",
  "10-generalisation-and-l2.md",
  "11-dropout.md",
  "12-batch-normalisation.md",
  "13-losses.md",
  "14-optimisers.md",
  "15-networks-in-nn.md",
  "16-autoencoders.md",
  "17-optimisation-with-anns.md",
  "18-beyond-the-mlp.md",
];

/** Lessons that teach backprop and must have a cell to step through. */
export const NEEDS_TRACE = new Set(["04", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15", "16", "17", "18"]);

export interface Lesson {
  file: string;
  path: string;
  text: string;
  doc: NotebookDoc;
  /** code cells with the 1-based line of their first source line in the .md file. */
  code: { cell: CodeCell; index: number; firstLine: number }[];
}

/** Every `.md` lesson in notebooks/, sorted by file name. */
export function lessonFiles(): string[] {
  return readdirSync(NOTEBOOKS).filter((f) => f.endsWith(".md")).sort();
}

export function loadLesson(file: string): Lesson {
  const path = join(NOTEBOOKS, file);
  const text = readFileSync(path, "utf8");
  const doc = parseMarkdownNotebook(text, path);
  const cells = doc.cells.filter((c): c is CodeCell => c.type === "code");
  // The parser keeps no line numbers; find the `ts` fences in order (the same fences the parser read).
  const lines = text.split("\n");
  const fenceLines: number[] = [];
  let open: string | null = null;
  lines.forEach((line, i) => {
    const m = /^(`{3,}|~{3,})\s*(\S*)/.exec(line);
    if (!m) return;
    if (open === null) {
      open = m[1];
      if (/^ts(\s|\{|$)/.test(line.slice(m[1].length).trim() + " ")) fenceLines.push(i + 2);
    } else if (line.trim().startsWith(open) && line.trim() === open.charAt(0).repeat(line.trim().length)) {
      open = null;
    }
  });
  if (fenceLines.length !== cells.length) {
    throw new Error(`${file}: found ${fenceLines.length} ts fences but the parser found ${cells.length} code cells`);
  }
  return { file, path, text, doc, code: cells.map((cell, k) => ({ cell, index: k, firstLine: fenceLines[k] })) };
}

/** Prose of the lesson (markdown cells), joined. */
export function prose(lesson: Lesson): string {
  return lesson.doc.cells.filter((c) => c.type === "markdown").map((c) => c.source).join("\n");
}

/** `$$ ... $$ {#eq-x binds=A,B}` -> [{label: "eq-x", binds: ["A", "B"]}]. */
export function equationBinds(lesson: Lesson): { label: string; binds: string[] }[] {
  const out: { label: string; binds: string[] }[] = [];
  for (const m of prose(lesson).matchAll(/\$\$[ \t]*\{([^}]*)\}/g)) {
    const label = /#([\w-]+)/.exec(m[1])?.[1] ?? "(no label)";
    const binds = /(?:^|\s)binds=([^\s}]+)/.exec(m[1])?.[1];
    if (binds) out.push({ label, binds: binds.split(",").map((b) => b.trim()).filter(Boolean) });
  }
  return out;
}

