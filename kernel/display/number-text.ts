// How a number reads outside an array's repr: one rule for the kernel's texts (a cell's result, the
// Variables summaries, check feedback, the text alternatives of pictures) and the UI's (tensor heads,
// tables, trace panes, popovers, the exported pages), which import it from here. Two forms:
//   - a scalar shown as the value itself (a cell's result, a number variable, a one-number tensor) reads
//     as numpy's repr of a float64: the shortest digits that read back as the same number (0.1 + 0.2 is
//     0.30000000000000004), positional from 1e-4 up to 1e16, scientific outside (1e-05, 1.5e+16);
//   - a number in a summary (min, max, mean, a difference, a table cell) keeps 4 significant digits,
//     never more than the number has (2.5, not 2.500) and never fewer integer digits than it has (12346,
//     not 12350); scientific, written the same way, below 1e-4 and from 1e9 (1.235e-05).
// NaN and the infinities read as numpy writes them: nan, inf, -inf.
// A difference from numpy, on purpose: a whole number reads without ".0" (JavaScript has one number
// type, so `const epochs = 3` is 3, not 3.0).

/** numpy's spelling of the numbers that are not finite. */
function nonFinite(v: number): string {
  return Number.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
}

/** "1.5e-5" (JavaScript) -> "1.5e-05" (numpy and Python: a sign and at least two exponent digits). */
function numpyExponent(s: string): string {
  return s.replace(/e([+-])(\d)$/, "e$10$2");
}

/** A scalar as numpy's repr writes a float64 (see above): 2.5, 0.30000000000000004, 1e-05, 3. */
export function scalarText(v: number): string {
  if (!Number.isFinite(v)) return nonFinite(v);
  const a = Math.abs(v);
  if (a === 0 || (a >= 1e-4 && a < 1e16)) return Object.is(v, -0) ? "-0" : String(v);
  return numpyExponent(v.toExponential());
}

/** A number in a summary (see above): 4 significant digits, 2.5, -0.6709, 12346, 1.235e-05. */
export function summaryNumber(v: number): string {
  if (!Number.isFinite(v)) return nonFinite(v);
  const a = Math.abs(v);
  if (a === 0) return "0";
  if (a < 1e-4 || a >= 1e9) return numpyExponent(v.toExponential(3).replace(/\.?0+e/, "e"));
  if (a >= 1e3) return String(Math.round(v));
  return String(Number(v.toPrecision(4)));
}
