// What every view helper (plot.boundary, plot.network, ...) shares: a Displayable that carries one MIME
// payload (plain JSON data, drawn by the view of the same name in ui/components) and its text
// alternative as text/plain, plus the small conversions from what a lesson passes (tensors, arrays of
// numbers, nested lists) to plain numbers. Nothing here draws: the kernel has no DOM.
import type { MimeBundle } from "../protocol/mime.ts";
import { MIME } from "../protocol/mime.ts";
import { Tensor } from "../tensor/tensor.ts";
import { TO_BUNDLE, type Displayable } from "./rich.ts";
import { summaryNumber } from "./number-text.ts";

export class View<P> implements Displayable {
  constructor(readonly mime: string, readonly payload: P, readonly text: string) {}
  [TO_BUNDLE](): MimeBundle {
    return { [this.mime]: this.payload, [MIME.text]: this.text };
  }
  toString(): string {
    return this.text;
  }
}

export type Numbers = Tensor | ArrayLike<number> | readonly number[];

/** A tensor or list of numbers as a flat array (any shape, row-major). */
export function flat(x: unknown, where: string): number[] {
  if (x instanceof Tensor) return Array.from(x.data);
  if (Array.isArray(x)) return x.flat(Infinity).map((v) => toNumber(v, where));
  if (ArrayBuffer.isView(x)) return Array.from(x as unknown as ArrayLike<number>, Number);
  if (typeof x === "number") return [x];
  throw new Error(`${where}: expected a tensor or a list of numbers, got ${describeValue(x)}`);
}

function toNumber(v: unknown, where: string): number {
  if (typeof v === "number" || typeof v === "boolean") return Number(v);
  if (v instanceof Tensor && v.size === 1) return v.data[0]!;
  throw new Error(`${where}: expected numbers, found ${describeValue(v)}`);
}

/** A 2-D tensor or a list of rows as rows of numbers. */
export function rows(x: unknown, where: string): number[][] {
  if (x instanceof Tensor) {
    if (x.shape.length === 1) return [Array.from(x.data)];
    if (x.shape.length !== 2) throw new Error(`${where}: expected a 2-D tensor, got shape (${x.shape.join(", ")})`);
    const [r, c] = x.shape as [number, number];
    return Array.from({ length: r }, (_, i) => Array.from(x.data.subarray(i * c, (i + 1) * c)));
  }
  if (Array.isArray(x) && x.every((r) => Array.isArray(r) || r instanceof Tensor)) return x.map((r) => flat(r, where));
  throw new Error(`${where}: expected a 2-D tensor or a list of rows, got ${describeValue(x)}`);
}

/** The shape of a tensor or nested list. */
export function shapeOf(x: unknown): number[] {
  if (x instanceof Tensor) return [...x.shape];
  const shape: number[] = [];
  let cur: unknown = x;
  while (Array.isArray(cur)) { shape.push(cur.length); cur = cur[0]; }
  if (cur instanceof Tensor) shape.push(...cur.shape);
  return shape;
}

/** JSON has no NaN or Infinity: they travel as null (drawn as a gap). */
export const json = (v: number): number | null => (Number.isFinite(v) ? v : null);

export function describeValue(x: unknown): string {
  if (x === null) return "null";
  if (x instanceof Tensor) return `a tensor of shape (${x.shape.join(", ")})`;
  if (Array.isArray(x)) return `a list of ${x.length}`;
  return typeof x;
}

/** A number in a view's text alternative: the one summary format (number-text.ts). */
export const fmt = summaryNumber;
