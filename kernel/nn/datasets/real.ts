// The real data sets shipped in the repository (extracted once by tools/extract-datasets.py).
import { Tensor } from "../../tensor/tensor.ts";
import { DIGITS } from "./digits-data.ts";
import { WINE, WINE_FEATURES } from "./wine-data.ts";
import type { Dataset } from "./generators.ts";

let digitsCache: { X: Float64Array; y: Float64Array } | null = null;

/**
 * The 8x8 handwritten digits (UCI, CC BY 4.0): X (1797, 64) with pixels 0..16 (divide by 16 to
 * scale them to [0, 1]), y (1797,) labels 0..9. `images` gives them as (1797, 8, 8) too.
 */
export function digits(): Dataset & { images: Tensor } {
  if (digitsCache === null) {
    const lines = DIGITS.split("\n");
    const X = new Float64Array(lines.length * 64), y = new Float64Array(lines.length);
    lines.forEach((line, i) => {
      for (let j = 0; j < 64; j++) X[i * 64 + j] = parseInt(line[j], 17);
      y[i] = Number(line[64]);
    });
    digitsCache = { X, y };
  }
  const n = digitsCache.y.length;
  return { X: new Tensor(digitsCache.X.slice(), [n, 64]), y: new Tensor(digitsCache.y.slice(), [n]), images: new Tensor(digitsCache.X.slice(), [n, 8, 8]) };
}

/** The UCI wine data (CC BY 4.0): X (178, 13) chemical measurements, y (178,) cultivar 0..2. */
export function wine(): Dataset & { featureNames: string[] } {
  const n = WINE.length;
  const X = new Float64Array(n * 13), y = new Float64Array(n);
  WINE.forEach((row, i) => {
    for (let j = 0; j < 13; j++) X[i * 13 + j] = row[j];
    y[i] = row[13];
  });
  return { X: new Tensor(X, [n, 13]), y: new Tensor(y, [n]), featureNames: [...WINE_FEATURES] };
}
