// plot.images's view (kernel/display/images.ts): a grid of small greyscale images with a caption each,
// one SVG rectangle per pixel (Observable Plot's rect mark; Plot's raster mark would need a canvas,
// which the exporter's DOM has not), dark = low values, light = high.
import type { ImagesPayload } from "../../kernel/display/images.ts";
import { MIME } from "../../kernel/protocol/mime.ts";
import type { PlotOptions } from "../render/plot-spec.ts";
import { frameStyle, type PlotModule, type ViewRenderer } from "./view-types.ts";

const GAP = 1;
const CAPTION = 3;

export function imagesPlot(Plot: PlotModule, p: ImagesPayload, width: number, document?: Document): PlotOptions {
  const rowsOfImages = Math.ceil(p.images.length / p.cols);
  const cellW = p.width + GAP, cellH = p.height + (p.labels ? CAPTION : GAP);
  const pixels: { x: number; y: number; v: number | null }[] = [];
  p.images.forEach((img, k) => {
    const ox = (k % p.cols) * cellW, oy = Math.floor(k / p.cols) * cellH;
    img.forEach((v, i) => pixels.push({ x: ox + (i % p.width), y: oy + Math.floor(i / p.width), v }));
  });
  const captions = (p.labels ?? []).map((text, k) => ({ x: (k % p.cols) * cellW + p.width / 2, y: Math.floor(k / p.cols) * cellH + p.height + 1.3, text }));
  const W = p.cols * cellW - GAP, H = rowsOfImages * cellH;
  const pxWidth = Math.min(width, Math.max(160, p.cols * 70));
  const [lo, hi] = p.range;
  return {
    ...(document ? { document } : {}),
    width: pxWidth,
    height: Math.round((pxWidth * H) / W) + 10,
    ...(p.title ? { title: p.title } : {}),
    margin: 4,
    x: { axis: null, domain: [0, W] },
    y: { axis: null, domain: [0, H], reverse: true },
    color: { type: "linear", scheme: "greys", reverse: true, domain: [lo, hi > lo ? hi : lo + 1] },
    style: frameStyle,
    marks: [
      Plot.rect(pixels, { x1: "x", x2: (d: { x: number }) => d.x + 1, y1: "y", y2: (d: { y: number }) => d.y + 1, fill: "v" }),
      Plot.text(captions, { x: "x", y: "y", text: "text", fontSize: 11 }),
    ],
  } as PlotOptions;
}

export const imagesView: ViewRenderer<ImagesPayload> = { mime: MIME.images, plot: imagesPlot };
