// Printing like numpy: array([[ 0.1, -0.2], ...]); large arrays are summarised with "..." and shape=.
import type { Tensor } from "./tensor.ts";
import { formatShape } from "./shape.ts";

const THRESHOLD = 1000; // numpy's default print threshold
const EDGE = 3; // items shown at each end of a summarised axis
const PRECISION = 8;

/** One number as numpy prints it alone: 1., 0.25, nan, inf, 1.5e-05. */
export function formatNumber(v: number): string {
  return layoutNumbers([v])[0];
}

function nonFinite(v: number): string {
  return Number.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
}

/**
 * numpy's rules for a column of numbers: scientific notation when the largest magnitude is >= 1e8,
 * or the smallest non-zero one < 1e-4, or they span more than 1e3; otherwise fixed point with at most
 * 8 decimals. Integer parts are right-aligned and fractions left-aligned so the points line up;
 * nan and inf are right-aligned to the whole width.
 */
export function layoutNumbers(values: readonly number[]): string[] {
  const finite = values.filter(Number.isFinite);
  const mags = finite.filter((v) => v !== 0).map(Math.abs);
  const hi = mags.length ? Math.max(...mags) : 0;
  const lo = mags.length ? Math.min(...mags) : 0;
  const scientific = mags.length > 0 && (hi >= 1e8 || lo < 1e-4 || hi / lo > 1e3);
  let parts: [string, string][];
  if (scientific) {
    const digits = Math.max(0, ...finite.map((v) => mantissaDigits(v)));
    parts = values.map((v) => (Number.isFinite(v) ? splitAtPoint(sciString(v, digits)) : ["", ""]));
  } else {
    parts = values.map((v) => (Number.isFinite(v) ? splitAtPoint(fixedString(v)) : ["", ""]));
  }
  const intWidth = Math.max(0, ...parts.map(([i]) => i.length));
  const fracWidth = Math.max(0, ...parts.map(([, f]) => f.length));
  const width = Math.max(intWidth + fracWidth, ...values.filter((v) => !Number.isFinite(v)).map((v) => nonFinite(v).length));
  return values.map((v, k) => {
    if (!Number.isFinite(v)) return nonFinite(v).padStart(width);
    const [i, f] = parts[k];
    return (i.padStart(width - fracWidth) + f.padEnd(fracWidth));
  });
}

function fixedString(v: number): string {
  if (Object.is(v, -0)) return "-0.";
  if (Number.isInteger(v)) return `${v}.`;
  return v.toFixed(PRECISION).replace(/0+$/, "");
}

/** Digits after the point that the shortest exact-enough mantissa needs (at most PRECISION). */
function mantissaDigits(v: number): number {
  const m = Number(v.toExponential(PRECISION)).toExponential().split("e")[0];
  const dot = m.indexOf(".");
  return dot < 0 ? 1 : Math.min(PRECISION, m.length - dot - 1);
}

function sciString(v: number, digits: number): string {
  return v.toExponential(Math.max(1, digits)).replace(/e([+-])(\d)$/, "e$10$2");
}

function splitAtPoint(s: string): [string, string] {
  const e = s.indexOf("e");
  const dot = s.indexOf(".");
  if (e >= 0) return [s.slice(0, dot), s.slice(dot)];
  return dot < 0 ? [s, ""] : [s.slice(0, dot), s.slice(dot)];
}

export function formatTensor(t: Tensor): string {
  const summarise = t.size > THRESHOLD;
  const shown = collectShown(t, summarise);
  const texts = layoutNumbers(shown);
  const pad = (x: string) => x;
  let next = 0;
  const nd = t.ndim;
  const indent = "array(".length;

  const build = (axis: number, offset: number): string => {
    if (axis === nd) return pad(texts[next++]);
    const n = t.shape[axis];
    const stride = t.strides[axis];
    const parts: string[] = [];
    const cut = summarise && n > 2 * EDGE;
    for (let i = 0; i < n; i++) {
      if (cut && i === EDGE) {
        parts.push("...");
        i = n - EDGE - 1;
        continue;
      }
      parts.push(build(axis + 1, offset + i * stride));
    }
    const sep = axis === nd - 1 ? ", " : "," + "\n".repeat(nd - 1 - axis) + " ".repeat(indent + axis + 1);
    return "[" + parts.join(sep) + "]";
  };
  const body = nd === 0 ? texts[0] : build(0, 0);
  const suffix = summarise ? `, shape=${formatShape(t.shape)}` : "";
  return `array(${body}${suffix})`;
}

/** The values that will be printed, in print order (so widths are computed only over them). */
function collectShown(t: Tensor, summarise: boolean): number[] {
  const out: number[] = [];
  const walk = (axis: number, offset: number) => {
    if (axis === t.ndim) {
      out.push(t.data[offset]);
      return;
    }
    const n = t.shape[axis];
    const stride = t.strides[axis];
    const cut = summarise && n > 2 * EDGE;
    for (let i = 0; i < n; i++) {
      if (cut && i === EDGE) i = n - EDGE;
      walk(axis + 1, offset + i * stride);
    }
  };
  walk(0, 0);
  return out;
}
