// A step's "see the derivation" (and the equation highlighted and scrolled to) came from the first
// equation of the lesson that binds the step's name. Lesson 6 traces two networks that both have a w1:
// at the tanh network's step dw1 the link went to eq-dw1-linear, the linear network's derivation
// (∂L/∂w1 = Σ -2/n (y - ŷ) w5 x1, no tanh in it), 60 lines above; dw5 likewise. An equation now speaks of
// the traced cell it leads to: no other traced cell may stand between them.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseMarkdownNotebook } from "../../ui/document/index.ts";
import { renderDocument } from "../../ui/render/render.ts";
import { TracePlayer, type TraceSource } from "../../ui/app/trace-player.ts";

const doc = parseMarkdownNotebook(readFileSync("notebooks/06-backpropagation.md", "utf8"), "06-backpropagation.md");
const { equations } = renderDocument(doc);

/** the equation the player highlights at a step named `name` of traced cell `cellId` */
function linked(cellId: string, name: string): string | null {
  const host = { addController() {}, removeController() {}, requestUpdate() {}, updateComplete: Promise.resolve(true) };
  const trace = { records: [{ name }] };
  const source: TraceSource = { runtime: () => ({ cells: { [cellId]: { trace } } }) as never, kernel: () => null, equations: () => equations, cells: () => doc.cells };
  const player = new TracePlayer(host, source);
  player.open = cellId;
  player.index = 0;
  return player.boundEquation();
}

describe("a step links to the derivation of its own traced cell", () => {
  it("lesson 6, the linear network: dw1 and dw5 go to their derivations", () => {
    expect(linked("linear", "dw1")).toBe("eq-dw1-linear");
    expect(linked("linear", "dw5")).toBe("eq-dw5");
    expect(linked("linear", "N1lin")).toBe("eq-linear-net");
  });

  it("lesson 6, the tanh network: dw1 and dw5 link to no equation of the linear network; N1 still to eq-deep-net", () => {
    expect(linked("deep", "dw1")).toBe(null);
    expect(linked("deep", "dw5")).toBe(null);
    expect(linked("deep", "N1")).toBe("eq-deep-net");
    expect(linked("deep", "yhat")).toBe("eq-deep-net");
  });
});
