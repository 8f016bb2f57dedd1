// Printing as numpy 2 prints an array's repr: array([[ 0.1, -0.2], ...]). This follows numpy's
// arrayprint.py step by step (_array_repr_implementation, _formatArray, FloatingFormat, BoolFormat)
// with its defaults: line width 75, precision 8, floatmode "maxprec", threshold 1000, edgeitems 3.
//   - rows wrap at 75 characters, continuation lines indented under the first element;
//   - arrays over 1000 elements show 3 items at each end of each axis and "...", plus shape=(...);
//   - numbers: fixed point with up to 8 decimals, or scientific (1.e-05) when the largest magnitude
//     is >= 1e8, the smallest non-zero < 1e-4, or they span more than 1e3; the shortest digits that
//     give back the number, rounded half to even at the 8th decimal (from the exact binary value);
//   - empty arrays: array([], dtype=float64), array([], shape=(0, 3), dtype=float64);
//   - bool arrays: array([ True, False]) (numpy's BoolFormat: " True" lines up with "False", except 0-d).
// tests/fixtures/numpy/printing.json holds numpy's own output for each of these.
import type { Tensor } from "./tensor.ts";
import { formatShape, stridesOf } from "./shape.ts";

const LINE_WIDTH = 75;
const THRESHOLD = 1000;
const EDGE = 3;
const PRECISION = 8;

// ---- one number's digits -------------------------------------------------------------------------

/** |v| = digits x 10^exp exactly (v finite, non-zero): a double is m 2^e, and 2^-k = 5^k 10^-k. */
function exactDecimal(v: number): { digits: string; exp: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(v));
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  let m = bits & 0xfffffffffffffn;
  let e = biased - 1075;
  if (biased === 0) e = -1074; // subnormal: no hidden bit
  else m |= 1n << 52n;
  let digits: string;
  let exp: number;
  if (e >= 0) [digits, exp] = [(m << BigInt(e)).toString(), 0];
  else [digits, exp] = [(m * 5n ** BigInt(-e)).toString(), e];
  const trimmed = digits.replace(/0+$/, "");
  return { digits: trimmed, exp: exp + digits.length - trimmed.length };
}

/** "123.4500" or "1.2345e-7" as digits x 10^exp, trailing zeros dropped (digits "12345", exp -2). */
function parseDecimal(s: string): { digits: string; exp: number } {
  const [mantissa, e = "0"] = s.split("e");
  const [int, frac = ""] = mantissa.split(".");
  const all = (int + frac).replace(/^0+/, "");
  const digits = all.replace(/0+$/, "");
  return { digits, exp: Number(e) - frac.length + (all.length - digits.length) };
}

/** The shortest digits that read back as v (JavaScript's own shortest round-trip). */
const shortestDecimal = (v: number) => parseDecimal(Math.abs(v).toExponential());

/**
 * digits x 10^exp rounded to keep only positions >= 10^keep, half to even (numpy's Dragon4 rounds a
 * tie to the even digit: 0.001953125 prints as 0.00195312).
 */
function roundAt(d: { digits: string; exp: number }, keep: number): { digits: string; exp: number } {
  const drop = keep - d.exp; // how many trailing digits go
  if (drop <= 0) return d;
  if (drop > d.digits.length) return { digits: "", exp: keep }; // below a tenth of 10^keep: rounds to 0
  const kept = d.digits.slice(0, d.digits.length - drop);
  const rest = d.digits.slice(d.digits.length - drop);
  const last = kept.length ? Number(kept[kept.length - 1]) : 0;
  const up = rest[0] > "5" || (rest[0] === "5" && (/[1-9]/.test(rest.slice(1)) || last % 2 === 1));
  let n = BigInt(kept || "0");
  if (up) n += 1n;
  const s = n === 0n ? "" : n.toString();
  const trimmed = s.replace(/0+$/, "");
  return { digits: trimmed, exp: keep + s.length - trimmed.length };
}

/**
 * numpy's "unique" digits with a cutoff: the shortest if they fit above 10^keep, else the exact value
 * rounded there. JavaScript's toFixed/toExponential round the exact value too, but a tie upwards; so
 * only a possible tie (a 5 in the next digit) takes the exact (BigInt) way, which rounds it to even.
 */
