// Every step of the forward pass and the loss lights one node of the graph. A run of unnamed ops shown
// as one node ("4 ops: sub pow sum div", lesson 4's loss) lit nothing at its later steps: only the op
// that began the run knew its step, so stepping through pow and sum the graph showed no current step.
import { describe, expect, it } from "vitest";
import { np } from "../../kernel/np.ts";
import { traceOf } from "../../kernel/trace/active.ts";
import { summarizeTrace } from "../../kernel/runtime/trace-summary.ts";
import { traceGraphSvg } from "../../ui/components/trace-graph-svg.ts";
import { loopTrace } from "./loop-trace.ts";

/** lesson 4's forward pass and loss, small: two tanh layers, then mean((Y - Yhat)^2) as one run of ops. */
function lesson4Trace() {
  np.random.seed(0);
  const X = np.random.randn(4, 2).named("X");
  const Y = np.random.randn(4, 1).named("Y");
  const W1 = np.random.randn(2, 2).requiresGrad().named("W1");
  const W2 = np.random.randn(2, 1).requiresGrad().named("W2");
  return summarizeTrace(traceOf(() => {
    const A1 = X.matmul(W1).tanh().named("A1");
    const Yhat = A1.matmul(W2).named("Yhat");
    Y.sub(Yhat).square().mean().named("L");
  }), "forward");
}

/** the aria-labels of the nodes lit at step `i`. */
const lit = (svg: string) => [...svg.matchAll(/class="graph-node [^"]*current"[^>]*aria-label="([^"]*)"/g)].map((m) => m[1]);

describe("the graph's current node", () => {
  it("one node is lit at every forward and loss step, the folded run's node at each of its ops", () => {
    const t = lesson4Trace();
    const ops = t.records.map((r) => r.op);
    expect(ops.slice(-4).join(" ")).toMatch(/^sub (pow|square) (sum|mean)/);
    const missing = t.records.map((r, i) => ({ i, op: r.op, lit: lit(traceGraphSvg(t, i)) })).filter((s) => s.lit.length !== 1);
    expect(missing).toEqual([]);
    // the run's ops after its first light the run's node
    const runNode = lit(traceGraphSvg(t, ops.lastIndexOf("sub")))[0];
    expect(runNode).toMatch(/ops: sub/);
    expect(lit(traceGraphSvg(t, ops.lastIndexOf("sub") + 1))).toEqual([runNode]);
  });
});

describe("the graph's current node in the backward pass", () => {
  it("a gradient into an unnamed tensor lights the op that made it (div, sum, pow and add of lesson 8 lit nothing)", () => {
    np.random.seed(1);
    const X = np.random.randn(4, 2).named("X");
    const Y = np.random.randn(4, 1).named("Y");
    const W1 = np.random.randn(2, 3).requiresGrad().named("W1");
    const b1 = np.zeros([1, 3]).requiresGrad().named("b1");
    const W2 = np.random.randn(3, 1).requiresGrad().named("W2");
    const t = summarizeTrace(traceOf(() => {
      const Z1 = X.matmul(W1).add(b1).named("Z1");
      const A1 = Z1.tanh().named("A1");
      const Yhat = A1.matmul(W2).named("Yhat");
      Yhat.sub(Y).square().mean().named("L").backward();
    }), "forward");
    const backward = t.records.map((r, i) => ({ r, i })).filter(({ r }) => r.phase === "backward");
    expect(backward.length).toBeGreaterThan(5);
    const unlit = backward.filter(({ i }) => lit(traceGraphSvg(t, i)).length !== 1).map(({ r }) => `${r.op}${r.name ? ` -> ${r.name}` : ""}`);
    expect(unlit).toEqual([]);
    // Z1 = X W1 + b1: the gradient into the matmul's result lights the matmul
    const intoMatmul = backward.find(({ r }) => r.op === "add.backward" && r.grads?.[0]?.intoName === null);
    expect(intoMatmul).toBeDefined();
    expect(lit(traceGraphSvg(t, intoMatmul!.i))[0]).toMatch(/^@: matmul/);
  });
});

describe("the graph's current node in the backward pass of a graph with closed groups", () => {
  it("a gradient into an unnamed tensor inside a closed composite lights that group (lesson 6's deep cell: 22 of 74 steps lit nothing)", () => {
    // lesson 6's hand-written neurons: each named tensor made by several ops closes into one node
    const x1 = np.array([0.5, -1, 2]).named("x1"), x2 = np.array([1, 0.5, -0.5]).named("x2"), y = np.array([1, 0, 1]).named("y");
    const [w1, w2, w3, w4, b1, b2, w5, w6, b3] = [0.1, -0.2, 0.3, 0.4, 0.0, 0.1, 0.5, -0.6, 0.2].map((v, k) => np.array(v).requiresGrad().named(["w1", "w2", "w3", "w4", "b1", "b2", "w5", "w6", "b3"][k]!));
    const t = summarizeTrace(traceOf(() => {
      const N1 = w1!.mul(x1).add(w2!.mul(x2)).add(b1!).tanh().named("N1");
      const N2 = w3!.mul(x1).add(w4!.mul(x2)).add(b2!).tanh().named("N2");
      const yhat = w5!.mul(N1).add(w6!.mul(N2)).add(b3!).named("yhat");
      yhat.sub(y).square().mean().named("L").backward();
    }), "neurons");
    expect(traceGraphSvg(t, 0)).toContain('class="graph-node group');
    const backward = t.records.map((r, i) => ({ r, i })).filter(({ r }) => r.phase === "backward" && r.grads?.length);
    const unlit = backward.filter(({ i }) => lit(traceGraphSvg(t, i)).length !== 1).map(({ r }) => r.op);
    expect(unlit).toEqual([]);
  });
});

describe("the graph's current node at a gradient total", () => {
  it("∂L/∂N_1 = via N_3 + via N_4 lights N_1, and its edge carries the total (lesson 6's deep cell: the two totals lit nothing)", () => {
    const x = np.array([0.5, -1]).named("x"), y = np.array([1, 0]).named("y");
    const [w1, w3, w4] = [0.3, -0.5, 0.8].map((v, k) => np.array(v).requiresGrad().named(["w1", "w3", "w4"][k]!));
    const t = summarizeTrace(traceOf(() => {
      const N1 = w1!.mul(x).tanh().named("N1");
      const N3 = w3!.mul(N1).tanh().named("N3");
      const N4 = w4!.mul(N1).tanh().named("N4");
      N3.add(N4).sub(y).square().mean().named("L").backward();
    }), "deep");
    const total = t.records.findIndex((r) => r.op === "total");
    expect(t.records[total]).toMatchObject({ name: "dN1" });
    expect(lit(traceGraphSvg(t, total))).toEqual([expect.stringMatching(/^N1 /)]);
    // the edge into N1 carries the total; the edges out of it carry a part each, so not the total
    const grads = [...traceGraphSvg(t, total).matchAll(/class="graph-grad"[^>]*>([^<]*)</g)].map((m) => m[1]);
    expect(grads.filter((g) => g === "dN1")).toHaveLength(1);
  });
});

describe("the graph's current node at an update", () => {
  it("lights the parameter the update changes (lesson 9's four updates per iteration lit nothing)", () => {
    const t = loopTrace(2);
    const updates = t.records.map((r, i) => ({ r, i })).filter(({ r }) => r.phase === "update" && r.name === "w");
    expect(updates.length).toBeGreaterThan(0);
    for (const { i } of updates) expect(lit(traceGraphSvg(t, i))).toEqual([expect.stringMatching(/^w /)]);
  });
});
