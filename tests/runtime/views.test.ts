// The views' payloads (kernel/display): the numbers a view draws are the model's own answers on the
// lattice, labels and accuracy are counted from the data, and bad input names the helper and the shape.
import { describe, expect, it } from "vitest";
import type { DisplayDataMessage, KernelMessage } from "../../kernel/protocol/messages.ts";
import { MIME, type PlotSpec } from "../../kernel/protocol/mime.ts";
import type { BoundaryPayload } from "../../kernel/display/boundary.ts";
import type { NetworkPayload } from "../../kernel/display/network.ts";
import type { HistogramPayload } from "../../kernel/display/histogram.ts";
import type { ImagesPayload } from "../../kernel/display/images.ts";
import type { ConfusionPayload } from "../../kernel/display/confusion.ts";
import { newHost, run } from "./helpers.ts";

const displays = (messages: KernelMessage[]) => messages.filter((m): m is DisplayDataMessage => m.type === "display_data");

describe("plot.boundary", () => {
  it("evaluates a neuron's z on the lattice: the field is x1 - 2 x2 + 0.5 at every lattice point, line at 0", async () => {
    const r = await run(newHost(), "a", `const X = np.array([[-1, -1], [1, 1], [0, 2]]);
display(plot.boundary((x) => x.matmul(np.array([[1], [-2]])).add(0.5), X, [0, 1, 1], { grid: 5, x: [-1, 1], y: [-2, 2] }))`);
    const [d] = displays(r.messages);
    const p = d.data[MIME.boundary] as BoundaryPayload;
    expect(p).toMatchObject({ kind: "value", nx: 5, ny: 5, x: [-1, 1], y: [-2, 2], threshold: 0, classes: 1 });
    for (let j = 0; j < 5; j++) for (let i = 0; i < 5; i++) {
      const x1 = -1 + 0.5 * i, x2 = -2 + j;
      expect(p.fields[0]![j * 5 + i]).toBeCloseTo(x1 - 2 * x2 + 0.5, 12);
    }
    expect(p.points).toEqual([{ x: -1, y: -1, label: 0 }, { x: 1, y: 1, label: 1 }, { x: 0, y: 2, label: 1 }]);
    expect(d.data[MIME.text]).toMatch(/^\[boundary: values from -4\.5 to 5\.5, line at 0 over x from -1 to 1, y from -2 to 2; 3 points\]$/);
  });

  it("a probability gives the 0.5 boundary and the share of points it classifies correctly", async () => {
    const r = await run(newHost(), "a", `const X = np.array([[-1, 0], [-2, 1], [1, 0], [2, 0], [0.5, 3]]);
display(plot.boundary({ predict: (x) => x.slice(null, [0]).mul(4).sigmoid() }, X, np.array([0, 0, 1, 1, 0])))`);
    const p = displays(r.messages)[0]!.data[MIME.boundary] as BoundaryPayload;
    expect(p.kind).toBe("probability");
    expect(p.threshold).toBe(0.5);
    expect(p.accuracy).toBeCloseTo(4 / 5, 12); // (0.5, 3) is on the class-1 side with label 0
    expect(displays(r.messages)[0]!.data[MIME.text]).toContain("80% of 5 points classified correctly");
  });

  it("several outputs are classes: region k is where class k's score beats every other", async () => {
    const r = await run(newHost(), "a", `const X = np.array([[-1, 0], [1, 0], [0, 1]]);
const model = { forward: (x: Tensor) => np.softmax(x.matmul(np.array([[-1, 1, 0], [0, 0, 1]])), { axis: 1 }) };
display(plot.boundary(model, X, np.oneHot(np.array([0, 1, 2]), 3), { grid: 9 }))`);
    const p = displays(r.messages)[0]!.data[MIME.boundary] as BoundaryPayload;
    expect(p.kind).toBe("classes");
    expect(p.fields).toHaveLength(3);
    for (let n = 0; n < 81; n++) expect(p.fields.filter((f) => f[n]! > 0).length).toBeLessThanOrEqual(1);
    expect(p.points.map((q) => q.label)).toEqual([0, 1, 2]);
    expect(p.accuracy).toBe(1);
  });

  it("bad input says which helper and which shape", async () => {
    const host = newHost();
    expect((await run(host, "a", "plot.boundary((x) => x, np.ones([4, 3]), [0, 1, 0, 1])")).error?.evalue).toMatch(/plot\.boundary: X must have shape \(N, 2\), got \(4, 3\)/);
    expect((await run(host, "b", "plot.boundary((x) => x.slice(null, 0), np.ones([4, 2]), [0, 1])")).error?.evalue).toMatch(/plot\.boundary: X has 4 points but y has 2 labels/);
    expect((await run(host, "c", "plot.boundary(42, np.ones([4, 2]))")).error?.evalue).toMatch(/plot\.boundary: expected a function of X or a model/);
  });
});

