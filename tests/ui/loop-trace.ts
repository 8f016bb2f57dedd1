// The smallest training loop a trace can show: L = Σ x ⊙ w, then w ← w - 0.1 ∂L/∂w, `passes` times.
import { np } from "../../kernel/np.ts";
import { traceOf } from "../../kernel/trace/active.ts";
import { summarizeTrace } from "../../kernel/runtime/trace-summary.ts";
import type { TraceSummary } from "../../kernel/protocol/values.ts";

export function loopTrace(passes = 2): TraceSummary {
  const x = np.array([1, 2]).named("x");
  const w = np.array([0.5, -1]).requiresGrad().named("w");
  return summarizeTrace(traceOf(() => {
    for (let i = 0; i < passes; i++) {
      x.mul(w).sum().named("L").backward();
      np.noGrad(() => w.assignSub(w.grad!.mul(0.1)));
      w.zeroGrad();
    }
  }), "loop");
}
