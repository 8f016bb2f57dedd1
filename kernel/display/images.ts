// plot.images(X, {shape: [8, 8], cols, labels}): a grid of small greyscale images (digits, an
// autoencoder's inputs and reconstructions, misclassified examples with their labels). Each row of X is
// one image (or X is (N, h, w)); ui/components/images-view.ts draws one small square per pixel.
import { MIME } from "../protocol/mime.ts";
import { Tensor } from "../tensor/tensor.ts";
import { describeValue, flat, json, shapeOf, View } from "./view.ts";

/** Pixels drawn at most (each is an SVG rectangle in the exported page): 32 images of 16 x 16. */
export const MAX_PIXELS = 8192;

export interface ImagesPayload {
  height: number;
  width: number;
  cols: number;
  /** row-major pixels of each image shown. */
  images: (number | null)[][];
  /** the images given (more than shown when the grid is capped). */
  total: number;
  labels: string[] | null;
  /** the value range mapped from black to white (shared by all images). */
  range: [number, number];
  title?: string;
}

export interface ImagesOptions {
  /** [height, width] of one image (default: a square, or X's last two dims for (N, h, w)). */
  shape?: [number, number];
  cols?: number;
  /** a caption per image ("7", "true 3, predicted 5"). */
  labels?: unknown[];
  /** value range shown black to white (default: min and max of the images shown). */
  range?: [number, number];
  title?: string;
}

const WHERE = "plot.images";

export function images(X: unknown, options: ImagesOptions = {}): View<ImagesPayload> {
  if (!(X instanceof Tensor) && !Array.isArray(X)) throw new Error(`${WHERE}: expected a tensor of images, one per row, got ${describeValue(X)}`);
  const shape = shapeOf(X);
  const values = flat(X, WHERE);
  const n = shape.length <= 1 ? 1 : shape[0]!;
  const per = values.length / n;
  let [h, w] = options.shape ?? (shape.length === 3 ? [shape[1]!, shape[2]!] : [Math.round(Math.sqrt(per)), Math.round(Math.sqrt(per))]);
  if (h * w !== per) throw new Error(`${WHERE}: each image has ${per} values, which is not ${options.shape ? `${h} x ${w}` : "a square"}${options.shape ? "" : "; give {shape: [height, width]}"}`);
  const shown = Math.max(1, Math.min(n, Math.floor(MAX_PIXELS / per)));
  const cols = Math.max(1, Math.min(shown, Math.round(options.cols ?? Math.min(shown, 8))));
  const imgs = Array.from({ length: shown }, (_, k) => values.slice(k * per, (k + 1) * per).map(json));
  const finite = imgs.flat().filter((v): v is number => v !== null);
  const range: [number, number] = options.range ?? [Math.min(...finite), Math.max(...finite)];
  if (options.labels !== undefined && options.labels.length !== n) throw new Error(`${WHERE}: ${n} images but ${options.labels.length} labels`);
  const labels = options.labels ? options.labels.slice(0, shown).map((l) => (l instanceof Tensor && l.size === 1 ? String(l.data[0]) : String(l))) : null;
  const payload: ImagesPayload = { height: h, width: w, cols, images: imgs, total: n, labels, range, ...(options.title ? { title: options.title } : {}) };
  const cap = shown < n ? ` (the first ${shown} of ${n})` : "";
  const lab = labels ? `, labelled ${labels.slice(0, 10).join(", ")}${labels.length > 10 ? ", ..." : ""}` : "";
  return new View(MIME.images, payload, `[images${options.title ? ` "${options.title}"` : ""}: ${shown} images of ${h} x ${w} pixels${cap} in ${cols} columns${lab}]`);
}
