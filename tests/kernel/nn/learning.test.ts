// Learning tests: real training runs that must reach a level (not timed; small enough for 2 cores).
import { describe, expect, it } from "vitest";
import { nn } from "../../../kernel/nn/index.ts";
import { np } from "../../../kernel/np.ts";

describe("nn learns", () => {
  it("a 2-16-16-2 model reaches >= 97% validation accuracy on moons (noise 0.15)", async () => {
    np.random.seed(0);
    const { X, y } = nn.datasets.moons(500, { noise: 0.15, seed: 0 });
    const [Xtr, Xva, ytr, yva] = nn.trainTestSplit(X, y, { testSize: 0.2, seed: 0 });
    const model = nn.Sequential([nn.Dense(16, { activation: "relu", inputShape: [2] }), nn.Dense(16, { activation: "relu" }), nn.Dense(2, { activation: "softmax" })]);
    model.compile({ optimizer: nn.optimizers.Adam({ learningRate: 0.01 }), loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"] });
    const history = await model.fit(Xtr, ytr, { epochs: 50, batchSize: 32, validationData: [Xva, yva], verbose: 0 });
    expect(history.history.val_accuracy.length).toBe(50);
    expect(model.evaluate(Xva, yva).accuracy).toBeGreaterThanOrEqual(0.97);
  }, 120_000);

  it("a 64-32-10 model reaches >= 95% on held-out digits", async () => {
    np.random.seed(0);
    const { X, y } = nn.datasets.digits();
    const [Xtr, Xte, ytr, yte] = nn.trainTestSplit(X.div(16), y, { testSize: 0.25, seed: 0 });
    const model = nn.Sequential([nn.Dense(32, { activation: "relu", inputShape: [64] }), nn.Dense(10, { activation: "softmax" })]);
    model.compile({ optimizer: nn.optimizers.Adam({ learningRate: 0.01 }), loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"] });
    await model.fit(Xtr, ytr, { epochs: 15, batchSize: 32, verbose: 0 });
    expect(model.evaluate(Xte, yte).accuracy).toBeGreaterThanOrEqual(0.95);
  }, 120_000);

  it("a 64-16-2-16-64 autoencoder's reconstruction error falls by >= 5x", async () => {
    np.random.seed(0);
    const Xs = nn.datasets.digits().X.div(16);
    const model = nn.Sequential([nn.Dense(16, { activation: "tanh", inputShape: [64] }), nn.Dense(2), nn.Dense(16, { activation: "tanh" }), nn.Dense(64)]);
    model.compile({ optimizer: nn.optimizers.Adam({ learningRate: 0.01 }), loss: "mse" });
    const before = model.evaluate(Xs, Xs).loss;
    await model.fit(Xs, Xs, { epochs: 20, batchSize: 64, verbose: 0 });
    expect(before / model.evaluate(Xs, Xs).loss).toBeGreaterThanOrEqual(5);
  }, 120_000);
});
