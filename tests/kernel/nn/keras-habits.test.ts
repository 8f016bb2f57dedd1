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
