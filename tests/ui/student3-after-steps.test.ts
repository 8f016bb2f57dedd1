// Lesson 18's #conv-backward, stepped through by a student. conv1d's y = y + x[k:k+m] w[k]: the formula read
// y⁽¹⁾ = y⁽⁰⁾ + x[0:4] ⊙ w[0] and the graph's box y⁽¹⁾, but the step card's head read "→ y" and its output
// "y", a name no formula gives that value. And the by-hand gradient after the backward pass (lessons 8-18)
// read "backward add → dwByHand after line 4 of cell 2": "after" beside the line read as "after line 4",
// where the step ran at line 4, and the graph lit no node without saying why. The card now calls the
// value y⁽¹⁾, the after-work says what it follows ("after the backward pass"), and the graph's caption
// says that such a step is not drawn in it. The total ∂L/∂w = (via yOut) + (via y⁽²⁾) + (via y⁽¹⁾), the
// step where the sum over positions of @eq-conv-grad happens, lit no node (w is read as a copy, another
// id); it lights w now, as lesson 13's total lights z and lesson 9's the op that made e^{Z - max Z}.
import { describe, expect, it } from "vitest";
import { np } from "../../kernel/np.ts";
import { traceOf } from "../../kernel/trace/active.ts";
import { summarizeTrace } from "../../kernel/runtime/trace-summary.ts";
import type { TraceSummary } from "../../kernel/protocol/values.ts";
import { traceGraphSvg } from "../../ui/components/trace-graph-svg.ts";
import "../../ui/components/sb-trace-view.ts";

/** lesson 18's convolution and its backward pass, then dw by hand (a gradient's name after backward) */
function convTrace(): TraceSummary {
  const x = np.array([1, 2, -1, 0.5, 3, -2]).named("x");
  const w = np.array([0.5, -0.2, 0.3]).requiresGrad().named("w");
  const dy = np.array([1, -1, 0.5, 2]).named("dy");
  return summarizeTrace(traceOf(() => {
    let y = np.zeros([4]).named("y");
    for (let k = 0; k < 3; k++) y = y.add(x.slice(`${k}:${k + 4}`).mul(w.slice(k))).named("y");
    y.mul(dy).sum().backward();
    x.slice("0:3").mul(dy.slice(0)).add(x.slice("1:4").mul(dy.slice(1))).named("dwByHand");
  }), "conv-backward");
}

async function card(trace: TraceSummary, index: number): Promise<HTMLElement> {
  const el = document.createElement("sb-trace-view") as HTMLElement & { updateComplete: Promise<unknown> };
  Object.assign(el, { cellId: "conv-backward", trace, index });
  document.body.replaceChildren(el);
  await el.updateComplete;
  return el;
}

describe("the step card of a by-hand backward pass", () => {
  it("a value of a name reassigned from itself is called as its formula calls it: → y⁽¹⁾, output y⁽¹⁾", async () => {
    const t = convTrace();
    const first = t.records.findIndex((r) => r.op === "add" && r.phase === "forward");
    expect(t.records[first]!.latex).toMatch(/^\{y\}\^\{\(1\)\} = /);
    const el = await card(t, first);
    expect(el.querySelector(".step-name")!.textContent).toBe("→ y⁽¹⁾");
    expect(el.querySelector(".step-output sb-tensor-view")!.getAttribute("label")).toBe("y⁽¹⁾");
    // the last value keeps its plain name, as its formula writes it (y = y⁽²⁾ + ...)
    const last = t.records.map((r) => r.op === "add" && r.phase === "forward").lastIndexOf(true);
    expect(t.records[last]!.latex).toMatch(/^y = /);
    expect((await card(t, last)).querySelector(".step-name")!.textContent).toBe("→ y");
  });

  it("a step after the backward pass says so, not a bare 'after' beside its line; the graph's caption says it is not drawn there", async () => {
    const t = convTrace();
    const byHand = t.records.length - 1;
    expect(t.records[byHand]).toMatchObject({ group: "after", phase: "backward", name: "dwByHand" });
    const el = await card(t, byHand);
    expect(el.querySelector(".step-epoch")!.textContent).toBe("after the backward pass");
    expect(el.querySelector("figure.trace-graph figcaption")!.textContent).toContain("This step comes after the backward pass: it is not drawn in the graph.");
    expect(el.querySelectorAll("figure.trace-graph .graph-node.current")).toHaveLength(0);
    // a step of the pass itself is in the graph: its caption has no such sentence
    const pass = await card(t, 0);
    expect(pass.querySelector(".step-epoch")!.textContent).toBe("forward and backward pass");
    expect(pass.querySelector("figure.trace-graph figcaption")!.textContent).not.toContain("This step");
  });

  it("the total of a gradient's parts lights the tensor it sums into: w (a parameter, read as a copy), or the op of an unnamed one", () => {
    const lit = (t: TraceSummary, i: number) => [...traceGraphSvg(t, i).matchAll(/class="graph-node [^"]*current"[^>]*aria-label="([^"]*)"/g)].map((m) => m[1]);
    const t = convTrace();
    const total = t.records.findIndex((r) => r.op === "total");
    expect(t.records[total]!.name).toBe("dw");
    expect(lit(t, total)).toEqual(["w (3), go to step 2"]);
    // softmax written out by hand, e^Z / Σ e^Z: the unnamed e^Z feeds the quotient and the sum; its total lights
    // the op that made it (Z.softmax() is one op, with no total)
    const Z = np.array([[2, -0.079, -0.079], [0.5, 1.5, -1]]).requiresGrad().named("Z");
    const Y = np.oneHot(np.array([0, 2]), 3).named("Y");
    const soft = summarizeTrace(traceOf(() => {
      const e = Z.exp(); // unnamed: only the runtime names a cell's variables
      const P = e.div(e.sum({ axis: 1, keepdims: true })).named("P");
      Y.mul(P.log()).sum({ axis: 1 }).mean().neg().named("L").backward();
    }), "grad-check");
    const sum = soft.records.findIndex((r) => r.op === "total");
    expect(sum).toBeGreaterThan(0);
    expect(lit(soft, sum)).toHaveLength(1);
    expect(lit(soft, sum)[0]).toMatch(/exp/);
  });
});
