import { describe, expect, it } from "vitest";
import { nn } from "../../../kernel/nn/index.ts";
import { np } from "../../../kernel/np.ts";
import { Tensor } from "../../../kernel/tensor/tensor.ts";
import { Dense } from "../../../kernel/nn/layers/dense.ts";
import { BatchNormalization } from "../../../kernel/nn/layers/batch-normalization.ts";
import type { Sequential } from "../../../kernel/nn/sequential.ts";

/** gradcheck a whole model: the loss as a function of every trainable weight. */
function gradcheckModel(model: Sequential, X: Tensor, y: Tensor, loss: (y: Tensor, p: Tensor) => Tensor) {
  const slots: [object, string][] = [];
  for (const layer of model.layers) {
    if (layer instanceof Dense) slots.push([layer, "kernel"], [layer, "bias"]);
    if (layer instanceof BatchNormalization) slots.push([layer, "gamma"], [layer, "beta"]);
  }
  const inputs = slots.map(([l, k]) => (l as Record<string, Tensor>)[k]);
  const fn = (...ws: Tensor[]) => {
    slots.forEach(([l, k], i) => ((l as Record<string, Tensor>)[k] = ws[i]));
    const out = loss(y, model.apply(X, { training: true }));
    slots.forEach(([l, k], i) => ((l as Record<string, Tensor>)[k] = inputs[i]));
    return out;
  };
  return np.gradcheck(fn, inputs);
}

describe("gradcheck of small models (central differences)", () => {
  it("Dense tanh -> BatchNormalization -> Dense softmax with sparse cross-entropy", () => {
    np.random.seed(4);
    const model = nn.Sequential([nn.Dense(5, { activation: "tanh", inputShape: [3] }), nn.BatchNormalization(), nn.Dense(3, { activation: "softmax" })]);
    const X = np.random.randn(6, 3), y = np.array([0, 1, 2, 1, 0, 2]);
    const r = gradcheckModel(model, X, y, nn.losses.sparseCategoricalCrossentropy());
    expect(r.ok, JSON.stringify(r.inputs)).toBe(true);
  });

  it("Dense elu -> Dense leakyRelu -> Dense sigmoid with binary cross-entropy and l1l2 terms", () => {
    np.random.seed(5);
    const reg = nn.regularizers.l1l2({ l1: 0.01, l2: 0.02 });
    const model = nn.Sequential([nn.Dense(4, { activation: "elu", inputShape: [2], kernelRegularizer: reg }), nn.Dense(4, { activation: "leakyRelu" }), nn.Dense(1, { activation: "sigmoid" })]);
    const X = np.random.randn(5, 2), y = np.array([[0], [1], [1], [0], [1]]);
    const bce = nn.losses.binaryCrossentropy();
    const r = gradcheckModel(model, X, y, (yy, p) => bce(yy, p).add(model.regularizationLosses()[0].value));
    expect(r.ok, JSON.stringify(r.inputs)).toBe(true);
  });
});

describe("Dropout", () => {
  it("inverted dropout: a named, seeded mask of 0 and 1/(1-rate) in training; identity in predict", () => {
    const make = () => nn.Sequential([nn.Dense(50, { inputShape: [4], seed: 1 }), nn.Dropout(0.4, { seed: 7 })]);
    const model = make();
    const X = np.ones([20, 4]);
    const train = model.apply(X, { training: true });
    const drop = model.layers[1];
    const mask = drop.intermediates.mask;
    expect(mask.name).toBe("dropout_1/mask");
    const values = new Set(Array.from(mask.data));
    expect([...values].sort()).toEqual([0, 1 / 0.6]);
    const kept = Array.from(mask.data).filter((v) => v > 0).length / mask.size;
    expect(kept).toBeGreaterThan(0.5);
    expect(kept).toBeLessThan(0.7);
    const z = model.layers[0].output!;
    expect(Array.from(train.data)).toEqual(Array.from(z.data, (v, i) => v * mask.data[i]));
    // the same seed, the same mask
    const again = make();
    again.apply(X, { training: true });
    expect(Array.from(again.layers[1].intermediates.mask.data)).toEqual(Array.from(mask.data));
    // off in predict and evaluate
    expect(Array.from(model.predict(X).data)).toEqual(Array.from(model.layers[0].output!.data));
  });

  it("its gradient is the mask", () => {
    const d = nn.Dropout(0.5, { seed: 3 });
    const X = np.random.randn(4, 6).requiresGrad();
    d.apply(X, { training: true }).sum().backward();
    expect(Array.from(X.grad!.data)).toEqual(Array.from(d.intermediates.mask.data));
  });
});

describe("GaussianNoise, Flatten, Activation", () => {
  it("GaussianNoise adds seeded N(0, s²) noise in training only", () => {
    const g = nn.GaussianNoise(0.5, { seed: 2 });
    const X = np.zeros([400, 5]);
    const noisy = g.apply(X, { training: true });
    expect(np.std(noisy).item()).toBeGreaterThan(0.45);
    expect(np.std(noisy).item()).toBeLessThan(0.55);
    expect(g.intermediates.noise.name).toBe("GaussianNoise/noise");
    expect(g.apply(X, { training: false })).toBe(X);
  });

  it("Flatten turns (N, 8, 8) into (N, 64), and Dense after it builds from that", () => {
    const model = nn.Sequential([nn.Flatten({ inputShape: [8, 8] }), nn.Dense(10)]);
    expect(model.predict(nn.datasets.digits().images.slice("0:3")).shape).toEqual([3, 10]);
    expect(model.countParams()).toBe(650);
  });

  it("Activation layers and nn.activations compute the named functions", () => {
    const z = np.array([[-2, -0.5, 0.5, 2]]);
    const expectClose = (a: Tensor, b: number[]) => a.data.forEach((v, i) => expect(v).toBeCloseTo(b[i], 14));
    expectClose(nn.Activation("leakyRelu").apply(z), [-0.4, -0.1, 0.5, 2]);
    expectClose(nn.Activation("elu").apply(z), [Math.expm1(-2), Math.expm1(-0.5), 0.5, 2]);
    expectClose(nn.activations.relu(z), [0, 0, 0.5, 2]);
    expect(np.sum(nn.Activation("softmax").apply(z)).item()).toBeCloseTo(1, 15);
  });
});

describe("regularisers", () => {
  it("add named terms to the loss: l2 = λ ΣW², l1 = λ Σ|W|", async () => {
    const model = nn.Sequential([nn.Dense(2, { inputShape: [2], kernelRegularizer: nn.regularizers.l2(0.1), biasRegularizer: nn.regularizers.l1(0.5) })]);
    model.setWeights([np.array([[1, -2], [3, 0]]), np.array([1, -1])]);
    const terms = model.regularizationLosses();
    expect(terms.map((t) => t.name)).toEqual(["dense_1/kernel_regularizer", "dense_1/bias_regularizer"]);
    expect(terms[0].value.item()).toBeCloseTo(0.1 * 14, 14);
    expect(terms[1].value.item()).toBe(1);
    model.compile({ optimizer: nn.optimizers.SGD({ learningRate: 0 }), loss: "mse" });
    const X = np.array([[0, 0]]), y = np.array([[1, -1]]);
    // loss = data loss (0 here: the bias already predicts y) + both terms, as Keras reports it
    expect(model.evaluate(X, y).loss).toBeCloseTo(1.4 + 1, 14);
  });
});
