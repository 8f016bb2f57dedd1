// plot.boundary of a value (lesson 1's neuron, z = 0.5 x1 - 0.25 x2 + 0.1): every swatch of the legend is
// a band of the plane, the lowest included (the most negative corner was left blank: a contour fills
// where the field is at least its threshold, and nothing was drawn below the lowest level), and the
// legend's labels are every other level, so they no longer run into each other.
import { describe, expect, it } from "vitest";
import { plot } from "../../kernel/display/plot.ts";
import { np } from "../../kernel/np.ts";
import { showOutput } from "./show-output.ts";

async function neuronPlot(): Promise<HTMLElement> {
  const X = np.array([[1, 2], [1, 0], [-1, 3], [2, -1]]);
  const w = np.array([[0.5], [-0.25]]);
  const value = plot.boundary((P) => P.matmul(w).add(0.1), X, null, { x: [-4, 4], y: [-4, 4] });
  return showOutput(value, "svg g[aria-label=contour]");
}

describe("boundary of a value: its legend and its bands", () => {
  it("every colour of the legend fills a band of the plane, the lowest one too", async () => {
    const el = await neuronPlot();
    expect(el.querySelector(".plot-error")).toBeNull();
    const svgs = [...el.querySelectorAll("svg")];
    const legend = svgs.find((s) => !s.querySelector("g[aria-label=contour]"))!;
    const swatches = [...legend.querySelectorAll("rect")].map((r) => r.getAttribute("fill"));
    expect(swatches).toHaveLength(10);
    const filled = new Set([...el.querySelectorAll("svg g[aria-label=contour] path")].map((p) => p.getAttribute("fill") ?? p.parentElement!.getAttribute("fill")));
    // z runs from -2.9 (x = (-4, 4)) to 3.1 (x = (4, -4)): below the lowest level (-2.48) and above the top one
    expect(swatches.filter((c) => !filled.has(c))).toEqual([]);
  });

  it("labels every other level, 0 among them", async () => {
    const el = await neuronPlot();
    const legend = [...el.querySelectorAll("svg")].find((s) => !s.querySelector("g[aria-label=contour]"))!;
    const labels = [...legend.querySelectorAll(".tick text")].map((t) => t.textContent);
    expect(labels).toEqual(["−2.48", "", "−1.24", "", "0", "", "1.24", "", "2.48"]);
  });
});

describe("boundary of a value: its line and points read in dark mode", () => {
  it("are dark ink ringed in white, not the text colour (light in dark mode, on the pale middle bands)", async () => {
    const el = await neuronPlot();
    const strokes = [...el.querySelectorAll("svg g[aria-label=contour] [stroke]")].map((g) => g.getAttribute("stroke"));
    expect(strokes).toEqual(["#111"]); // the z = 0 line
    const dots = el.querySelector("svg g[aria-label=dot] [fill], svg g[aria-label=dot][fill]")!;
    expect([dots.getAttribute("fill"), dots.getAttribute("stroke")]).toEqual(["#111", "white"]);
  });
});