function uniqueDigits(v: number, fixed: boolean): { digits: string; exp: number } {
  const a = Math.abs(v);
  const shortest = shortestDecimal(a);
  const leading = shortest.exp + shortest.digits.length - 1; // the power of ten of the first digit
  const keep = fixed ? -PRECISION : leading - PRECISION;
  if (shortest.exp >= keep) return shortest;
  const next = fixed ? a.toFixed(PRECISION + 1) : a.toExponential(PRECISION + 1);
  if (!next.split("e")[0].endsWith("5")) return parseDecimal(fixed ? a.toFixed(PRECISION) : a.toExponential(PRECISION));
  const exact = exactDecimal(a);
  return roundAt(exact, fixed ? keep : exact.exp + exact.digits.length - 1 - PRECISION);
}

/** Fixed point: ["-12", "345"] for -12.345 (integer part with sign, fraction digits). */
function positional(v: number): [string, string] {
  const sign = v < 0 || Object.is(v, -0) ? "-" : "";
  if (v === 0) return [`${sign}0`, ""];
  const { digits, exp } = uniqueDigits(v, true);
  if (digits === "") return [`${sign}0`, ""];
  const point = digits.length + exp; // digits before the decimal point
  const int = point > 0 ? digits.slice(0, point).padEnd(point, "0") : "0";
  const frac = point >= digits.length ? "" : point >= 0 ? digits.slice(point) : "0".repeat(-point) + digits;
  return [sign + int, frac];
}

/** Scientific: ["-1", "5", -5] for -1.5e-05 (one digit before the point, up to PRECISION after). */
function scientific(v: number): [string, string, number] {
  const sign = v < 0 || Object.is(v, -0) ? "-" : "";
  if (v === 0) return [`${sign}0`, "", 0];
  const { digits, exp } = uniqueDigits(v, false);
  return [sign + digits[0], digits.slice(1), exp + digits.length - 1];
}

// ---- a column of numbers (numpy's FloatingFormat) --------------------------------------------------

function nonFinite(v: number): string {
  return Number.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
}

/** Each number of `values` as numpy prints it in a column of them (all the same width, points lined up). */
export function layoutFloats(values: readonly number[]): string[] {
  let hi = 0;
  let lo = Infinity;
  for (const v of values) {
    const m = Math.abs(v);
    if (m !== 0 && m !== Infinity && m === m) {
      if (m > hi) hi = m;
      if (m < lo) lo = m;
    }
  }
  const exponential = hi > 0 && (hi >= 1e8 || lo < 1e-4 || hi / lo > 1e3);
  const finite = (v: number) => Number.isFinite(v);
  // each number's parts once: [integer part with sign, fraction digits, exponent]
  const parts = values.map((v): [string, string, number] => (!finite(v) ? ["", "", 0] : exponential ? scientific(v) : [...positional(v), 0]));
  const shown = parts.filter((_, k) => finite(values[k]));
  let padLeft = Math.max(0, ...shown.map(([i]) => i.length));
  const precision = Math.max(0, ...shown.map(([, f]) => f.length));
  const expDigits = Math.max(2, ...shown.map(([, , e]) => String(Math.abs(e)).length));
  const padRight = exponential ? expDigits + 2 + precision : precision;
  if (shown.length !== values.length) {
    // nan and inf are right-aligned to the column; the column widens if they are longer
    const infLength = values.some((v) => v === -Infinity) ? 4 : 3;
    padLeft = Math.max(padLeft, 3 - (padRight + 1), infLength - (padRight + 1));
  }
  return values.map((v, k) => {
    if (!finite(v)) return nonFinite(v).padStart(padLeft + padRight + 1);
    const [i, f, e] = parts[k];
    if (!exponential) return `${i.padStart(padLeft)}.${f.padEnd(padRight)}`;
    return `${i.padStart(padLeft)}.${f.padEnd(precision, "0")}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(expDigits, "0")}`;
  });
}

/** One number as numpy prints it alone: 1., 0.25, nan, inf, 1.5e-05. */
export function formatNumber(v: number): string {
  return layoutFloats([v])[0];
}

// ---- the array ----------------------------------------------------------------------------------

