// Where a path's end label goes (plot.path(steps, {label})): beside its last point, on the side where
// it covers no line, no point and no other label of the plot. Lesson 5's path ends at the bottom of the
// parabola it walks down, and a label always to the right of that point lay on the curve. Measured in
// pixels through the plot's own scales, which a first drawing gives (plot-spec.ts drawPlot).
import type { PlotMark, PlotSpec } from "../../kernel/protocol/mime.ts";

export interface LabelPlace { dx: number; dy: number; textAnchor: "start" | "end" | "middle" }

/** Beside the point first (right, above, left, below), then further out; the first free place wins. */
const PLACES: LabelPlace[] = [
  { dx: 8, dy: 0, textAnchor: "start" }, { dx: 6, dy: -12, textAnchor: "start" }, { dx: -6, dy: -12, textAnchor: "end" },
  { dx: -8, dy: 0, textAnchor: "end" }, { dx: 6, dy: 12, textAnchor: "start" }, { dx: -6, dy: 12, textAnchor: "end" },
  { dx: 0, dy: -18, textAnchor: "middle" }, { dx: 0, dy: 18, textAnchor: "middle" },
  { dx: 6, dy: -26, textAnchor: "start" }, { dx: -6, dy: -26, textAnchor: "end" }, { dx: 6, dy: 26, textAnchor: "start" }, { dx: -6, dy: 26, textAnchor: "end" },
];
/** the label's font: Plot's 10px sans-serif, bold; a generous width per character (wide fonts, digits). */
const CHAR_WIDTH = 7, LINE_HEIGHT = 13, PAD = 2, DOT = 3;

interface Box { x1: number; y1: number; x2: number; y2: number }
type Point = [number, number];
export interface Scales { x: (v: number) => number; y: (v: number) => number; frame: Box; plot: Box }

function boxOf(at: Point, place: LabelPlace, text: string): Box {
  const w = text.length * CHAR_WIDTH, x = at[0] + place.dx, y = at[1] + place.dy;
  const x1 = place.textAnchor === "start" ? x : place.textAnchor === "end" ? x - w : x - w / 2;
  return { x1: x1 - PAD, x2: x1 + w + PAD, y1: y - LINE_HEIGHT / 2 - PAD, y2: y + LINE_HEIGHT / 2 + PAD };
}

const overlaps = (a: Box, b: Box) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
const inside = (a: Box, b: Box) => a.x1 >= b.x1 && a.x2 <= b.x2 && a.y1 >= b.y1 && a.y2 <= b.y2;

/** Whether the segment p-q crosses the box (Liang-Barsky clipping). */
function crosses(p: Point, q: Point, b: Box): boolean {
  let t0 = 0, t1 = 1;
  const dx = q[0] - p[0], dy = q[1] - p[1];
  for (const [num, den] of [[p[0] - b.x1, -dx], [b.x2 - p[0], dx], [p[1] - b.y1, -dy], [b.y2 - p[1], dy]] as const) {
    if (den === 0) { if (num < 0) return false; continue; }
    const t = num / den;
    if (den < 0) { if (t > t1) return false; if (t > t0) t0 = t; } else { if (t < t0) return false; if (t < t1) t1 = t; }
  }
  return true;
}

function points(m: PlotMark, s: Scales): Point[] {
  const xf = typeof m.x === "string" ? m.x : "x", yf = typeof m.y === "string" ? m.y : "y";
  return (Array.isArray(m.data) ? m.data : []).flatMap((d) => {
    const x = d[xf], y = d[yf];
    if (typeof x !== "number" || typeof y !== "number") return [];
    const px = s.x(x), py = s.y(y);
    return Number.isFinite(px) && Number.isFinite(py) ? [[px, py] as Point] : [];
  });
}

/** The place of each path's label, in the order of the spec's path marks. */
export function placePathLabels(spec: PlotSpec, s: Scales): LabelPlace[] {
  const marks = Array.isArray(spec.marks) ? spec.marks : [];
  const lines = marks.filter((m) => m.type === "line" || m.type === "path").map((m) => points(m, s));
  const dots = [...marks.filter((m) => m.type === "dot" || m.type === "path").flatMap((m) => points(m, s))]
    .map(([x, y]): Box => ({ x1: x - DOT, x2: x + DOT, y1: y - DOT, y2: y + DOT }));
  const labels: Box[] = [];
  return marks.filter((m) => m.type === "path").map((m) => {
    const at = points(m, s).at(-1), text = String(m.series ?? "");
    if (!at || !text) return PLACES[0]!;
    const cost = (box: Box) => {
      let c = inside(box, s.frame) ? 0 : 1000;
      if (!inside(box, s.plot)) c += 1;
      for (const line of lines) for (let i = 1; i < line.length; i++) if (crosses(line[i - 1]!, line[i]!, box)) c += 10;
      for (const d of [...dots, ...labels]) if (overlaps(d, box)) c += 10;
      return c;
    };
    let best = PLACES[0]!, bestCost = Infinity;
    for (const place of PLACES) {
      const c = cost(boxOf(at, place, text));
      if (c < bestCost) { best = place; bestCost = c; }
      if (c === 0) break;
    }
    labels.push(boxOf(at, best, text));
    return best;
  });
}