describe("plot.contour and plot.path", () => {
  it("contour samples f on the lattice and layers with a labelled path", async () => {
    const r = await run(newHost(), "a", `display(plot.layer(plot.contour((a, b) => a * a + 3 * b * b, { x: [-2, 2], y: [-1, 1], grid: 5 }), plot.path([[2, 1], [1, 0.5], [0, 0]], { label: "SGD" })))`);
    const spec = displays(r.messages)[0]!.data[MIME.plot] as PlotSpec;
    const [c, path] = spec.marks;
    expect(c).toMatchObject({ type: "contour", width: 5, height: 5, x1: -2.5, x2: 2.5, y1: -1.25, y2: 1.25 });
    expect((c!.values as number[])[0]).toBe(4 + 3); // f(-2, -1)
    expect((c!.values as number[])[12]).toBe(0); // f(0, 0), the middle
    expect(path).toMatchObject({ type: "path", series: "SGD", data: [{ x: 2, y: 1, step: 0 }, { x: 1, y: 0.5, step: 1 }, { x: 0, y: 0, step: 2 }] });
    expect(displays(r.messages)[0]!.data[MIME.text]).toBe('[plot: contour of values from 0 to 7, lowest near (0, 0); path "SGD" of 3 steps from (2, 1) to (0, 0)]');
  });

  it("contour refuses an f that does not return a number", async () => {
    const r = await run(newHost(), "a", `plot.contour((a, b) => "no")`);
    expect(r.error?.evalue).toMatch(/plot\.contour: f\(-1, -1\) returned string, expected a number/);
  });
});

describe("plot.network", () => {
  it("hand-written weights: sizes, weights, and the example's z and a computed as Z = x W + b, A = act(Z)", async () => {
    const r = await run(newHost(), "a", `const W1 = np.array([[1, -2, 0.5], [0, 1, -1]]), b1 = np.array([0.1, 0, -0.2]);
const W2 = np.array([[2], [-1], [0.5]]);
display(plot.network([W1, W2], { biases: [b1, [0.3]], activations: ["tanh", "sigmoid"], example: [0.5, -1] }))`);
    const d = displays(r.messages)[0]!;
    const p = d.data[MIME.network] as NetworkPayload;
    expect(p.layers.map((L) => [L.name, L.size, L.activation])).toEqual([["input", 2, null], ["hidden 1", 3, "tanh"], ["output", 1, "sigmoid"]]);
    expect(p.weights[0]).toEqual([[1, -2, 0.5], [0, 1, -1]]);
    expect(p.biases).toEqual([[0.1, 0, -0.2], [0.3]]);
    const z1 = [0.5 + 0.1, -1 - 1, 0.25 + 1 - 0.2], a1 = z1.map(Math.tanh);
    const z2 = 2 * a1[0]! - a1[1]! + 0.5 * a1[2]! + 0.3;
    p.example!.z[1]!.forEach((z, i) => expect(z).toBeCloseTo(z1[i]!, 12));
    p.example!.a[1]!.forEach((a, i) => expect(a).toBeCloseTo(a1[i]!, 12));
    expect(p.example!.a[2]![0]).toBeCloseTo(1 / (1 + Math.exp(-z2)), 12);
    expect(d.data[MIME.text]).toMatch(/^\[network: 2 inputs -> 3 tanh -> 1 sigmoid; 8 nonzero weights, 5 positive, 3 negative, largest W1\[0, 1\] = -2; example: output a = 0\.\d+\]$/);
  });

  it("a model with layers (duck-typed: W/weight/kernel, Keras- or PyTorch-style activation layers), example a row of X", async () => {
    const r = await run(newHost(), "a", `np.random.seed(0);
class Tanh { forward(x: Tensor) { return x.tanh(); } }
const model = { layers: [{ weight: np.random.randn(3, 20), bias: np.zeros([20]) }, new Tanh(), { kernel: np.random.randn(20, 2), activation: "softmax" }] };
const X = np.random.randn(4, 3);
display(plot.network(model, { example: X, index: 2 }))`);
    const p = displays(r.messages)[0]!.data[MIME.network] as NetworkPayload;
    expect(p.layers.map((L) => [L.size, L.shown, L.activation])).toEqual([[3, 3, null], [20, 12, "tanh"], [2, 2, "softmax"]]);
    expect(p.weights[0]![0]).toHaveLength(12);
    expect(p.example!.index).toBe(2);
    expect(p.example!.a[2]![0]! + p.example!.a[2]![1]!).toBeCloseTo(1, 12);
  });

  it("mismatched shapes and unknown activations are refused by name", async () => {
    const host = newHost();
    expect((await run(host, "a", "plot.network([np.ones([2, 3]), np.ones([4, 1])])")).error?.evalue).toMatch(/plot\.network: weight matrix 2 has 4 inputs but layer 1 has 3 neurons/);
    expect((await run(host, "b", 'plot.network([np.ones([2, 3])], { activations: ["swish"], example: [1, 2] })')).error?.evalue).toMatch(/plot\.network: unknown activation "swish"/);
    expect((await run(host, "c", "plot.network([np.ones([2, 3])], { example: [1, 2, 3] })")).error?.evalue).toMatch(/plot\.network: the example has 3 values but the network has 2 inputs/);
    expect((await run(host, "d", "plot.network({ layers: [{}] })")).error?.evalue).toMatch(/plot\.network: the model has no layer with weights/);
  });
});

