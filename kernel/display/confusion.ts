// plot.confusion(yTrue, yPred): how often each true class (a row) was predicted as each class (a
// column). Labels are class numbers, or one-hot / probability rows (their argmax). Drawn by
// ui/components/confusion-view.ts as a heatmap with the counts written in.
import { MIME } from "../protocol/mime.ts";
import { Tensor } from "../tensor/tensor.ts";
import { flat, rows, View } from "./view.ts";

export interface ConfusionPayload {
  /** counts[t][p]: examples of true class t predicted as p. */
  counts: number[][];
  labels: string[];
  title?: string;
}

const WHERE = "plot.confusion";

function classes(y: unknown, what: string): number[] {
  const twoD = y instanceof Tensor ? y.shape.length === 2 && y.shape[1]! > 1 : Array.isArray(y) && Array.isArray(y[0]) && y[0].length > 1;
  const v = twoD ? rows(y, `${WHERE}: ${what}`).map((r) => r.indexOf(Math.max(...r))) : flat(y, `${WHERE}: ${what}`);
  v.forEach((c, i) => { if (!Number.isInteger(c) || c < 0) throw new Error(`${WHERE}: ${what}[${i}] is ${c}, expected a class number 0, 1, 2, ...`); });
  return v;
}

export function confusion(yTrue: unknown, yPred: unknown, options: { labels?: string[]; title?: string } = {}): View<ConfusionPayload> {
  const t = classes(yTrue, "yTrue"), p = classes(yPred, "yPred");
  if (t.length !== p.length) throw new Error(`${WHERE}: yTrue has ${t.length} labels but yPred has ${p.length}`);
  const top = Math.max(-1, ...t, ...p) + 1;
  if (options.labels && options.labels.length < top) throw new Error(`${WHERE}: ${options.labels.length} labels for classes 0 to ${top - 1}`);
  const k = Math.max(top, options.labels?.length ?? 0, 1);
  if (k > 50) throw new Error(`${WHERE}: ${k} classes is too many to draw (at most 50)`);
  const counts = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  t.forEach((c, i) => counts[c]![p[i]!]!++);
  const labels = options.labels ?? Array.from({ length: k }, (_, i) => String(i));
  const right = counts.reduce((s, r, i) => s + r[i]!, 0);
  let worst = { n: 0, t: 0, p: 0 };
  counts.forEach((r, i) => r.forEach((n, j) => { if (i !== j && n > worst.n) worst = { n, t: i, p: j }; }));
  const common = worst.n ? `; most common mistake: ${labels[worst.t]} predicted as ${labels[worst.p]} (${worst.n === 1 ? "once" : `${worst.n} times`})` : "";
  const acc = t.length ? Math.round((100 * right) / t.length) : 0;
  const payload: ConfusionPayload = { counts, labels, ...(options.title ? { title: options.title } : {}) };
  return new View(MIME.confusion, payload, `[confusion matrix${options.title ? ` "${options.title}"` : ""} of ${k} classes: ${right} of ${t.length} correct (${acc}%)${common}; rows ${counts.map((r, i) => `${labels[i]}: ${r.join(" ")}`).join(", ")}]`);
}
