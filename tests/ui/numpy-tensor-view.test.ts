// A tensor as a numpy user reads it, in the app's view and on the exported page: a mask (dtype bool) shows
// True and False as numpy prints them (it showed 1 and 0, "min 0 · max 1 · mean 0.2917"); a tensor of 3
// or more axes, drawn as (rest x last), labels each row with its leading indices ("1, 2" is X[1, 2, :]),
// where the flat row numbers 0..5 of a (2, 3, 4) tensor named no index of it.
import { describe, expect, it } from "vitest";
import "../../ui/components/sb-tensor-view.ts";
import { tensorHtml } from "../../ui/export/outputs-html.ts";
import type { TensorPayload } from "../../kernel/protocol/mime.ts";

async function mount(tensor: object): Promise<HTMLElement> {
  const el = document.createElement("sb-tensor-view") as HTMLElement & { tensor: unknown; updateComplete: Promise<unknown> };
  el.tensor = tensor;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

const payload = (over: Partial<TensorPayload>): TensorPayload => ({
  name: "t", dtype: "float64", shape: [2], data: [0, 1], truncated: false, size: 2, min: 0, max: 1, mean: 0.5,
  requiresGrad: false, isParameter: false, hasGrad: false, ...over,
});
const mask = payload({ name: "mask", dtype: "bool", shape: [2, 3], data: [1, 0, 0, 1, 1, 0], size: 6, min: 0, max: 1, mean: 0.5 });

describe("a mask reads True and False", () => {
  it("in the app: cells and the count of True", async () => {
    const el = await mount(mask);
    expect([...el.querySelectorAll("tbody td")].map((td) => td.textContent)).toEqual(["True", "False", "False", "True", "True", "False"]);
    expect(el.querySelector(".tensor-stats")!.textContent).toBe("3 of 6 True");
    const one = await mount(payload({ dtype: "bool", shape: [], data: [1], size: 1, mean: 1 }));
    expect(one.querySelector(".tensor-scalar")!.textContent).toBe("True");
  });

  it("on the exported page", () => {
    const html = tensorHtml(mask);
    expect(html).toContain("<td>True</td><td>False</td><td>False</td></tr><tr><td>True</td><td>True</td><td>False</td>");
    expect(html).toContain("3 of 6 True");
    expect(html).not.toContain("min 0");
    expect(tensorHtml(payload({ dtype: "bool", shape: [], data: [0], size: 1, mean: 0 }))).toContain('<div class="scalar">False</div>');
  });

  it("a float tensor is unchanged: numbers and min / max / mean", async () => {
    const el = await mount(payload({ data: [0, 1] }));
    expect([...el.querySelectorAll("tbody td")].map((td) => td.textContent)).toEqual(["0", "1"]);
    expect(el.querySelector(".tensor-stats")!.textContent).toBe("min 0 · max 1 · mean 0.5");
  });
});

describe("rows of a tensor of 3 or more axes", () => {
  it("are labelled by their leading indices; a matrix's by its row number", async () => {
    const cube = await mount(payload({ shape: [2, 3, 4], data: Array.from({ length: 24 }, (_, i) => i), size: 24, min: 0, max: 23, mean: 11.5 }));
    expect([...cube.querySelectorAll("tbody th")].map((th) => th.textContent)).toEqual(["0, 0", "0, 1", "0, 2", "1, 0", "1, 1", "1, 2"]);
    const four = await mount(payload({ shape: [2, 1, 2, 2], data: [1, 2, 3, 4, 5, 6, 7, 8], size: 8 }));
    expect([...four.querySelectorAll("tbody th")].map((th) => th.textContent)).toEqual(["0, 0, 0", "0, 0, 1", "1, 0, 0", "1, 0, 1"]);
    const matrix = await mount(payload({ shape: [3, 2], data: [1, 2, 3, 4, 5, 6], size: 6 }));
    expect([...matrix.querySelectorAll("tbody th")].map((th) => th.textContent)).toEqual(["0", "1", "2"]);
  });
});