describe("views of kernel/nn models", () => {
  it("plot.network reads an nn.Sequential (Dense kernel, bias, activation) and plot.boundary calls its predict", async () => {
    const r = await run(newHost(), "a", `np.random.seed(0);
const model = nn.Sequential([nn.Dense(4, { activation: "tanh", inputShape: [2] }), nn.Dense(3, { activation: "softmax" })]);
const X = np.random.randn(10, 2);
const P = model.predict(X);
display(plot.network(model, { example: X, index: 1 }));
display(plot.boundary(model, X, np.argmax(P, { axis: 1 }), { grid: 8 }));
display(P.slice(1))`);
    if (r.error) throw new Error(r.error.evalue);
    const [net, bound, row] = displays(r.messages);
    const p = net!.data[MIME.network] as NetworkPayload;
    expect(p.layers.map((L) => [L.size, L.activation])).toEqual([[2, null], [4, "tanh"], [3, "softmax"]]);
    expect(p.example!.a[2]).toHaveLength(3);
    // the example's output is the model's own prediction for row 1
    const predicted = (row!.data[MIME.tensor] as { data: number[] }).data;
    p.example!.a[2]!.forEach((a, k) => expect(a).toBeCloseTo(predicted[k]!, 12));
    const b = bound!.data[MIME.boundary] as BoundaryPayload;
    expect(b.kind).toBe("classes");
    expect(b.accuracy).toBe(1); // labels are the model's own argmax
  });
});

describe("plot.histogram, plot.images, plot.confusion", () => {
  it("histogram bins as numpy does (half-open bins, the last closed), shared by several series", async () => {
    const r = await run(newHost(), "a", `display(plot.histogram([[0, 1, 1, 2, 3, 4], np.array([4, 4, NaN])], { bins: 4, labels: ["a", "b"] }))`);
    const d = displays(r.messages)[0]!;
    const p = d.data[MIME.histogram] as HistogramPayload;
    expect(p.edges).toEqual([0, 1, 2, 3, 4]); // np.histogram([0,1,1,2,3,4,4,4], bins=4) -> [1, 2, 1, 4]
    expect(p.series.map((s) => [s.label, s.counts, s.nonFinite])).toEqual([["a", [1, 2, 1, 2], 0], ["b", [0, 0, 0, 2], 1]]);
    expect(p.series[0]!.mean).toBeCloseTo(11 / 6, 12);
    expect(d.data[MIME.text]).toBe("[histogram of 4 bins from 0 to 4: a: 6 values, mean 1.833, std 1.344, most in [1, 2); b: 2 values, mean 4, std 0, most in [3, 4], 1 not finite]");
  });

  it("images: one row per image, shape [h, w], captions, capped at MAX_PIXELS", async () => {
    const host = newHost();
    const r = await run(host, "a", `display(plot.images(np.arange(24).reshape([4, 6]), { shape: [2, 3], cols: 2, labels: ["a", "b", "c", "d"] }))`);
    const p = displays(r.messages)[0]!.data[MIME.images] as ImagesPayload;
    expect(p).toMatchObject({ height: 2, width: 3, cols: 2, total: 4, labels: ["a", "b", "c", "d"], range: [0, 23] });
    expect(p.images[1]).toEqual([6, 7, 8, 9, 10, 11]);
    const big = await run(host, "b", `display(plot.images(np.zeros([500, 28, 28])))`);
    const q = displays(big.messages)[0]!.data[MIME.images] as ImagesPayload;
    expect(q.images).toHaveLength(Math.floor(8192 / 784));
    expect(displays(big.messages)[0]!.data[MIME.text]).toContain(`(the first 10 of 500)`);
    expect((await run(host, "c", "plot.images(np.zeros([2, 10]))")).error?.evalue).toMatch(/plot\.images: each image has 10 values, which is not a square; give \{shape: \[height, width\]\}/);
  });

  it("confusion counts true (rows) against predicted (columns); one-hot rows count as their argmax", async () => {
    const r = await run(newHost(), "a", `display(plot.confusion([0, 0, 1, 1, 2, 2, 2, 1], np.oneHot(np.array([0, 1, 1, 1, 2, 0, 2, 1]), 3)))`);
    const d = displays(r.messages)[0]!;
    expect((d.data[MIME.confusion] as ConfusionPayload).counts).toEqual([[1, 1, 0], [0, 3, 0], [1, 0, 2]]);
    expect(d.data[MIME.text]).toBe("[confusion matrix of 3 classes: 6 of 8 correct (75%); most common mistake: 0 predicted as 1 (once); rows 0: 1 1 0, 1: 0 3 0, 2: 1 0 2]");
    expect((await run(newHost(), "b", "plot.confusion([0, 1], [1])")).error?.evalue).toMatch(/plot\.confusion: yTrue has 2 labels but yPred has 1/);
  });
});

