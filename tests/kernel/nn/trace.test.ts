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

describe("a softmax/sigmoid output with a cross-entropy loss uses the fused, stable loss", () => {
  function classifier(activation: "softmax" | "sigmoid", units: number, loss: string) {
    np.random.seed(0);
    const m = nn.Sequential([nn.Dense(3, { activation: "tanh", inputShape: [2] }), nn.Dense(units, { activation })]);
    m.compile({ optimizer: "sgd", loss });
    return m;
  }

  for (const [loss, labels] of [["sparseCategoricalCrossentropy", [0, 2, 1, 2]], ["categoricalCrossentropy", np.oneHot([0, 2, 1, 2], 3)]] as const) {
    it(`${loss}: model.trace shows one loss step and one backward step ∂L/∂Z = (P - Y)/n, not softmax's backward`, () => {
      const X = np.array([[0.1, 0.2], [0.3, -0.4], [-0.5, 0.6], [0.7, 0.8]]);
      const t = classifier("softmax", 3, loss).trace(X, labels);
      const lossSteps = t.steps.filter((s) => s.phase === "loss");
      expect(lossSteps.map((s) => s.op)).toEqual(["softmaxCrossEntropy"]);
      expect(lossSteps[0].latex).toContain("\\operatorname{softmax}(Z^{[\\text{dense\\_2}]})");
      const backward = t.steps.filter((s) => s.phase === "backward");
      expect(backward[0].op).toBe("softmaxCrossEntropy.backward");
      expect(backward[0].name).toBe("dense_2/dZ");
      expect(backward[0].latex).toMatch(/= \\frac\{P - [Yy]\}\{n\},\\quad P = \\operatorname\{softmax\}\(Z\^\{\[\\text\{dense\\_2\}\]\}\),\\ n = 4$/);
      // nothing of softmax's own backward (exp, sum, div) is left between the loss and Z
      expect(backward.some((s) => /^(exp|div|sum|max|log)\.backward$/.test(s.op))).toBe(false);
    });
  }

  it("binaryCrossentropy with a sigmoid output: one backward step (σ(z) - y)/N", () => {
    const X = np.array([[0.1, 0.2], [0.3, -0.4], [-0.5, 0.6]]);
    const t = classifier("sigmoid", 1, "binaryCrossentropy").trace(X, [1, 0, 1]);
    expect(t.steps.filter((s) => s.phase === "loss").map((s) => s.op)).toEqual(["sigmoidBinaryCrossEntropy"]);
    const first = t.steps.find((s) => s.phase === "backward")!;
    expect([first.op, first.name]).toEqual(["sigmoidBinaryCrossEntropy.backward", "dense_2/dZ"]);
    expect(first.latex).toContain("\\frac{\\sigma(Z^{[\\text{dense\\_2}]}) - ");
  });

  it("logits of ±1e4: finite loss (the exact -log p, not Keras's clip at 16.1) and the gradients of (P - Y)/n", () => {
    for (const [activation, units, loss, y] of [["softmax", 3, "sparseCategoricalCrossentropy", [1, 0]], ["sigmoid", 1, "binaryCrossentropy", [0, 1]]] as const) {
      const m = classifier(activation, units, loss);
      const X = np.array([[1, 0], [0, 1]]);
      // A1 = tanh(±20) = ±1 (to 1e-17), so the last layer's logits are ±1e4, each example wrong
      m.layers[0].setWeights([np.array([[20, -20, 0], [-20, 20, 0]]), np.zeros([3])]);
      m.layers[1].setWeights([units === 3 ? np.array([[1e4, -1e4, 0], [0, 0, 0], [0, 0, 0]]) : np.array([[1e4], [0], [0]]), np.zeros([units])]);
      const t = m.trace(X, y);
      // softmax: each row loses z_max - z_y = 2e4; sigmoid: each row loses |z| = 1e4
      const expected = activation === "softmax" ? 2e4 : 1e4;
      expect(Math.abs(t.loss - expected) / expected, `${loss}: ${t.loss}`).toBeLessThan(1e-12);
      // dZ = (P - Y)/2 = ±0.5 per row; dW = A1ᵀ dZ
      const dW = (m.layers[1] as unknown as { kernel: { grad: { data: Float64Array } } }).kernel.grad.data;
      const want = units === 3 ? [1, -1, 0, -1, 1, 0, 0, 0, 0] : [1, -1, 0];
      expect(Array.from(dW).map((v) => Math.round(v * 1e12) / 1e12)).toEqual(want);
      for (const w of m.trainableWeights) expect(Array.from(w.grad!.data).every(Number.isFinite), "every gradient finite").toBe(true);
    }
  });
});
