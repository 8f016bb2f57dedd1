// Printing like numpy: array([[ 0.1, -0.2], ...]); large arrays are summarised with "..." and shape=.
import type { Tensor } from "./tensor.ts";
import { formatShape } from "./shape.ts";

const THRESHOLD = 1000; // numpy's default print threshold
const EDGE = 3; // items shown at each end of a summarised axis
const PRECISION = 8;

export function formatNumber(v: number, scientific = false): string {
  if (Number.isNaN(v)) return "nan";
  if (v === Infinity) return "inf";
  if (v === -Infinity) return "-inf";
  if (scientific) return v.toExponential(PRECISION > 4 ? 4 : PRECISION).replace(/e([+-])(\d)$/, "e$10$2");
  if (Number.isInteger(v)) return `${v}.`;
  return v.toFixed(PRECISION).replace(/0+$/, "");
}

export function formatTensor(t: Tensor): string {
  const summarise = t.size > THRESHOLD;
  const shown = collectShown(t, summarise);
  const finite = shown.filter((v) => Number.isFinite(v) && v !== 0).map(Math.abs);
  const scientific = finite.length > 0 && (Math.max(...finite) >= 1e16 || Math.min(...finite) < 1e-4 && Math.max(...finite) / Math.min(...finite) > 1e3);
  const texts = shown.map((v) => formatNumber(v, scientific));
  // like numpy: integer parts right-aligned, fractions left-aligned, so the decimal points line up
  const split = texts.map((s) => {
    const dot = s.indexOf(".");
    return dot < 0 || scientific ? [s, ""] : [s.slice(0, dot), s.slice(dot)];
  });
  const intWidth = Math.max(0, ...split.map(([i]) => i.length));
  const fracWidth = Math.max(0, ...split.map(([, f]) => f.length));
  const padded = split.map(([i, f]) => i.padStart(intWidth) + f.padEnd(fracWidth));
  const pad = (s: string) => s;
  texts.splice(0, texts.length, ...padded);
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
