import { describe, expect, it } from "vitest";
import katex from "katex";
import { nn } from "../../../kernel/nn/index.ts";
import { np } from "../../../kernel/np.ts";
import { texName } from "../../../kernel/trace/tex.ts";

function model() {
  np.random.seed(0);
  const m = nn.Sequential([
    nn.Dense(4, { activation: "tanh", inputShape: [2] }),
    nn.Dropout(0.25, { seed: 1 }),
    nn.Dense(4, { activation: "relu", kernelRegularizer: nn.regularizers.l2(0.01) }),
    nn.BatchNormalization(),
    nn.Dense(2, { activation: "softmax" }),
  ]);
  m.compile({ optimizer: nn.optimizers.Adam({ learningRate: 0.01 }), loss: "sparseCategoricalCrossentropy" });
  return m;
}

describe("model.trace(X, y)", () => {
  it("records one training step with every intermediate named after its layer", () => {
    const { X, y } = nn.datasets.moons(8, { noise: 0.1, seed: 0 });
    const m = model();
    const before = m.getWeights()[0].copy();
    const t = m.trace(X, y);
    for (const name of ["dense_1/Z", "dense_1/A", "dense_1/dZ", "dense_1/dW", "dense_1/db", "dropout_1/mask", "dropout_1/A",
      "batch_normalization_1/mean", "batch_normalization_1/variance", "dense_2/kernel_regularizer", "loss", "dense_1/W/m", "dense_1/W"]) {
      expect(t.names, name).toContain(name);
    }
    const phases = new Set(t.steps.map((s) => s.phase));
    expect([...phases].sort()).toEqual(["backward", "forward", "loss", "update"]);
    // the step was real: the weights moved
    expect(np.allclose(before, m.getWeights()[0])).toBe(false);
    // the formulas read with the layer as a superscript, and are valid KaTeX
    const z = t.steps.find((s) => s.name === "dense_1/Z")!;
    expect(z.latex).toBe("Z^{[\\text{dense\\_1}]} = X W^{[\\text{dense\\_1}]} + b^{[\\text{dense\\_1}]}");
    for (const s of t.steps) expect(() => katex.renderToString(s.latex, { throwOnError: true }), s.latex).not.toThrow();
  });

  it("groups the steps by layer, in the order of the forward pass, then the loss and the optimiser", () => {
    const { X, y } = nn.datasets.moons(8, { noise: 0.1, seed: 0 });
    const groups = Object.keys(model().trace(X, y).byLayer);
    expect(groups).toEqual(["dense_1", "dropout_1", "dense_2", "batch_normalization_1", "dense_3", "loss", "optimizer"]);
  });

  it("texName writes a layer's tensor with the layer as a superscript", () => {
    expect(texName("dense_1/Z")).toBe("Z^{[\\text{dense\\_1}]}");
    expect(texName("dense_1/dW")).toBe("dW^{[\\text{dense\\_1}]}");
    expect(texName("Z1")).toBe("Z_{1}");
  });
});
