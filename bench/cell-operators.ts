// A cell's + and == go through a check that refuses a tensor (kernel/runtime/rewrite.ts, cell-handle.ts
// `binary`): what that costs a loop of plain number arithmetic in a cell, against the same loop written
// with an operator that is not checked (s - -i), on the in-process kernel, alternating round by round;
// the figure is the median of the same-round ratios.
import { NodeKernelHost } from "../kernel/host/node.ts";
import { median } from "./timing.ts";

const cell = (n: number, checked: boolean) => `let s = 0\nfor (let i = 0; i < ${n}; i++) s = ${checked ? "s + i" : "s - -i"}\ns`;

export interface CellOperatorFigures { additions: number; rounds: number; checkedMs: number; uncheckedMs: number; ratio: number }

export async function measureCellOperators(additions: number, rounds: number): Promise<CellOperatorFigures> {
  const host = new NodeKernelHost();
  const checked: number[] = [], unchecked: number[] = [], ratios: number[] = [];
  for (let r = -1; r < rounds; r++) {
    const times: Record<string, number> = {};
    for (const isChecked of r % 2 === 0 ? [false, true] : [true, false]) {
      const t0 = performance.now();
      const out = await host.execute(cell(additions, isChecked), { cellId: isChecked ? "checked" : "unchecked" });
      times[String(isChecked)] = performance.now() - t0;
      const failed = out.messages.find((m) => m.type === "error");
      if (failed) throw new Error(`cell-operators bench: the cell failed: ${JSON.stringify(failed)}`);
    }
    if (r < 0) continue; // warm-up
    checked.push(times.true!);
    unchecked.push(times.false!);
    ratios.push(times.true! / times.false!);
  }
  return { additions, rounds, checkedMs: median(checked), uncheckedMs: median(unchecked), ratio: median(ratios) };
}
