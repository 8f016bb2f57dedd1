// An exercise's reference: the hidden solution cell with the same name (```ts {solution=NAME hidden}).
// Its code runs in a scratch scope before the exercise (ExecuteRequest.reference), so `check("dW")`
// compares the student's value with what the solution computes: the answer is in no starter code.
import type { CodeCell, NotebookDoc } from "./types.ts";

/** The solution code an exercise cell (or the solution cell itself) is checked against, if any. */
export function referenceOf(doc: NotebookDoc, cell: CodeCell): string | undefined {
  const name = cell.options.exercise ?? cell.options.solution;
  if (name === undefined) return undefined;
  const solution = doc.cells.find((c): c is CodeCell => c.type === "code" && c.options.solution === name);
  return solution?.source;
}
