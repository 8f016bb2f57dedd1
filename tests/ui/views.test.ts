// Each view drawn live (sb-view through sb-output-area, in happy-dom): its structure and its text
// alternative. The payloads come from the kernel's own helpers, so this is the path a cell's output takes.
import { describe, expect, it } from "vitest";
import { plot } from "../../kernel/display/plot.ts";
import { np } from "../../kernel/np.ts";
import type { Displayable } from "../../kernel/display/rich.ts";
import { showOutput } from "./show-output.ts";

const show = (value: Displayable) => showOutput(value);

const X = np.array([[-1, -1], [1, 1], [0.5, -1], [-0.5, 1]]);

describe("boundary view", () => {
  it("a classifier: class regions, the boundary line, one dot per point, and the text alternative", async () => {
    const el = await show(plot.boundary((x) => x.slice(null, [0]).mul(3).sigmoid(), X, [0, 1, 1, 0]));
    const figure = el.querySelector("figure.view")!;
    expect(el.querySelector(".plot-error")).toBeNull();
    expect(figure.getAttribute("role")).toBe("img");
    expect(figure.getAttribute("aria-label")).toMatch(/^boundary: probability of class 1 from .* boundary at 0\.5 .* 100% of 4 points classified correctly$/);
    expect(figure.querySelector("figcaption")!.textContent).toBe(figure.getAttribute("aria-label"));
    expect(figure.querySelectorAll("svg circle")).toHaveLength(4);
    expect(figure.querySelectorAll("svg circle title")[1]!.textContent).toBe("(1.00, 1.00), label 1");
    expect(figure.querySelectorAll("svg path").length).toBeGreaterThan(4); // filled levels of both classes and the line
  });

  it("a value (a neuron's z): a legend of its levels and the z = 0 line", async () => {
    const el = await show(plot.boundary((x) => x.matmul(np.array([[1], [-1]])), X));
    expect(el.querySelector("figure.view")!.getAttribute("aria-label")).toMatch(/values from -\S+ to \S+, line at 0/);
    expect(el.querySelector("svg")).not.toBeNull();
    expect(el.textContent).toContain("value"); // the legend's label
  });
});

describe("contour with a path (the plot view)", () => {
  it("draws the landscape and the labelled path", async () => {
    const el = await show(plot.layer(plot.contour((a, b) => a * a + b * b), plot.path([[0.9, 0.9], [0.3, 0.2], [0, 0]], { label: "GD" })));
    expect(el.querySelector(".plot-error")).toBeNull();
    expect(el.querySelector("svg")).not.toBeNull();
    expect([...el.querySelectorAll("svg text")].some((t) => t.textContent === "GD")).toBe(true);
  });
});

describe("network view", () => {
  it("an edge per weight, a neuron per unit, hover titles with z and a, and the text alternative", async () => {
    const el = await show(plot.network([np.array([[1, -2, 0.5], [0, 1, -1]]), np.array([[2], [-1], [0.5]])], { activations: ["tanh", "sigmoid"], example: [0.5, -1], values: true }));
    const figure = el.querySelector("figure.view")!;
    expect(el.querySelector(".plot-error")).toBeNull();
    expect(figure.getAttribute("aria-label")).toMatch(/^network: 2 inputs -> 3 tanh -> 1 sigmoid; 8 nonzero weights/);
    const edges = [...figure.querySelectorAll('svg g[aria-label="link"] path')];
    expect(edges).toHaveLength(9);
    expect(edges[1]!.getAttribute("stroke")).not.toBe(edges[0]!.getAttribute("stroke")); // -2 and 1: the sign's colours
    expect(Number(edges[1]!.getAttribute("stroke-width"))).toBeGreaterThan(Number(edges[0]!.getAttribute("stroke-width"))); // |-2| > |1|
    expect(edges[1]!.querySelector("title")!.textContent).toBe("W1[0, 1] = -2");
    const neurons = [...figure.querySelectorAll('svg g[aria-label="dot"] circle')];
    expect(neurons).toHaveLength(6);
    expect(neurons[3]!.querySelector("title")!.textContent).toBe("hidden 1, neuron 2\nz = -2\na = tanh(z) = -0.964");
    expect([...figure.querySelectorAll("svg text")].map((t) => t.textContent)).toContain("-2.00"); // values on edges
    // the numbers are drawn (a halo behind them, not instead of them)
    expect([...figure.querySelectorAll('svg g[aria-label="text"]')].filter((g) => g.getAttribute("fill") === "none")).toHaveLength(0);
  });
});

describe("histogram, images and confusion views", () => {
  it("histogram: a bar per bin of each series, in panels side by side, with its text alternative", async () => {
    const el = await show(plot.histogram({ before: [0, 1, 1, 2], after: [1, 1, 1, 1] }, { bins: 2 }));
    expect(el.querySelector(".plot-error")).toBeNull();
    expect(el.querySelector("figure.view")!.getAttribute("aria-label")).toMatch(/^histogram of 2 bins from 0 to 2: before: 4 values/);
    const bars = [...el.querySelectorAll('svg g[aria-label="rect"] rect')];
    expect(bars).toHaveLength(4);
    expect(bars.map((b) => b.querySelector("title")!.textContent)).toContain("after: 4 in [1.00, 2.00)");
    expect(el.textContent).toContain("before"); // the panels' labels
  });

  it("images: a rectangle per pixel and a caption per image", async () => {
    const el = await show(plot.images(np.arange(8).reshape([2, 4]), { shape: [2, 2], labels: ["three", "seven"] }));
    expect(el.querySelectorAll('svg g[aria-label="rect"] rect')).toHaveLength(8);
    expect([...el.querySelectorAll("svg text")].map((t) => t.textContent)).toEqual(["three", "seven"]);
    expect(el.querySelector("figure.view")!.getAttribute("aria-label")).toBe("images: 2 images of 2 x 2 pixels in 2 columns, labelled three, seven");
  });

  it("confusion: a cell and a count per pair of classes", async () => {
    const el = await show(plot.confusion([0, 1, 1], [0, 1, 0]));
    expect(el.querySelectorAll('svg g[aria-label="cell"] rect')).toHaveLength(4);
    expect([...el.querySelectorAll('svg g[aria-label="text"] text')].map((t) => t.textContent).sort()).toEqual(["0", "1", "1", "1"]);
    expect(el.querySelector("figure.view")!.getAttribute("aria-label")).toMatch(/^confusion matrix of 2 classes: 2 of 3 correct \(67%\)/);
  });
});
