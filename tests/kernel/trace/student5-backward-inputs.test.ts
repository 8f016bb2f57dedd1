// A backward step lists what its op read (the upstream gradient and the op's inputs). Lesson 5's dw step
// showed w = 1.4925 among its inputs, the value after the update, while the forward pass (and the
// update's own input) had read w = 0: a parameter updated in place was copied for the forward steps
// that read it (beforeUpdate), not for the backward steps. Every step now shows what it read.
import { afterEach, describe, expect, it } from "vitest";
import { np } from "../../../kernel/np.ts";
import { stopTrace, traceOf } from "../../../kernel/trace/active.ts";
import { traceToJSON } from "../../../kernel/trace/serialize.ts";

afterEach(() => {
  stopTrace();
});

describe("a backward step's inputs are the values its op read", () => {
  it("lesson 5's step: dw lists w = 0, the value x ⊙ w read, not w after the update", () => {
    const x = np.array([1, 2, 3, 4]).named("x");
    const y = np.array([2.1, 3.9, 6.2, 7.8]).named("y");
    const w = np.array(0).requiresGrad().named("w");
    const trace = traceOf(() => {
      const L = y.sub(x.mul(w)).square().mean().named("L");
      L.backward();
      np.noGrad(() => w.assignSub(w.grad!.mul(0.05)));
    });
    expect(w.item()).toBeCloseTo(1.4925, 12);
    const raw = trace.rawSteps();
    const dw = raw.find((s) => s.phase === "backward" && s.grad?.into === w)!;
    const read = dw.inputs.find((t) => t.name === "w" || t === w)!;
    expect(read).toBeDefined();
    expect(read.item()).toBe(0);
    // the forward step that read w and this backward step read one tensor (one value in the export)
    const forward = raw.find((s) => s.op === "mul" && s.phase !== "backward")!;
    expect(dw.inputs).toContain(forward.inputs[1]);
    const json = traceToJSON(trace);
    const record = json.steps.find((s) => s.step === dw.step)!;
    expect(record.inputs.map((id) => json.values![id]?.data)).toContainEqual([0]);
  });

  it("a matrix weight: dX of X W lists W as it was in the forward pass, in every kept epoch", () => {
    np.random.seed(3);
    const X = np.random.randn(5, 2).requiresGrad().named("X");
    const W = np.random.randn(2, 3).requiresGrad().named("W");
    const seen: number[][] = [];
    const trace = traceOf(() => {
      for (let e = 0; e < 3; e++) {
        seen.push(Array.from(W.data));
        X.matmul(W).tanh().sum().named("L").backward();
        np.noGrad(() => W.assignSub(W.grad!.mul(0.1)));
        W.zeroGrad();
        X.zeroGrad();
      }
    });
    const dXs = trace.rawSteps().filter((s) => s.phase === "backward" && s.grad?.into === X);
    expect(dXs.length).toBe(3);
    dXs.forEach((s, e) => expect(Array.from(s.inputs[2]!.data)).toEqual(seen[e]));
  });
});
