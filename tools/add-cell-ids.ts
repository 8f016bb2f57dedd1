// Gives every code cell of the lessons a stable id on its fence (```` ```ts {#forward} ````), so a student's
// saved edits, the kernel's state and the lecturer's merges keep finding the cell when cells are added,
// moved or deleted around it. Prose needs nothing: its id comes from the code cell after it (see
// ui/document/cell-ids.ts). Only fence lines change; a lesson that already has ids is left as it is.
//
//   npx tsx tools/add-cell-ids.ts notebooks/*.md        (add the ids)
//   npx tsx tools/add-cell-ids.ts --check notebooks/*.md (list the cells without one; exit 1 if any)
import { readFileSync, writeFileSync } from "node:fs";
import { DERIVED_ID } from "../ui/document/cell-ids.ts";
import { parseNotebook, serializeNotebook, type NotebookDoc } from "../ui/document/index.ts";

/** A readable id for a code cell: from its exercise or solution name, else the first name it declares. */
function proposedId(source: string, options: { exercise?: string; solution?: string }, n: number): string {
  if (options.exercise) return `exercise-${options.exercise}`;
  if (options.solution) return `solution-${options.solution}`;
  const declared = /^\s*(?:export\s+)?(?:const|let|var|function\*?|class|async\s+function)\s+([A-Za-z_$][\w$]*)/m.exec(source)?.[1];
  return declared ? declared.replaceAll("$", "_") : `code-${n}`;
}

/** The lesson with an id on every code cell that had none; ids it already has are kept. */
export function withCellIds(doc: NotebookDoc): { doc: NotebookDoc; added: string[] } {
  const taken = new Set(doc.cells.filter((c) => c.type !== "code" || !DERIVED_ID.test(c.id)).map((c) => c.id));
  const added: string[] = [];
  let n = 0;
  const cells = doc.cells.map((cell) => {
    // prose takes its id from the code cell after it: derived anew (unless the file spells it out)
    if (cell.type === "markdown" && cell.layout?.idLine === undefined) return { ...cell, id: "" };
    if (cell.type !== "code") return cell;
    n++;
    if (!DERIVED_ID.test(cell.id)) return cell;
    const base = proposedId(cell.source, cell.options, n).slice(0, 60);
    let id = base;
    for (let k = 2; taken.has(id) || DERIVED_ID.test(id); k++) id = `${base}-${k}`;
    taken.add(id);
    added.push(id);
    return { ...cell, id };
  });
  return { doc: { ...doc, cells }, added };
}

function main(args: string[]): number {
  const check = args.includes("--check");
  const files = args.filter((a) => a !== "--check");
  if (files.length === 0) { console.error("usage: npx tsx tools/add-cell-ids.ts [--check] LESSON.md..."); return 2; }
  let missing = 0;
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    const { doc, added } = withCellIds(parseNotebook(text, file));
    if (added.length === 0) continue;
    missing += added.length;
    if (check) { console.log(`${file}: ${added.length} code cell(s) without an id`); continue; }
    writeFileSync(file, serializeNotebook(doc, "md"));
    console.log(`${file}: added ${added.map((id) => `#${id}`).join(", ")}`);
  }
  return check && missing > 0 ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main(process.argv.slice(2));
