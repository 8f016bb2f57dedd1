// A step's shapes in one line, the same in the live step-through and the exported page: the inputs joined
// as the op joins them, then the output. A backward step's inputs are the gradient arriving from above
// and the forward op's inputs (kernel/trace/trace.ts), so it reads as the forward op and then the
// gradient's own shapes: "(6, 5)(5, 1) -> (6, 1); gradient (6, 1) -> (6, 5)", never "(6, 1)(6, 5)(5, 1)",
// which a student reads as a product of three matrices.
import type { StepSummary } from "../../kernel/protocol/values.ts";
import { shapeTuple } from "../../kernel/tensor/shape.ts";

const JOIN: Record<string, string> = { matmul: "", dot: "", add: " + ", sub: " − ", mul: " ⊙ ", div: " / ", pow: " ^ " };

/** (15, 1) with a no-break space: on a phone the line wraps between shapes, never inside one. */
const tuple = (shape: readonly number[]) => shapeTuple(shape as number[]).replace(/ /g, "\u00a0");

function opLine(op: string, inputs: readonly (readonly number[])[], output: readonly number[]): string {
  const shapes = inputs.map(tuple);
  const joined = op in JOIN ? shapes.join(JOIN[op]) : `${op}(${shapes.join(", ")})`;
  return `${joined} -> ${tuple(output)}`;
}

/** `(300, 2)(2, 16) -> (300, 16)`; a backward step: `(300, 2)(2, 16) -> (300, 16); gradient (300, 16) -> (2, 16)`. */
export function shapeLine(step: Pick<StepSummary, "op" | "shapes">): string {
  const { inputs, output } = step.shapes;
  const backward = /\.backward$/.exec(step.op);
  if (backward && inputs.length >= 2) {
    const op = step.op.slice(0, backward.index);
    const [grad, ...forward] = inputs;
    return `${opLine(op, forward, grad!)}; gradient ${tuple(grad!)} -> ${tuple(output)}`;
  }
  return opLine(step.op.replace(/\.backward$/, ""), inputs, output);
}
