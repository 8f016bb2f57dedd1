// A path's end label never lies on the lines and points it annotates (lesson 5, cell 9: gradient descent
// walking down the parabola L(w) ends at its bottom, and the label "alpha = 0.05", always drawn to the
// right of the last step, sat on the curve). Measured in Chromium on what it draws: the label's box
// against every line of the plot (sampled along its length) and every step of the path, live in the app
// and in the exporter's SVG, for learning rates that end at the bottom and far up the curve.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { plot } from "../../kernel/display/plot.ts";
import { plotToSvg } from "../../ui/export/plot-svg.ts";
import { MIME, type PlotSpec } from "../../kernel/protocol/mime.ts";
import { TO_BUNDLE } from "../../kernel/display/rich.ts";
import { hasBrowser, launch, replaceCellSource } from "./harness.ts";
import { servedForBlock } from "./served.ts";

const RATES = [0.05, 0.1, 0.14];

/** lesson 5's cells `data`, `many-steps` and `rate-path`, as one cell of plain numbers. */
const lessonCode = (rate: number) => `
const xs = [1, 2, 3, 4], ys = [2.1, 3.9, 6.2, 7.8];
const loss = (w: number) => xs.reduce((s, x, i) => s + (ys[i]! - w * x) ** 2, 0) / 4;
const slope = (w: number) => -0.5 * xs.reduce((s, x, i) => s + x * (ys[i]! - w * x), 0);
const ws = Array.from({ length: 61 }, (_, i) => -1 + i * 0.1);
const walk = [0];
for (let t = 0; t < 12; t++) walk.push(walk.at(-1)! - ${rate} * slope(walk.at(-1)!));
plot.layer(
  plot.line(ws, ws.map(loss), { title: "12 steps with alpha = ${rate}", xLabel: "w", yLabel: "loss" }),
  plot.path(walk.map((v) => [v, loss(v)]), { label: "alpha = ${rate}" }),
)`;

function lessonSpec(rate: number): PlotSpec {
  const scope = { plot } as Record<string, unknown>;
  const body = lessonCode(rate).replace(/: number|!/g, "").replace(/\nplot\.layer/, "\nreturn plot.layer");
  const value = new Function(...Object.keys(scope), body)(...Object.values(scope)) as { [TO_BUNDLE](): Record<string, unknown> };
  return value[TO_BUNDLE]()[MIME.plot] as PlotSpec;
}

/** What the label covers: points of the plot's lines within its box, and steps of the path near it. */
function covered(page: Page) {
  return page.evaluate(() => {
    const svg = [...document.querySelectorAll("svg")].find((s) => s.querySelector("g[aria-label=text] text"))!;
    const text = svg.querySelector("g[aria-label=text] text") as SVGTextElement;
    const b = text.getBBox();
    const ctm = (el: SVGGraphicsElement) => el.getCTM()!.inverse().multiply(text.getCTM()!).inverse();
    const hits: string[] = [];
    for (const path of svg.querySelectorAll<SVGPathElement>("g[aria-label=line] path")) {
      const m = ctm(path);
      const length = path.getTotalLength();
      for (let s = 0; s <= length; s += 0.5) {
        const p = path.getPointAtLength(s).matrixTransform(m);
        if (p.x > b.x && p.x < b.x + b.width && p.y > b.y && p.y < b.y + b.height) { hits.push(`line at (${p.x.toFixed(0)}, ${p.y.toFixed(0)})`); break; }
      }
      // the path's steps are its vertices, each drawn as a dot of radius 3
      for (const [, x, y] of (path.getAttribute("d") ?? "").matchAll(/[ML]([-\d.]+),([-\d.]+)/g)) {
        const p = new DOMPoint(Number(x), Number(y)).matrixTransform(m);
        const dx = Math.max(b.x - p.x, 0, p.x - b.x - b.width), dy = Math.max(b.y - p.y, 0, p.y - b.y - b.height);
        if (Math.hypot(dx, dy) < 3 && path.getAttribute("marker-end")) hits.push(`step at (${p.x.toFixed(0)}, ${p.y.toFixed(0)})`);
      }
    }
    const box = svg.getBoundingClientRect(), t = text.getBoundingClientRect();
    if (t.left < box.left || t.right > box.right || t.top < box.top || t.bottom > box.bottom) hits.push("outside the plot");
    return { label: text.textContent, hits };
  });
}

describe.skipIf(!hasBrowser())("a path's end label covers none of the plot's lines or steps", () => {
  const served = servedForBlock({ mode: "dev" });

  it("live, in the app (lesson 5's rate-path plot, three learning rates)", async () => {
    const b = await launch();
    try {
      const page = await b.context.newPage();
      await page.goto(`${served().url}#/lesson/01-one-layer`);
      for (const [i, rate] of RATES.entries()) {
        const cell = await replaceCellSource(page, "data", lessonCode(rate), 30_000, { editorOpen: i > 0 });
        await page.keyboard.press("Control+Enter");
        await cell.locator(`sb-plot svg g[aria-label=text] text`).filter({ hasText: `alpha = ${rate}` }).waitFor({ timeout: 30_000 });
        expect(await covered(page)).toEqual({ label: `alpha = ${rate}`, hits: [] });
      }
    } finally {
      await b.close();
    }
  }, 120_000);

  it("exported: the SVG the exporter writes, drawn by Chromium", async () => {
    const b = await launch();
    try {
      const page = await b.context.newPage();
      for (const rate of RATES) {
        await page.setContent(`<!doctype html><body style="font-family: sans-serif">${plotToSvg(lessonSpec(rate))}</body>`);
        expect(await covered(page)).toEqual({ label: `alpha = ${rate}`, hits: [] });
      }
    } finally {
      await b.close();
    }
  }, 60_000);
});