export function formatTensor(t: Tensor): string {
  const prefix = "array(";
  const summarise = t.size > THRESHOLD;
  let body = "[]";
  if (t.size > 0) {
    const shown = collectShown(t, summarise);
    const texts = t.dtype === "bool" ? shown.map((v) => (v !== 0 ? (t.ndim === 0 ? "True" : " True") : "False")) : layoutFloats(shown);
    // the line width leaves room for the closing ")"; continuation lines start under the first "["
    body = formatArray(t, texts, LINE_WIDTH - 1, " ".repeat(prefix.length + 1), summarise);
  }
  const extras: string[] = [];
  if ((t.size === 0 && t.ndim !== 1) || summarise) extras.push(`shape=${formatShape(t.shape)}`);
  if (t.size === 0) extras.push(`dtype=${t.dtype}`);
  if (extras.length === 0) return `${prefix}${body})`;
  // the extras go on a new line if they would take the last line past the width
  const start = `${prefix}${body},`;
  const extra = `${extras.join(", ")})`;
  const lastLine = start.length - (start.lastIndexOf("\n") + 1);
  const spacer = lastLine + extra.length + 1 > LINE_WIDTH ? "\n" + " ".repeat(prefix.length) : " ";
  return start + spacer + extra;
}

/**
 * numpy's _formatArray: brackets, separators, wrapping at the line width, "..." where summarised.
 * `texts` are the shown elements already formatted, in the order this walk reaches them.
 */
function formatArray(t: Tensor, texts: readonly string[], lineWidth: number, nextLinePrefix: string, summarise: boolean): string {
  const strides = stridesOf(t.shape);
  let next = 0;
  const separator = ", ";
  const recurse = (axis: number, offset: number, hangingIndent: string, width: number): string => {
    if (axis === t.ndim) return texts[next++];
    const nextIndent = hangingIndent + " ";
    const nextWidth = width - 1; // room for this axis's "]"
    const n = t.shape[axis];
    const cut = summarise && 2 * EDGE < n;
    const leading = cut ? EDGE : 0;
    const trailing = cut ? EDGE : n;
    const item = (i: number) => recurse(axis + 1, offset + i * strides[axis], nextIndent, nextWidth);
    let s = "";
    if (axis === t.ndim - 1) {
      // the last axis: elements on a line, wrapped when the next one would not fit
      const elementWidth = width - Math.max(separator.trimEnd().length, 1);
      let line = hangingIndent;
      const extend = (word: string, limit: number) => {
        if (line.length + word.length > limit && line.length > hangingIndent.length) {
          s += line.trimEnd() + "\n";
          line = hangingIndent;
        }
        line += word;
      };
      for (let i = 0; i < leading; i++) {
        extend(item(i), elementWidth);
        line += separator;
      }
      if (cut) {
        extend("...", elementWidth);
        line += separator;
      }
      for (let i = trailing; i > 1; i--) {
        extend(item(n - i), elementWidth);
        line += separator;
      }
      extend(item(n - 1), elementWidth);
      s += line;
    } else {
      // other axes: one sub-array per line, blank lines between blocks of higher axes
      const lineSep = separator.trimEnd() + "\n".repeat(t.ndim - axis - 1);
      for (let i = 0; i < leading; i++) s += hangingIndent + item(i) + lineSep;
      if (cut) s += hangingIndent + "..." + lineSep;
      for (let i = trailing; i > 1; i--) s += hangingIndent + item(n - i) + lineSep;
      s += hangingIndent + item(n - 1);
    }
    return "[" + s.slice(hangingIndent.length) + "]";
  };
  return recurse(0, 0, nextLinePrefix, lineWidth);
}

/** The values that will be printed (numpy's _leading_trailing), so column widths are computed over them only. */
function collectShown(t: Tensor, summarise: boolean): number[] {
  const out: number[] = [];
  const strides = stridesOf(t.shape);
  const walk = (axis: number, offset: number) => {
    if (axis === t.ndim) {
      out.push(t.data[offset]);
      return;
    }
    const n = t.shape[axis];
    const cut = summarise && n > 2 * EDGE;
    for (let i = 0; i < n; i++) {
      if (cut && i === EDGE) i = n - EDGE;
      walk(axis + 1, offset + i * strides[axis]);
    }
  };
  walk(0, 0);
  return out;
}
