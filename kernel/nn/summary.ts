// model.summary(): the table Keras 3 prints, layer by layer, with output shapes and parameter
// counts (sizes in bytes for float64, 8 bytes a number, where Keras counts float32's 4).
import { batchShape, type Layer } from "./layer.ts";
import type { Sequential } from "./sequential.ts";

let WIDTHS = [33, 24, 15];

function shapeText(shape: number[] | null): string {
  return shape === null ? "?" : batchShape(shape);
}

function bytes(n: number): string {
  const b = n * 8;
  if (b < 1024) return `${b.toFixed(2)} B`;
  if (b < 1024 * 1024) return `${(b / 1024).toFixed(2)} KB`;
  return `${(b / 1024 / 1024).toFixed(2)} MB`;
}

function row(cells: string[], sep: string, align: ("l" | "r")[]): string {
  return sep + cells.map((c, i) => {
    const w = WIDTHS[i] - 2;
    const text = c.length > w ? c.slice(0, w - 1) + "…" : c;
    return " " + (align[i] === "r" ? text.padStart(w) : text.padEnd(w)) + " ";
  }).join(sep) + sep;
}

const rule = (l: string, m: string, r: string, h: string) => l + WIDTHS.map((w) => h.repeat(w)).join(m) + r;

export function summaryText(model: Sequential): string {
  const lines: string[] = [];
  // the first column fits the longest "name (Type)", as Keras's does when the names are long
  WIDTHS = [Math.max(33, ...model.layers.map((l) => `${l.name} (${l.className})`.length + 2)), 24, 15];
  lines.push(`Model: "${model.name ?? "sequential"}"`);
  lines.push(rule("┏", "┳", "┓", "━"));
  lines.push(row(["Layer (type)", "Output Shape", "Param #"], "┃", ["l", "l", "r"]));
  lines.push(rule("┡", "╇", "┩", "━"));
  let shape = model.inputShape;
  model.layers.forEach((layer: Layer, i) => {
    shape = shape === null ? null : layer.computeOutputShape(shape);
    lines.push(row([`${layer.name} (${layer.className})`, layer.built || shape !== null ? shapeText(shape) : "?", layer.built ? layer.countParams().toLocaleString("en-US") : "0 (unbuilt)"], "│", ["l", "l", "r"]));
    if (i < model.layers.length - 1) lines.push(rule("├", "┼", "┤", "─"));
  });
  lines.push(rule("└", "┴", "┘", "─"));
  const total = model.countParams();
  const trainable = model.trainableWeights.reduce((n, w) => n + w.size, 0);
  lines.push(` Total params: ${total.toLocaleString("en-US")} (${bytes(total)})`);
  lines.push(` Trainable params: ${trainable.toLocaleString("en-US")} (${bytes(trainable)})`);
  lines.push(` Non-trainable params: ${(total - trainable).toLocaleString("en-US")} (${bytes(total - trainable)})`);
  if (!model.built) lines.push(" (The model is not built yet: give the first layer an inputShape, or call it on data.)");
  return lines.join("\n");
}
