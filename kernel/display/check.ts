// Exercises: check("dW1", expected, {tol}) compares the student's variable with the reference and says
// pass, or where it differs: the shapes, the first index whose value is off, and the largest error.
import { MIME, type CheckPayload } from "../protocol/mime.ts";
import { Tensor } from "../tensor/tensor.ts";
import { RichOutput } from "./rich.ts";
import { repr } from "./repr.ts";
import type { DisplayTarget } from "./target.ts";

export interface CheckOptions {
  /** values match when |actual - expected| <= tol * (1 + |expected|) (numpy's allclose, rtol = atol). */
  tol?: number;
}

export function makeCheck(target: DisplayTarget) {
  return function check(name: string, expected: unknown, options: CheckOptions = {}): CheckPayload {
    const found = target.lookup(name);
    const result = found.found
      ? compare(name, found.value, expected, options.tol ?? 1e-6)
      : { name, pass: false, message: `${name} is not defined yet: run the cell that defines it` };
    target.display(checkBundle(result).bundle);
    target.markShown(result);
    return result;
  };
}

export function checkBundle(result: CheckPayload): RichOutput {
  return new RichOutput({ [MIME.check]: result, [MIME.text]: `${result.pass ? "✓" : "✗"} ${result.message}` });
}

interface Numeric { shape: number[]; data: ArrayLike<number> }

export function compare(name: string, actual: unknown, expected: unknown, tol: number): CheckPayload {
  const a = numeric(actual), e = numeric(expected);
  if (a === null || e === null) {
    const pass = a === null && e === null && JSON.stringify(actual) === JSON.stringify(expected);
    return { name, pass, message: pass ? `${name} is correct` : `${name} is ${repr(actual, { depth: 1 })}, expected ${repr(expected, { depth: 1 })}` };
  }
  const shapes = { actualShape: a.shape, expectedShape: e.shape };
  if (a.shape.join() !== e.shape.join()) {
    return { name, pass: false, ...shapes, message: `${name} has shape ${shapeText(a.shape)}, expected ${shapeText(e.shape)}` };
  }
  let maxError = 0, first = -1;
  for (let i = 0; i < e.data.length; i++) {
    const x = a.data[i], y = e.data[i];
    const bothNaN = Number.isNaN(x) && Number.isNaN(y);
    const err = bothNaN ? 0 : x === y ? 0 : Math.abs(x - y);
    if (!bothNaN && (Number.isNaN(err) || err > maxError)) maxError = Number.isNaN(err) ? Infinity : err;
    if (first < 0 && !bothNaN && !(err <= tol * (1 + Math.abs(y)))) first = i;
  }
  if (first < 0) return { name, pass: true, ...shapes, maxError, message: `${name} is correct (max error ${maxError.toExponential(1)})` };
  const index = unravel(first, e.shape);
  return {
    name, pass: false, ...shapes, index, maxError,
    message: `${name}${index.length ? `[${index.join(", ")}]` : ""} is ${a.data[first]}, expected ${e.data[first]} (max error ${maxError.toPrecision(3)}, tolerance ${tol})`,
  };
}

// Tensors, numbers and (rectangular) nested arrays of numbers compare by value; anything else by JSON.
function numeric(x: unknown): Numeric | null {
  if (x instanceof Tensor) return { shape: [...x.shape], data: x.data };
  if (typeof x === "number" || typeof x === "boolean") return { shape: [], data: [Number(x)] };
  if (!Array.isArray(x)) return null;
  const shape: number[] = [];
  for (let level: unknown = x; Array.isArray(level); level = level[0]) shape.push(level.length);
  const data: number[] = [];
  const walk = (v: unknown, depth: number): boolean => {
    if (depth === shape.length) {
      if (typeof v !== "number" && typeof v !== "boolean") return false;
      data.push(Number(v));
      return true;
    }
    return Array.isArray(v) && v.length === shape[depth] && v.every((c) => walk(c, depth + 1));
  };
  return walk(x, 0) ? { shape, data } : null;
}

function unravel(flat: number, shape: number[]): number[] {
  const index = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    index[d] = flat % shape[d];
    flat = Math.floor(flat / shape[d]);
  }
  return index;
}

const shapeText = (s: number[]) => `(${s.join(", ")}${s.length === 1 ? "," : ""})`;
