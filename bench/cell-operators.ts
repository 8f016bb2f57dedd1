// A cell's + and == go through a check that refuses a tensor (kernel/runtime/rewrite.ts, cell-handle.ts
// `binary`): what that costs a loop of plain number arithmetic in a cell, against the same loop written
// with an operator that is not checked (s - -i), on the in-process kernel, alternating round by round;
// the figure is the median of the same-round ratios.
// A cell's a[i] and a.length go through __sb.rows (kernel/runtime/tensor-rows.ts), which refuses a tensor's
// number key and length: what that costs a loop that sums a plain array and a Float64Array by index, against
// the same cell on a kernel that leaves them unchecked (KernelOptions.rowGuards: false, for this peer only).
import { NodeKernelHost } from "../kernel/host/node.ts";
import { median } from "./timing.ts";

const cell = (n: number, checked: boolean) => `let s = 0\nfor (let i = 0; i < ${n}; i++) s = ${checked ? "s + i" : "s - -i"}\ns`;
/** reads of a plain array and a typed array by index, their lengths in the loop test (no checked operator: s - -x) */
const indexCell = `let s = 0\nfor (let i = 0; i < a.length; i++) s = s - -a[i]\nfor (let i = 0; i < f.length; i++) s = s - -f[i]\ns`;
const indexData = (n: number) => `const a = Array.from({ length: ${n / 2} }, (_, i) => i % 7)\nconst f = Float64Array.from(a);`;

export interface RatioFigures { checkedMs: number; uncheckedMs: number; ratio: number }
export interface CellOperatorFigures extends RatioFigures { additions: number; rounds: number; index: RatioFigures & { reads: number } }

export async function measureCellOperators(additions: number, rounds: number): Promise<CellOperatorFigures> {
  const host = new NodeKernelHost();
  const operators = await alternate(rounds, (checked) => host.execute(cell(additions, checked), { cellId: checked ? "checked" : "unchecked" }));
  const guarded = new NodeKernelHost(), unguarded = new NodeKernelHost({ rowGuards: false });
  for (const h of [guarded, unguarded]) await h.execute(indexData(additions), { cellId: "data" });
  // a round is short (~20 ms): three times the rounds, so a busy spell of the machine moves the median less
  const index = await alternate(rounds * 3, (checked) => (checked ? guarded : unguarded).execute(indexCell, { cellId: "sum" }));
  return { additions, rounds, ...operators, index: { reads: additions, ...index } };
}

type Outcome = Awaited<ReturnType<NodeKernelHost["execute"]>>;

async function alternate(rounds: number, runCell: (checked: boolean) => Promise<Outcome>): Promise<RatioFigures> {
  const checked: number[] = [], unchecked: number[] = [], ratios: number[] = [];
  for (let r = -1; r < rounds; r++) {
    const times: Record<string, number> = {};
    for (const isChecked of r % 2 === 0 ? [false, true] : [true, false]) {
      const t0 = performance.now();
      const out = await runCell(isChecked);
      times[String(isChecked)] = performance.now() - t0;
      const failed = out.messages.find((m) => m.type === "error");
      if (failed) throw new Error(`cell-operators bench: the cell failed: ${JSON.stringify(failed)}`);
    }
    if (r < 0) continue; // warm-up
    checked.push(times.true!);
    unchecked.push(times.false!);
    ratios.push(times.true! / times.false!);
  }
  return { checkedMs: median(checked), uncheckedMs: median(unchecked), ratio: median(ratios) };
}
