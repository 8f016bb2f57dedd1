// numpy's keyword arguments arrive as one options object: np.sum(X, {axis: 0, keepdims: true}).
// JavaScript would silently ignore an option we do not implement ({dtype: "float32"}, {out: Y}) or a
// numpy-style positional argument (np.sum(X, 0)); either would give a different answer from numpy
// without a word. So every function checks its options here and names what it does not support.
import { describe } from "./shape.ts";

/**
 * `options` itself, after checking that it is undefined or a plain object whose keys are all in
 * `allowed`. Keys whose value is undefined are accepted (a spread of optional settings).
 */
export function checkOptions<T extends object>(op: string, options: T | undefined, allowed: readonly (keyof T & string)[]): T | undefined {
  if (options === undefined) return undefined;
  const like = allowed.length === 0 ? "no options" : `an options object like {${allowed.join(", ")}}`;
  if (options === null || typeof options !== "object" || Array.isArray(options) || "shape" in options) {
    // numpy's positional axis (x.sum(0)), or Python's keyword (x.sum(axis=0), which JavaScript reads as 0)
    const hint = typeof options === "number" && (allowed as readonly string[]).includes("axis") ? ` (numpy's axis is an option here: write {axis: ${options}})` : "";
    throw new Error(`${op}: expected ${like}, got ${describe(options)}${hint}`);
  }
  // for...in, not Object.keys: this runs on every reduction, backward passes included
  for (const key in options) {
    if (!Object.hasOwn(options, key) || (options as Record<string, unknown>)[key] === undefined) continue;
    if (!(allowed as readonly string[]).includes(key)) {
      throw new Error(`${op}: unsupported option "${key}" (${allowed.length === 0 ? "it takes no options" : `supported: ${allowed.join(", ")}`})`);
    }
  }
  return options;
}

/** Options with an `axis` that must be a single axis (not a list), as numpy's cumsum, sort, take. */
export function singleAxis(op: string, axis: unknown): number | null | undefined {
  if (axis === undefined || axis === null) return axis;
  if (typeof axis !== "number") throw new Error(`${op}: axis must be a single integer, got ${describe(axis)}`);
  return axis;
}

/**
 * An argument numpy takes by position or by keyword (np.squeeze(x, 1) or np.squeeze(x, axis=1)): the
 * value itself, or the keyword as np writes keywords, an options object ({axis: 1}). Without this an
 * object reached the axis arithmetic and gave a wrong shape without a word (expandDims) or "axis is
 * not iterable" (squeeze).
 */
export function positionalOrOption<T>(op: string, value: T | Record<string, unknown>, key: string): T {
  if (value === null || typeof value !== "object" || Array.isArray(value) || ArrayBuffer.isView(value)) return value as T;
  checkOptions(op, value as Record<string, unknown>, [key]);
  return (value as Record<string, unknown>)[key] as T;
}