describe("widgets (ui.slider, ui.select, ui.checkbox, ui.button)", () => {
  it("a widget returns its default until the page sends a value; the value sent is what the cell reads", async () => {
    const host = newHost();
    const first = await run(host, "a", `const alpha = ui.slider("alpha", { min: 0.01, max: 1, step: 0.01, value: 0.1 });\nalpha * 2`);
    expect(first.result).toBe("0.2");
    expect(displays(first.messages)[0]!.data[MIME.widget]).toEqual({ kind: "slider", name: "alpha", label: "alpha", value: 0.1, min: 0.01, max: 1, step: 0.01 });
    expect(displays(first.messages)[0]!.data[MIME.text]).toBe("alpha = 0.1 (slider from 0.01 to 1)");
    const moved = await host.execute(`const alpha = ui.slider("alpha", { min: 0.01, max: 1, step: 0.01, value: 0.1 });\nalpha * 2`, { cellId: "a", widgets: { alpha: 0.5 } });
    expect(moved.messages.find((m) => m.type === "execute_result")).toMatchObject({ data: { [MIME.text]: "1" } });
    // out of range (the lesson changed its range): the default again
    const out = await host.execute(`ui.slider("alpha", { min: 0, max: 0.2, value: 0.1 })`, { cellId: "b", widgets: { alpha: 0.5 } });
    expect(out.messages.find((m) => m.type === "execute_result")).toMatchObject({ data: { [MIME.text]: "0.1" } });
  });

  it("select, checkbox and button read their own values", async () => {
    const host = newHost();
    const r = await host.execute(`[ui.select("opt", ["sgd", "momentum", "adam"], { value: "sgd" }), ui.checkbox("bn"), ui.button("step")]`, { cellId: "a", widgets: { opt: "adam", bn: true, step: 3 } });
    expect(r.messages.find((m) => m.type === "execute_result")).toMatchObject({ data: { [MIME.text]: "['adam', true, 3]" } });
    const kinds = displays(r.messages).map((d) => (d.data[MIME.widget] as { kind: string }).kind);
    expect(kinds).toEqual(["select", "checkbox", "button"]);
    const bad = await host.execute(`ui.select("opt", ["a", "b"])`, { cellId: "b", widgets: { opt: "<script>" } });
    expect(bad.messages.find((m) => m.type === "execute_result")).toMatchObject({ data: { [MIME.text]: "'a'" } });
  });

  it("a bad name or range says which widget", async () => {
    const host = newHost();
    expect((await run(host, "a", `ui.slider("a b")`)).error?.evalue).toMatch(/ui\.slider: the first argument is the widget's name/);
    expect((await run(host, "b", `ui.slider("x", { min: 1, max: 0 })`)).error?.evalue).toMatch(/ui\.slider\("x"\): needs min < max and step > 0/);
  });
});
