// A cell's + and == go through a check that refuses a tensor (kernel/runtime/rewrite.ts, cell-handle.ts
// `binary`): what that costs a loop of plain number arithmetic in a cell, against the same loop written
// with an operator that is not checked (s - -i), on the in-process kernel, alternating round by round;
// the figure is the median of the same-round ratios.
// A cell's a[i] and a.length go through __sb.rows (kernel/runtime/tensor-rows.ts), which refuses a tensor's
// number key and length: what that costs a loop that sums a plain array and a Float64Array by index, against
// the same cell on a kernel that leaves them unchecked (KernelOptions.rowGuards: false, for this peer only).
// Likewise a call as a condition (if (even(i)), __sb.truth) and a spread into Math (Math.max(...a),
// __sb.mathSpread), which numpy-habits.ts routes through a check of their own (kernel/runtime/tensor-numbers.ts).
import { NodeKernelHost } from "../kernel/host/node.ts";
import { median } from "./timing.ts";

const cell = (n: number, checked: boolean) => `let s = 0\nfor (let i = 0; i < ${n}; i++) s = ${checked ? "s + i" : "s - -i"}\ns`;
/** reads of a plain array and a typed array by index, their lengths in the loop test (no checked operator: s - -x) */
const indexCell = `let s = 0\nfor (let i = 0; i < a.length; i++) s = s - -a[i]\nfor (let i = 0; i < f.length; i++) s = s - -f[i]\ns`;
/**
 * a call and a name as conditions (if (even(i)), flag = !flag: through __sb.truth) and a spread into Math
 * (Math.max(...a), through __sb.mathSpread)
 */
const conditionCell = (n: number) => `const even = (k: number) => k % 2 === 0\nconst a = [1, 2, 3]\nlet s = 0, flag = false\nfor (let i = 0; i < ${n}; i++) { flag = !flag; if (even(i) && flag) s = s - -Math.max(...a) }\ns`;
const indexData = (n: number) => `const a = Array.from({ length: ${n / 2} }, (_, i) => i % 7)\nconst f = Float64Array.from(a);`;

export interface RatioFigures { checkedMs: number; uncheckedMs: number; ratio: number }
export interface CellOperatorFigures extends RatioFigures {
  additions: number; rounds: number; index: RatioFigures & { reads: number }; conditions: RatioFigures & { calls: number };
}

export async function measureCellOperators(additions: number, rounds: number): Promise<CellOperatorFigures> {
  const host = new NodeKernelHost();
  const operators = await alternate(rounds, (checked) => host.execute(cell(additions, checked), { cellId: checked ? "checked" : "unchecked" }));
  const guarded = new NodeKernelHost(), unguarded = new NodeKernelHost({ rowGuards: false });
  for (const h of [guarded, unguarded]) await h.execute(indexData(additions), { cellId: "data" });
  // a round is short (~20 ms): three times the rounds, so a busy spell of the machine moves the median less
  const index = await alternate(rounds * 3, (checked) => (checked ? guarded : unguarded).execute(indexCell, { cellId: "sum" }));
  // a call's cost dominates this loop: a quarter of the iterations keeps a round as short as the index loop's
  const conditions = await alternate(rounds * 3, (checked) => (checked ? guarded : unguarded).execute(conditionCell(additions / 4), { cellId: "conditions" }));
  return { additions, rounds, ...operators, index: { reads: additions, ...index }, conditions: { calls: additions / 4, ...conditions } };
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
