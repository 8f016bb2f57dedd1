// model.summary(): the table Keras prints, layer by layer, with output shapes and parameter counts
// (Keras 2's plain-character layout, which lines up in any font and line height; sizes in bytes for
// float64, 8 bytes a number, where Keras counts float32's 4).
import { batchShape, type Layer } from "./layer.ts";
import type { Sequential } from "./sequential.ts";

function bytes(n: number): string {
  const b = n * 8;
  if (b < 1024) return `${b.toFixed(2)} B`;
  if (b < 1024 * 1024) return `${(b / 1024).toFixed(2)} KB`;
  return `${(b / 1024 / 1024).toFixed(2)} MB`;
}

export function summaryText(model: Sequential): string {
  // the first column fits the longest "name (Type)", as Keras's does when names are long
  const widths = [Math.max(29, ...model.layers.map((l) => `${l.name} (${l.className})`.length + 3)), 26, 10];
  const total = widths.reduce((a, b) => a + b, 0);
  const row = (cells: string[]) => cells.map((c, i) => (i === 0 ? " " + c : c).padEnd(widths[i])).join("").trimEnd();
  const lines: string[] = [`Model: "${model.name ?? "sequential"}"`, "_".repeat(total), row(["Layer (type)", "Output Shape", "Param #"]), "=".repeat(total)];
  let shape = model.inputShape;
  model.layers.forEach((layer: Layer, i) => {
    shape = shape === null ? null : layer.computeOutputShape(shape);
    lines.push(row([`${layer.name} (${layer.className})`, shape === null ? "?" : batchShape(shape), layer.built ? layer.countParams().toLocaleString("en-US") : "0 (unbuilt)"]));
    lines.push(i < model.layers.length - 1 ? "" : "=".repeat(total));
  });
  const params = model.countParams();
  const trainable = model.trainableWeights.reduce((n, w) => n + w.size, 0);
  lines.push(`Total params: ${params.toLocaleString("en-US")} (${bytes(params)})`);
  lines.push(`Trainable params: ${trainable.toLocaleString("en-US")} (${bytes(trainable)})`);
  lines.push(`Non-trainable params: ${(params - trainable).toLocaleString("en-US")} (${bytes(params - trainable)})`);
  lines.push("_".repeat(total));
  if (!model.built) lines.push("(The model is not built yet: give the first layer an inputShape, or call it on data.)");
  return lines.join("\n");
}
