// Views in the exported page: a cell's view output becomes inline SVG drawn at build time by the same
// view function as the live app, inside a figure whose label is the text alternative; readable
// without JavaScript.
import { describe, expect, it } from "vitest";
import { outputsOf } from "../../ui/export/lesson.ts";
import { outputsHtml } from "../../ui/export/outputs-html.ts";
import { newHost, run } from "../runtime/helpers.ts";
import { summaryNumber } from "../../kernel/display/number-text.ts";

async function exported(code: string): Promise<string> {
  const r = await run(newHost(), "a", code);
  if (r.error) throw new Error(r.error.evalue);
  return outputsHtml(outputsOf(r.messages));
}

describe("exported views", () => {
  it("plot.boundary is an SVG with the regions, line and points, labelled by its text alternative", async () => {
    const page = await exported(`const X = np.array([[-1, 0], [1, 0], [0, 1]]);
display(plot.boundary((x) => np.softmax(x.matmul(np.array([[-1, 1, 0], [0, 0, 1]])), { axis: 1 }), X, [0, 1, 2], { grid: 12 }))`);
    expect(page).toMatch(/<figure class="output plot" role="img" tabindex="0" aria-label="\[boundary: decision regions of 3 classes \(class 0 \d+%, class 1 \d+%, class 2 \d+%\) over x from [^"]*; 100% of 3 points classified correctly\]"><svg/);
    expect(page.match(/<circle/g)).toHaveLength(3);
    expect(page).toContain("<path");
    expect(page).not.toContain("<script");
  });

  it("plot.contour with plot.path is an SVG with the path's label", async () => {
    const page = await exported(`display(plot.layer(plot.contour((a, b) => a * a + b * b), plot.path([[1, 1], [0, 0]], { label: "momentum" })))`);
    expect(page).toContain("<svg");
    expect(page).toMatch(/>momentum<\/text>/);
    expect(page).toContain(`aria-label="[plot: contour of values from 0.0005745 to 2, lowest near (-0.01695, -0.01695); path &quot;momentum&quot; of 2 steps from (1, 1) to (0, 0)]"`);
  });
});

describe("exported network", () => {
  it("is an SVG whose neurons carry z and a in <title>s (hover without JavaScript)", async () => {
    const page = await exported(`display(plot.network([np.array([[1, -2]]), np.array([[1], [1]])], { activations: ["relu", null], example: [1] }))`);
    expect(page).toMatch(/aria-label="\[network: 1 input -&gt; 2 relu -&gt; 1; 4 nonzero weights, 3 positive, 1 negative, largest W1\[0, 1\] = -2; example: output a = 1\]"><svg/);
    expect(page).toContain("<title>hidden 1, neuron 2\nz = -2\na = relu(z) = 0</title>");
    expect(page.match(/<circle/g)).toHaveLength(4);
  });
});

describe("exported histogram, images and confusion", () => {
  it("each is inline SVG labelled by its text alternative", async () => {
    const page = await exported(`display(plot.histogram([1, 2, 2, 3], { bins: 3 }));
display(plot.images(np.eye(3).reshape([1, 9])));
display(plot.confusion([0, 1], [1, 1]))`);
    const figures = page.match(/<figure class="output plot" role="img" tabindex="0" aria-label="\[(histogram|images|confusion matrix)[^"]*"><svg/g);
    expect(figures).toHaveLength(3);
    expect(page.match(/<rect/g)!.length).toBeGreaterThanOrEqual(3 + 9 + 4);
  });
});

describe("live loss curves (display(...).update)", () => {
  // the cell's output is the last frame, whichever loop drew it, and the exported page shows that frame
  const hand = `const xs = np.linspace(-1, 1, 50), ys = xs.mul(3).add(0.5);
const w = np.zeros([1]).requiresGrad(), b = np.zeros([1]).requiresGrad();
const losses: number[] = [];
const curve = display(plot.line([], { label: "loss" }), { id: true });
for (let step = 0; step < 200; step++) {
  const L = xs.mul(w).add(b).sub(ys).pow(2).mean();
  L.backward();
  np.noGrad(() => { for (const p of [w, b]) { p.assignSub(p.grad!.mul(0.05)); p.grad = null; } });
  losses.push(L.item());
  curve.update(() => plot.line(losses, { label: "loss", title: \`step \${step + 1}\` }));
}
\`\${losses.length} \${Math.min(...losses)} \${Math.max(...losses)}\``;
  const fit = `const moons = nn.datasets.moons(200, { noise: 0.15, seed: 0 });
np.random.seed(1);
const model = nn.Sequential([nn.Dense(8, { activation: "tanh", inputShape: [2] }), nn.Dense(2, { activation: "softmax" })]);
model.compile({ optimizer: nn.optimizers.Adam({ learningRate: 0.05 }), loss: "sparseCategoricalCrossentropy" });
const fitLosses: number[] = [];
const fitCurve = display(plot.line([], { label: "loss" }), { id: true });
const history = await model.fit(moons.X, moons.y, { epochs: 40, batchSize: 32, verbose: 0, callbacks: [nn.callbacks.LambdaCallback({
  onEpochEnd: (epoch, logs) => { fitLosses.push(logs.loss!); fitCurve.update(() => plot.line(fitLosses, { label: "loss", title: \`epoch \${epoch + 1}\` })); },
})] });
\`\${history.history.loss.length} \${Math.min(...history.history.loss)} \${Math.max(...history.history.loss)}\``;

  for (const [name, code, n, title] of [["a hand loop", hand, 200, "step 200"], ["nn's fit, from a callback", fit, 40, "epoch 40"]] as const) {
    it(`${name}: the last frame (all ${n} points) stays as the output and in the exported page`, async () => {
      const r = await run(newHost(), "a", code);
      if (r.error) throw new Error(r.error.evalue);
      const outputs = outputsOf(r.messages);
      // one figure: the curve, updated in place, not a new output per frame; then the cell's value
      const value = outputs.at(-1)!;
      expect(value.kind).toBe("text");
      const [count, lo, hi] = (value.kind === "text" ? value.text : "").replace(/'/g, "").split(" ").map(Number);
      expect(count).toBe(n);
      const updates = r.messages.filter((m) => m.type === "update_display_data").length;
      expect(updates).toBeGreaterThan(0);
      expect(updates).toBeLessThan(n); // throttled
      const page = outputsHtml(outputs);
      const figures = page.match(/<figure class="output plot" role="img" tabindex="0" aria-label="[^"]*"/g) ?? [];
      expect(figures).toHaveLength(1);
      const fmt = summaryNumber;
      expect(figures[0]).toBe(`<figure class="output plot" role="img" tabindex="0" aria-label="[plot &quot;${title}&quot;: line of ${n} points, y from ${fmt(lo!)} to ${fmt(hi!)}]"`);
    }, 60_000);
  }
});
