import { describe, expect, it } from "vitest";
import { nn } from "../../../kernel/nn/index.ts";
import { np } from "../../../kernel/np.ts";
import { Tensor } from "../../../kernel/tensor/tensor.ts";

function xorData() {
  return { X: np.array([[0, 0], [0, 1], [1, 0], [1, 1]]), y: np.array([[0], [1], [1], [0]]) };
}

describe("nn.Sequential", () => {
  it("names layers as Keras does, per model, and builds from the first layer's inputShape", () => {
    const model = nn.Sequential([nn.Dense(16, { activation: "tanh", inputShape: [2] }), nn.Dropout(0.1), nn.Dense(16), nn.BatchNormalization(), nn.Dense(2, { activation: "softmax" })]);
    expect(model.layers.map((l) => l.name)).toEqual(["dense_1", "dropout_1", "dense_2", "batch_normalization_1", "dense_3"]);
    expect(model.built).toBe(true);
    expect(model.countParams()).toBe(48 + 272 + 64 + 34);
    expect(model.trainableWeights.length).toBe(2 + 2 + 2 + 2);
  });

  it("summary() prints the Keras table: layer (type), output shape, params, totals", () => {
    const model = nn.Sequential([nn.Dense(16, { activation: "tanh", inputShape: [2] }), nn.BatchNormalization(), nn.Dense(2, { activation: "softmax" })]);
    let text = "";
    model.summary({ printFn: (t) => (text = t) });
    expect(text).toContain('Model: "sequential"');
    const lines = text.split("\n");
    expect(lines[2]).toMatch(/^ Layer \(type\)\s+Output Shape\s+Param #$/);
    expect(lines[3]).toMatch(/^=+$/);
    expect(text).toMatch(/\n dense_1 \(Dense\)\s+\(None, 16\)\s+48\n/);
    expect(text).toMatch(/\n batch_normalization_1 \(BatchNormalization\)\s+\(None, 16\)\s+64\n/);
    expect(text).toMatch(/\n dense_2 \(Dense\)\s+\(None, 2\)\s+34\n/);
    // the columns line up: every shape starts where the header's "Output Shape" does
    const col = lines[2].indexOf("Output Shape");
    for (const l of lines.filter((l) => l.includes("(None,"))) expect(l.indexOf("(None,")).toBe(col);
    expect(text).toContain("Total params: 146 (1.14 KB)");
    expect(text).toContain("Trainable params: 114 (912.00 B)");
    expect(text).toContain("Non-trainable params: 32 (256.00 B)");
  });

  it("the same seed gives the same initial weights; glorotUniform stays within its limit", () => {
    np.random.seed(3);
    const a = nn.Sequential([nn.Dense(4, { inputShape: [3] })]).getWeights();
    np.random.seed(3);
    const b = nn.Sequential([nn.Dense(4, { inputShape: [3] })]).getWeights();
    expect(Array.from(a[0].data)).toEqual(Array.from(b[0].data));
    const limit = Math.sqrt(6 / 7);
    expect(Math.max(...a[0].data.map(Math.abs))).toBeLessThanOrEqual(limit);
    expect(Array.from(a[1].data)).toEqual([0, 0, 0, 0]);
    const c = nn.Sequential([nn.Dense(4, { inputShape: [3], seed: 5 })]).getWeights();
    const d = nn.Sequential([nn.Dense(4, { inputShape: [3], seed: 5 })]).getWeights();
    expect(Array.from(c[0].data)).toEqual(Array.from(d[0].data));
  });

  it("getWeights returns copies; setWeights writes values in place and checks shapes", () => {
    const model = nn.Sequential([nn.Dense(2, { inputShape: [2] })]);
    const ws = model.getWeights();
    ws[0].data[0] = 123;
    expect(model.getWeights()[0].data[0]).not.toBe(123);
    model.setWeights([np.array([[1, 2], [3, 4]]), np.array([10, 20])]);
    expect(model.predict(np.array([[1, 1]])).toArray()).toEqual([[14, 26]]);
    expect(() => model.setWeights([np.ones([3, 2]), np.ones([2])])).toThrow(/weight 0 has shape \(2, 2\), got \(3, 2\)/);
  });

  it("layer.output and the named intermediates hold the last forward pass", () => {
    const model = nn.Sequential([nn.Dense(3, { activation: "relu", inputShape: [2] }), nn.Dense(1)]);
    const out = model.predict(np.array([[1, -1], [0.5, 2]]));
    const d1 = model.layers[0];
    expect(d1.output!.shape).toEqual([2, 3]);
    expect(d1.output!.name).toBe("dense_1/A");
    expect(d1.intermediates.Z.name).toBe("dense_1/Z");
    expect(Array.from(model.layers[1].output!.data)).toEqual(Array.from(out.data));
  });

  it("fit solves XOR with a 2-4-1 tanh network", async () => {
    np.random.seed(1);
    const { X, y } = xorData();
    const model = nn.Sequential([nn.Dense(4, { activation: "tanh", inputShape: [2] }), nn.Dense(1, { activation: "sigmoid" })]);
    model.compile({ optimizer: nn.optimizers.Adam({ learningRate: 0.05 }), loss: "binaryCrossentropy", metrics: ["accuracy"] });
    const history = await model.fit(X, y, { epochs: 300, batchSize: 4, verbose: 0 });
    expect(history.history.loss.length).toBe(300);
    expect(history.history.loss[299]).toBeLessThan(history.history.loss[0] / 5);
    const p = model.predict(X);
    expect(Array.from(p.data).map((v) => (v > 0.5 ? 1 : 0))).toEqual([0, 1, 1, 0]);
    expect(model.evaluate(X, y).accuracy).toBe(1);
  });

  it("a bad input names the layer and the shapes", () => {
    const model = nn.Sequential([nn.Dense(3, { inputShape: [2] })]);
    expect(() => model.predict(np.ones([4, 5]))).toThrow(/Dense "dense_1": expects inputs of shape \(None, 2\), got \(None, 5\)/);
    expect(() => nn.Dense(0)).toThrow(/units must be a positive integer/);
    expect(() => nn.Dense(3, { activation: "swish" as never })).toThrow(/unknown activation "swish"/);
    expect(() => nn.Dense(3, { kernel_initializer: "zeros" } as never)).toThrow(/unsupported option "kernel_initializer"/);
    expect(() => model.evaluate(np.ones([2, 2]), np.ones([2, 3]))).toThrow(/compile the model first/);
    model.compile({ loss: "mse" });
    expect(() => model.evaluate(np.ones([2, 2]), np.ones([3, 3]))).toThrow(/x has 2 rows/);
  });

  it("a Sequential is a layer: an encoder and a decoder nest, their intermediates prefixed", () => {
    const encoder = nn.Sequential([nn.Dense(4, { activation: "relu", inputShape: [6] }), nn.Dense(2)], { name: "encoder" });
    const decoder = nn.Sequential([nn.Dense(4, { activation: "relu" }), nn.Dense(6)], { name: "decoder" });
    const ae = nn.Sequential([encoder, decoder]);
    expect(ae.countParams()).toBe(28 + 10 + 12 + 30);
    ae.predict(np.ones([3, 6]));
    expect(encoder.layers[0].intermediates.Z.name).toBe("encoder/dense_1/Z");
    expect(decoder.layers[1].output!.name).toBe("decoder/dense_2/Z");
    expect(ae.layers[1].output!.shape).toEqual([3, 6]);
  });

  it("EarlyStopping stops when val_loss stops improving and restores the best weights", async () => {
    np.random.seed(0);
    const X = np.random.randn(40, 2), y = np.random.randn(40, 1); // noise: validation loss cannot keep improving
    const model = nn.Sequential([nn.Dense(32, { activation: "tanh", inputShape: [2] }), nn.Dense(1)]);
    model.compile({ optimizer: nn.optimizers.Adam({ learningRate: 0.05 }), loss: "mse" });
    const stop = nn.callbacks.EarlyStopping({ patience: 3, restoreBestWeights: true });
    const seen: number[] = [];
    const history = await model.fit(X, y, { epochs: 200, batchSize: 8, validationSplit: 0.5, verbose: 0, callbacks: [stop, nn.callbacks.LambdaCallback({ onEpochEnd: (e) => { seen.push(e); } })] });
    expect(history.epoch.length).toBeLessThan(200);
    expect(stop.stoppedEpoch).toBe(history.epoch.length - 1);
    expect(stop.stoppedEpoch - stop.bestEpoch).toBe(3);
    expect(seen).toEqual(history.epoch);
    const best = Math.min(...history.history.val_loss);
    expect(history.history.val_loss[stop.bestEpoch]).toBe(best);
    // the restored weights give the best epoch's validation loss back
    const xVal = X.slice("20:"), yVal = y.slice("20:");
    expect(model.evaluate(xVal, yVal).loss).toBeCloseTo(best, 12);
  });

  it("nn.losses and string losses agree; fromLogits matches the probability form", () => {
    const z = np.array([[2, -1, 0.5], [0.1, 0.2, -3]]);
    const labels = np.array([0, 2]);
    const a = nn.losses.sparseCategoricalCrossentropy({ fromLogits: true })(labels, z).item();
    const b = nn.losses.sparseCategoricalCrossentropy()(labels, z.softmax()).item();
    const c = nn.losses.categoricalCrossentropy()(np.oneHot(labels, 3), z.softmax()).item();
    expect(a).toBeCloseTo(b, 12);
    expect(a).toBeCloseTo(c, 12);
    expect(() => nn.losses.sparseCategoricalCrossentropy()(np.array([0, 3]), z.softmax())).toThrow(/label 3 at index 1 is not an integer in \[0, 3\)/);
  });

  it("the optimiser's state is readable per weight", async () => {
    const model = nn.Sequential([nn.Dense(1, { inputShape: [1] })]);
    const opt = nn.optimizers.Adam();
    model.compile({ optimizer: opt, loss: "mse" });
    await model.fit(np.array([[1], [2]]), np.array([[2], [4]]), { epochs: 2, batchSize: 2, verbose: 0 });
    const kernel = model.layers[0].weights[0];
    const s = opt.state(kernel);
    expect(opt.iterations).toBe(2);
    expect((s.m as Tensor).shape).toEqual([1, 1]);
    expect(s.beta1Power).toBeCloseTo(0.81, 15);
  });

  it("save() and nn.loadModel() round-trip the architecture, the weights and the compile settings", async () => {
    np.random.seed(2);
    const model = nn.Sequential([nn.Dense(8, { activation: "relu", inputShape: [3], kernelRegularizer: nn.regularizers.l2(0.01) }), nn.BatchNormalization({ momentum: 0.9 }), nn.Dropout(0.2), nn.Dense(2, { activation: "softmax" })]);
    model.compile({ optimizer: nn.optimizers.SGD({ learningRate: 0.1, momentum: 0.9 }), loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"] });
    const X = np.random.randn(20, 3), y = np.random.randint(0, 2, [20]);
    await model.fit(X, y, { epochs: 2, batchSize: 5, verbose: 0 });
    const text = model.save();
    const back = nn.loadModel(text);
    expect(back.layers.map((l) => `${l.name}:${l.className}`)).toEqual(model.layers.map((l) => `${l.name}:${l.className}`));
    expect(Array.from(back.predict(X).data)).toEqual(Array.from(model.predict(X).data));
    expect(back.evaluate(X, y)).toEqual(model.evaluate(X, y));
    expect(back.optimizer!.className).toBe("SGD");
    expect(JSON.parse(text).format).toBe("stepbook-nn-model");
    expect(() => nn.loadModel("{}")).toThrow(/not a saved model/);
    expect(() => nn.loadModel("nope")).toThrow(/not JSON/);
  });

  it("history.plot() draws loss and val_loss against the epoch", async () => {
    np.random.seed(0);
    const model = nn.Sequential([nn.Dense(1, { inputShape: [1] })]);
    model.compile({ optimizer: "sgd", loss: "mse", metrics: ["mae"] });
    const h = await model.fit(np.array([[1], [2], [3], [4]]), np.array([[2], [4], [6], [8]]), { epochs: 5, batchSize: 2, validationSplit: 0.25, verbose: 0 });
    const spec = h.plot().spec;
    expect(spec.marks.map((m) => m.data[0].series)).toEqual(["loss", "val_loss"]);
    expect(spec.marks[0].data.map((d) => d.x)).toEqual([1, 2, 3, 4, 5]);
    expect(h.plot("mae").spec.marks.length).toBe(2);
    expect(() => h.plot("accuracy")).toThrow(/no such curve "accuracy" \(have: loss, mae, val_loss, val_mae\)/);
  });
});

describe("fit's verbose option, as Keras", () => {
  function recordingHost() {
    const shown: { id: string | undefined; text: string; kind: "display" | "update" }[] = [];
    let ids = 0;
    const host = {
      display: (data: Record<string, unknown>, id?: string) => { shown.push({ id, text: String(data["text/plain"] ?? ""), kind: "display" }); },
      update: (id: string, data: Record<string, unknown>) => { shown.push({ id, text: String(data["text/plain"] ?? ""), kind: "update" }); },
      newDisplayId: () => `d${++ids}`,
      checkInterrupt: () => undefined,
      yieldToKernel: () => Promise.resolve(),
    };
    return { host, shown };
  }
  function xorModel() {
    np.random.seed(1);
    const model = nn.Sequential([nn.Dense(4, { activation: "tanh", inputShape: [2] }), nn.Dense(1, { activation: "sigmoid" })]);
    model.compile({ optimizer: "sgd", loss: "binaryCrossentropy", metrics: ["accuracy"] });
    return model;
  }

  it("verbose: 2 prints one line per epoch (steps, time per step, loss, metrics, val_*), in one output that grows", async () => {
    const { X, y } = xorData();
    const model = xorModel();
    const { host, shown } = recordingHost();
    model.host = host;
    const history = await model.fit(X, y, { epochs: 3, batchSize: 2, verbose: 2, validationData: [X, y] });
    expect(new Set(shown.map((s) => s.id)).size).toBe(1);
    expect(shown.map((s) => s.kind)).toEqual(["display", "update", "update"]);
    const lines = shown[2].text.split("\n");
    expect(lines.length).toBe(6);
    for (let e = 0; e < 3; e++) {
      expect(lines[2 * e]).toBe(`Epoch ${e + 1}/3`);
      expect(lines[2 * e + 1]).toMatch(/^2\/2 - \d+s - \d+ms\/step - loss: \d\.\d{4} - accuracy: \d\.\d{4} - val_loss: \d\.\d{4} - val_accuracy: \d\.\d{4}$/);
      expect(lines[2 * e + 1]).toContain(`loss: ${history.history.loss[e].toFixed(4)}`);
    }
  });

  it("verbose: 0 shows nothing; 1 and the default a progress bar; anything else is an error", async () => {
    const { X, y } = xorData();
    for (const [verbose, kinds] of [[0, 0], [1, 1], [undefined, 1]] as const) {
      const model = xorModel();
      const { host, shown } = recordingHost();
      model.host = host;
      await model.fit(X, y, { epochs: 2, batchSize: 2, verbose });
      expect(new Set(shown.map((s) => s.id)).size, String(verbose)).toBe(kinds);
      if (kinds) expect(shown.every((s) => s.text.startsWith("Epoch") || s.text === ""), String(verbose)).toBe(true);
    }
    await expect(xorModel().fit(X, y, { verbose: 3 as 2 })).rejects.toThrow(/fit: verbose must be 0 \(silent\), 1 or "auto" \(a progress bar\) or 2 \(one line per epoch\), got 3/);
  });
});
