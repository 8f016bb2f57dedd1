// What a Keras user writes by habit: Keras's result, or an error that says what to write instead.
import { describe, expect, it } from "vitest";
import { nn } from "../../../kernel/nn/index.ts";
import { np } from "../../../kernel/np.ts";

describe("activations as Keras takes them", () => {
  it("a function from nn.activations is that activation (Keras: activation=keras.activations.relu)", () => {
    const byFn = nn.Dense(3, { activation: nn.activations.relu, inputShape: [2], seed: 1 });
    const byName = nn.Dense(3, { activation: "relu", inputShape: [2], seed: 1 });
    expect(byFn.activation.name).toBe("relu");
    const X = np.array([[1, -2], [-3, 0.5]]);
    expect(byFn.apply(X).toArray()).toEqual(byName.apply(X).toArray());
    expect(nn.Activation(nn.activations.tanh).activation.name).toBe("tanh");
    expect(byFn.getConfig().activation).toBe("relu");
  });

  it("Keras 3's snake_case name leaky_relu is leakyRelu", () => {
    expect(nn.Dense(3, { activation: "leaky_relu" as never }).activation.name).toBe("leakyRelu");
  });

  it("a function of one's own is refused with what to write, not printed as its source", () => {
    expect(() => nn.Dense(3, { activation: ((z: never) => z) as never })).toThrow(
      "nn.Dense: an activation is one of nn.activations or its name (known: linear, tanh, sigmoid, relu, leakyRelu, elu, softmax); for a function of your own, apply it to the layer's output");
    expect(() => nn.Dense(3, { activation: "relU" as never })).toThrow('nn.Dense: unknown activation "relU" (known: ');
  });
});

describe("predict on one example", () => {
  it("a single row without the batch axis says so and what to write, not '(None, )'", () => {
    const model = nn.Sequential([nn.Dense(2, { inputShape: [4], seed: 1 })]);
    expect(() => model.predict(np.array([1, 2, 3, 4]))).toThrow(
      'expects inputs of shape (None, 4), got one example of shape (4,) without the batch axis; for a batch of one write x.reshape(1, -1)');
    expect(model.predict(np.array([1, 2, 3, 4]).reshape(1, -1)).shape).toEqual([1, 2]);
    expect(() => model.predict(np.ones([3, 5]))).toThrow('Dense "dense_1": expects inputs of shape (None, 4), got (None, 5)');
  });
});

describe("errors name a nested model's layer by its path", () => {
  it("lesson 16's decoder given the images: 'decoder/dense_1' (the encoder has a dense_1 too, which does take 64)", () => {
    const encoder = nn.Sequential([nn.Dense(16, { inputShape: [64], seed: 1 }), nn.Dense(2, { seed: 2 })], { name: "encoder" });
    const decoder = nn.Sequential([nn.Dense(16, { inputShape: [2], seed: 3 }), nn.Dense(64, { seed: 4 })], { name: "decoder" });
    nn.Sequential([encoder, decoder]);
    expect(() => decoder.predict(np.ones([3, 64]))).toThrow('Dense "decoder/dense_1": expects inputs of shape (None, 2), got (None, 64)');
    expect(encoder.predict(np.ones([3, 64])).shape).toEqual([3, 2]);
  });
});

describe("model.fit(...) without await (Keras's fit is synchronous; here it is a Promise)", () => {
  const data = () => nn.datasets.moons(400, { noise: 0.2, seed: 0 });
  const model = () => {
    const m = nn.Sequential([nn.Dense(8, { activation: "relu", inputShape: [2], seed: 1 }), nn.Dense(1, { activation: "sigmoid", seed: 2 })]);
    m.compile({ optimizer: "adam", loss: "binaryCrossentropy", metrics: ["accuracy"] });
    return m;
  };
  const AWAIT = "write `const history = await model.fit(...)`";

  it("reading the History off the Promise says to await it", async () => {
    const { X, y } = data();
    const m = model();
    const pending = m.fit(X, y, { epochs: 1, verbose: 0 });
    expect(() => (pending as unknown as { history: unknown }).history).toThrow(`history: model.fit(...) returns a Promise of the History, not the History; ${AWAIT}`);
    expect(() => (pending as unknown as { plot: unknown }).plot).toThrow(AWAIT);
    const history = await pending;
    expect(history.history.loss).toHaveLength(1);
  });

  it("evaluate, predict or another fit while an unawaited fit is still running is refused, not run on half-trained weights", async () => {
    const { X, y } = data();
    const m = model();
    // a callback makes fit wait at its first await, as a long fit does when it yields to the kernel
    const pending = m.fit(X, y, { epochs: 3, verbose: 0, callbacks: [nn.callbacks.LambdaCallback({ onEpochEnd: () => undefined })] });
    expect(() => m.evaluate(X, y)).toThrow(`evaluate: the model is still training: a model.fit(...) without await is running; ${AWAIT}`);
    expect(() => m.predict(X)).toThrow("predict: the model is still training");
    expect(() => m.fit(X, y, { epochs: 1, verbose: 0 })).toThrow("fit: the model is still training");
    await pending;
    expect(m.evaluate(X, y).loss).toBeGreaterThan(0);
    expect(m.predict(X).shape).toEqual([400, 1]);
  });

  it("fit's own callbacks may use the model while it trains (a live plot of predictions each epoch)", async () => {
    const { X, y } = data();
    const m = model();
    const seen: number[] = [];
    await m.fit(X, y, { epochs: 2, verbose: 0, callbacks: [nn.callbacks.LambdaCallback({ onEpochEnd: () => { seen.push(m.predict(X).shape[0]); } })] });
    expect(seen).toEqual([400, 400]);
  });

  it("a fit that fails leaves the model usable", async () => {
    const { X, y } = data();
    const m = model();
    await expect(m.fit(X, y, { epochs: 1, verbose: 0, callbacks: [nn.callbacks.LambdaCallback({ onEpochEnd: () => { throw new Error("boom"); } })] })).rejects.toThrow("boom");
    expect(m.predict(X).shape).toEqual([400, 1]);
  });
});

describe("Keras's paths", () => {
  it("nn.layers.Dense and nn.models.Sequential, as keras.layers.Dense and keras.models.Sequential (they were undefined)", () => {
    const model = nn.models.Sequential([nn.layers.Dense(4, { activation: "relu", inputShape: [2], seed: 1 }), nn.layers.Dropout(0.1), nn.layers.Dense(1)]);
    expect(model.layers.map((l) => l.className)).toEqual(["Dense", "Dropout", "Dense"]);
    expect(model.predict(np.ones([3, 2])).shape).toEqual([3, 1]);
    expect(Object.keys(nn.layers).sort()).toEqual(["Activation", "BatchNormalization", "Dense", "Dropout", "Flatten", "GaussianNoise"]);
  });
});
