// A lecturer's own data: CSV from a URL or a File (a file input, drag and drop), parsed with d3-dsv
// (a small, maintained parser that handles quotes and embedded newlines). Every feature must be a
// number; the target column may hold numbers or names (names become class indices, sorted).
import { dsvFormat } from "d3-dsv";
import { Tensor } from "../../tensor/tensor.ts";
import { checkOptions } from "../../tensor/options.ts";

export interface LoadOptions {
  /** the target column, by name or index; default the last; null for no target */
  target?: string | number | null;
  /** "," by default; "\t" for TSV, ";" for European CSV */
  delimiter?: string;
}

export interface LoadedData {
  X: Tensor;
  y: Tensor | null;
  featureNames: string[];
  targetName: string | null;
  /** when the target holds names: classes[k] is the name of label k */
  classes: string[] | null;
}

const isNumber = (s: string) => s.trim() !== "" && Number.isFinite(Number(s));

/** Parse CSV text into {X, y}. */
export function parseCSV(text: string, options: LoadOptions = {}): LoadedData {
  checkOptions("nn.datasets.parseCSV", options, ["target", "delimiter"]);
  const rows = dsvFormat(options.delimiter ?? ",").parseRows(text).filter((r) => r.some((c) => c.trim() !== ""));
  if (rows.length === 0) throw new Error("nn.datasets.load: the file has no rows");
  const width = rows[0].length;
  const hasHeader = rows[0].some((c) => !isNumber(c));
  const names = hasHeader ? rows[0].map((c, i) => c.trim() || `column_${i}`) : rows[0].map((_, i) => `column_${i}`);
  const body = hasHeader ? rows.slice(1) : rows;
  body.forEach((r, i) => {
    if (r.length !== width) throw new Error(`nn.datasets.load: line ${i + 1 + (hasHeader ? 1 : 0)} has ${r.length} fields, the first line ${width}`);
  });
  let t: number | null;
  if (options.target === null) t = null;
  else if (options.target === undefined) t = width - 1;
  else if (typeof options.target === "number") t = options.target < 0 ? width + options.target : options.target;
  else t = names.indexOf(options.target);
  if (t !== null && (t < 0 || t >= width)) throw new Error(`nn.datasets.load: no target column ${JSON.stringify(options.target)} (columns: ${names.join(", ")})`);
  const features = names.map((_, i) => i).filter((i) => i !== t);
  const n = body.length;
  const X = new Float64Array(n * features.length);
  body.forEach((r, i) => features.forEach((c, j) => {
    if (!isNumber(r[c])) throw new Error(`nn.datasets.load: line ${i + 1 + (hasHeader ? 1 : 0)}, column "${names[c]}": ${JSON.stringify(r[c].slice(0, 40))} is not a number`);
    X[i * features.length + j] = Number(r[c]);
  }));
  let y: Tensor | null = null, classes: string[] | null = null;
  if (t !== null) {
    const col = body.map((r) => r[t!].trim());
    if (col.every(isNumber)) y = new Tensor(Float64Array.from(col, Number), [n]);
    else {
      classes = [...new Set(col)].sort();
      y = new Tensor(Float64Array.from(col, (v) => classes!.indexOf(v)), [n]);
    }
  }
  return { X: new Tensor(X, [n, features.length]), y, featureNames: features.map((i) => names[i]), targetName: t === null ? null : names[t], classes };
}

/** Load CSV from a URL (fetched) or a File/Blob: `await nn.datasets.load("data/my.csv", {target: "label"})`. */
export async function load(source: string | Blob, options: LoadOptions = {}): Promise<LoadedData> {
  let text: string;
  if (typeof source === "string") {
    const response = await fetch(source);
    if (!response.ok) throw new Error(`nn.datasets.load: ${source}: HTTP ${response.status} ${response.statusText}`);
    text = await response.text();
  } else if (source && typeof (source as Blob).text === "function") {
    text = await source.text();
  } else {
    throw new Error("nn.datasets.load: give a URL or a File");
  }
  return parseCSV(text, options);
}
