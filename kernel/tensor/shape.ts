// Shapes, strides and broadcasting: the bookkeeping every op shares.
export type Shape = readonly number[];

/**
 * The arrays that are some tensor's `.shape`. A shape is a plain JS array (so `X.shape[0]` and
 * `for (const d of X.shape)` work as a student expects), but shown on its own (a cell's result,
 * `${X.shape}` in a lesson's prose) it reads as numpy's tuple, `(6, 2)`, not `[6, 2]`.
 * Inside a code cell's own template string JavaScript still writes `6,2`: use formatShape there.
 */
export function markShape(shape: Shape): void {
  if (!ShapeMark.has(shape)) {
    if (Object.isExtensible(shape)) ShapeMark.stamp(shape);
    else FROZEN_SHAPES.add(shape);
  }
}
export function isShape(value: unknown): value is Shape {
  return typeof value === "object" && value !== null && (ShapeMark.has(value) || FROZEN_SHAPES.has(value));
}

/**
 * The mark is a private field stamped onto the array (a class whose base constructor returns the
 * object it is given): invisible to the array's users (no key, no symbol: toEqual, JSON and
 * structuredClone see a plain array), and cheap. Every tensor made marks its shape, and a WeakSet
 * entry per tensor cost ~0.6 us (measured in Node: ten times the stamp), a few % of a lesson's epoch.
 */
class ShapeMark extends (function (o: object) { return o; } as unknown as new (o: object) => object) {
  #shape = true;
  static stamp(o: object): void {
    new ShapeMark(o);
  }
  static has(o: object): boolean {
    return #shape in o;
  }
}
/** the arrays that cannot take the stamp (frozen ones) */
const FROZEN_SHAPES = new WeakSet<object>();

/** numpy's tuple: (300, 3), (16,), (). Inside an equation of shapes ("(4,) ⊙ () -> (4,)"), where a word would not fit. */
export function shapeTuple(shape: Shape): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
}

/**
 * A shape wherever it is shown on its own (errors, messages, badges, results, prose): numpy's tuple,
 * and for a scalar the tuple with a word, "() scalar", since a bare "()" says nothing to a beginner.
 */
export function formatShape(shape: Shape): string {
  return shape.length === 0 ? "() scalar" : shapeTuple(shape);
}

export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major strides in elements: the last axis moves fastest. */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
}

export function sameShape(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * numpy broadcasting: align shapes on the right; each pair of sizes must be equal or one of them 1.
 * https://numpy.org/doc/stable/user/basics.broadcasting.html
 */
export function broadcastShapes(op: string, a: Shape, b: Shape): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new Error(
        `${op}: operands could not be broadcast together with shapes ${formatShape(a)} and ${formatShape(b)}`,
      );
    }
    out[i] = da === 1 ? db : da;
  }
  checkSize(op, out);
  return out;
}

/**
 * Strides to read an array of `shape` as if it had `target` shape: broadcast axes get stride 0,
 * so the same element is read again along them.
 */
export function broadcastStrides(shape: Shape, target: Shape): number[] {
  const own = stridesOf(shape);
  const out = new Array<number>(target.length).fill(0);
  const offset = target.length - shape.length;
  for (let i = 0; i < shape.length; i++) out[offset + i] = shape[i] === 1 ? 0 : own[i];
  return out;
}

/** Normalise numpy's `axis` argument (number, negative number, list, or undefined = all axes). */
export function normalizeAxes(op: string, axis: number | readonly number[] | undefined | null, ndim: number): number[] {
  if (axis === undefined || axis === null) return Array.from({ length: ndim }, (_, i) => i);
  if (typeof axis !== "number" && !Array.isArray(axis)) throw new Error(`${op}: axis must be an integer or a list of integers, got ${describe(axis)}`);
  const list = typeof axis === "number" ? [axis] : [...axis];
  const out = list.map((ax) => {
    if (!Number.isInteger(ax) || ax < -ndim || ax >= ndim) {
      throw new Error(`${op}: axis ${ax} is out of bounds for array of dimension ${ndim}`);
    }
    return ax < 0 ? ax + ndim : ax;
  });
  if (new Set(out).size !== out.length) throw new Error(`${op}: repeated axis in ${JSON.stringify(list)}`);
  return out.sort((x, y) => x - y);
}

/** A shape as numpy takes it: a list of sizes, or one integer for a 1-D array (np.zeros(3)). */
export type ShapeLike = number | readonly number[];

export function checkShape(op: string, shapeLike: ShapeLike): number[] {
  const shape = typeof shapeLike === "number" ? [shapeLike] : shapeLike;
  if (!Array.isArray(shape)) throw new Error(`${op}: a shape must be a number or a list of numbers, got ${describe(shapeLike)}`);
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) throw new Error(`${op}: invalid shape ${formatShape(shape)}: sizes must be non-negative integers`);
  }
  checkSize(op, shape);
  return [...shape];
}

/**
 * The largest tensor the kernel makes, in bytes (float64: 8 per value). A shape above it is refused
 * before anything is allocated: `np.zeros([4e8])` would take 3.2 GB and many seconds to fill, long past
 * any time limit, and can take the whole machine down. The CLI sets it with --max-tensor-mb.
 */
export const tensorLimit = { maxBytes: 2 ** 30 };

export function formatBytes(bytes: number): string {
  return bytes >= 2 ** 30 ? `${+(bytes / 2 ** 30).toFixed(1)} GiB` : bytes >= 2 ** 20 ? `${+(bytes / 2 ** 20).toFixed(1)} MiB` : `${bytes} bytes`;
}

/** Throws a RangeError naming the op, the shape and the bytes when a tensor of `shape` is above the limit. */
export function checkSize(op: string, shape: Shape): void {
  let n = 1;
  for (const d of shape) n *= d;
  const bytes = n * 8;
  if (bytes > tensorLimit.maxBytes) {
    throw new RangeError(`${op}: a tensor of shape ${formatShape(shape)} needs ${formatBytes(bytes)} (${bytes} bytes), above the kernel's limit of ${formatBytes(tensorLimit.maxBytes)}`);
  }
}

/** A short description of a value for error messages: 'the string "float32"', 'an object {dtype}'. */
export function describe(v: unknown): string {
  if (v === null) return "null";
  if (typeof v === "string") return `the string ${JSON.stringify(v)}`;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `a list of length ${v.length}`;
  if (typeof v === "object") {
    if ("shape" in v && "data" in v) return `an array of shape ${formatShape((v as { shape: number[] }).shape)}`;
    return `an object {${Object.keys(v).join(", ")}}`;
  }
  return typeof v;
}
