// Lines drawn with a label (lesson 3: tanh, sigmoid, ReLU and leaky ReLU in one plot.layer) are coloured
// by their label; without a legend the student saw four coloured lines and no word of which was which.
// The live view and the exported page name each colour. Points coloured by class get class colours and
// a legend; a bar chart's axis has no stray field name.
import { describe, expect, it } from "vitest";
import { plot } from "../../kernel/display/plot.ts";
import { np } from "../../kernel/np.ts";
import { TO_BUNDLE, type Displayable } from "../../kernel/display/rich.ts";
import { plotToSvg } from "../../ui/export/plot-svg.ts";
import { MIME } from "../../kernel/protocol/mime.ts";
import type { PlotSpec } from "../../kernel/protocol/mime.ts";
import { showOutput } from "./show-output.ts";

const z = np.linspace(-4, 4, 9);
const activations = () => plot.layer(
  plot.line(z, z.tanh(), { label: "tanh", title: "activation functions" }),
  plot.line(z, z.sigmoid(), { label: "sigmoid" }),
  plot.line(z, z.relu(), { label: "ReLU" }),
);

const show = (value: Displayable) => showOutput(value);

/** each line's stroke, by the label of the legend's swatch of that colour. */
function swatches(root: ParentNode): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of root.querySelectorAll("[class$=-swatch]")) out[s.textContent!.trim()] = s.querySelector("[fill]")!.getAttribute("fill")!;
  return out;
}

describe("a layer of labelled lines names its colours", () => {
  it("live: a swatch per label, in the colour of its line", async () => {
    const el = await show(activations());
    expect(el.querySelector(".plot-error")).toBeNull();
    const legend = swatches(el);
    expect(Object.keys(legend)).toEqual(["tanh", "sigmoid", "ReLU"]);
    const strokes = [...el.querySelectorAll("svg g[aria-label=line] path")].map((p) => p.getAttribute("stroke"));
    expect(new Set(strokes)).toEqual(new Set(Object.values(legend)));
  });

  it("exported: the same legend in the page's markup", () => {
    const spec = activations()[TO_BUNDLE]()[MIME.plot] as PlotSpec;
    const holder = document.createElement("div");
    holder.innerHTML = plotToSvg(spec);
    expect(Object.keys(swatches(holder))).toEqual(["tanh", "sigmoid", "ReLU"]);
  });

  it("one unlabelled line has no legend, nor one labelled line (nothing to tell apart)", async () => {
    const el = await show(plot.line(z, z.tanh()));
    expect(Object.keys(swatches(el))).toEqual([]);
    const one = await show(plot.line(z, z.tanh(), { label: "loss" }));
    expect(Object.keys(swatches(one))).toEqual([]);
    expect(one.querySelectorAll("svg")).toHaveLength(1);
  });
});

describe("points coloured by class", () => {
  // lesson 9: three classes labelled 0, 1, 2 (lesson 2: inside the circle or not, 1 or 0)
  const xs = [0, 1, 2, 3, 4, 5], ys = [1, 0, 1, 0, 1, 0];

  it("take the class colours, none of them near-black (class 0 was #23171b, unseen on the dark theme), and a legend", async () => {
    const el = await show(plot.scatter(xs, ys, { color: [0, 0, 1, 1, 2, 2], title: "three classes" }));
    const legend = swatches(el);
    expect(Object.keys(legend)).toEqual(["0", "1", "2"]);
    const fills = [...el.querySelectorAll("svg g[aria-label=dot] circle")].map((c) => c.getAttribute("fill")!);
    expect(new Set(fills)).toEqual(new Set(Object.values(legend)));
    const luminance = (hex: string) => { const n = parseInt(hex.slice(1), 16); return (0.2126 * (n >> 16) + 0.7152 * ((n >> 8) & 255) + 0.0722 * (n & 255)) / 255; };
    for (const f of fills) expect(luminance(f), f).toBeGreaterThan(0.25);
  });

  it("an amount (not whole numbers) keeps its continuous colours, without swatches", async () => {
    const el = await show(plot.scatter(xs, ys, { color: [0.1, 0.25, 0.5, 0.6, 0.8, 0.95] }));
    expect(Object.keys(swatches(el))).toEqual([]);
  });
});

describe("a bar chart's axis", () => {
  it("has no stray 'x' label under the bars' names (lesson 3's layers, lesson 9's classes); a given label stays", async () => {
    const texts = async (v: Displayable) => [...(await show(v)).querySelectorAll("svg text")].map((t) => t.textContent);
    const plain = await texts(plot.bar([0.1, 0.5, 1.6], { labels: ["layer 1", "layer 2", "layer 3"], yLabel: "mean |gradient|" }));
    expect(plain).toContain("layer 2");
    expect(plain.filter((t) => /^x\b/.test(t ?? ""))).toEqual([]);
    expect(await texts(plot.bar([1, 2], { labels: ["a", "b"], xLabel: "class" }))).toContain("class");
  });
});
