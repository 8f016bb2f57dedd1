// Exercises: check("dW1", expected, {tol}) compares the student's variable with the reference and says
// pass, or where it differs: the shapes, the first index whose value is off and by how much. With no
// expected value, check("dW1") or check("dW1", {tol}), it compares with what the exercise's hidden
// solution computes (ExecuteRequest.reference), so the answer need not be written in the starter code.
// The expected value itself is not in the message: the payload carries it for "show expected".
import { MIME, type CheckPayload } from "../protocol/mime.ts";
import { Tensor } from "../tensor/tensor.ts";
import { RichOutput } from "./rich.ts";
import { repr } from "./repr.ts";
import { summaryNumber } from "./number-text.ts";
import { formatShape } from "../tensor/shape.ts";
import type { DisplayTarget } from "./target.ts";
import { checkOptions } from "../tensor/options.ts";

export interface CheckOptions {
  /** values match when |actual - expected| <= tol * (1 + |expected|) (numpy's allclose, rtol = atol). */
  tol?: number;
}

/** keys a student may mean as a tolerance: an object of only these is options, checked, never an expected value */
const TOLERANCE_LIKE = new Set(["tol", "atol", "rtol", "tolerance", "eps", "epsilon"]);
const isOptions = (x: unknown): x is CheckOptions =>
  typeof x === "object" && x !== null && !Array.isArray(x) && !(x instanceof Tensor) && Object.getPrototypeOf(x) === Object.prototype
  && Object.keys(x).length > 0 && Object.keys(x).every((k) => TOLERANCE_LIKE.has(k));

/** The options, or an error that says what is wrong: numpy's allclose would take atol, check takes tol. */
function checkedOptions(options: unknown): CheckOptions {
  if (options === undefined) return {};
  checkOptions("check", options as CheckOptions, ["tol"]);
  const { tol } = options as CheckOptions;
  if (tol !== undefined && !(typeof tol === "number" && tol >= 0 && Number.isFinite(tol))) {
    throw new Error(`check: tol must be a number >= 0, got ${typeof tol === "string" ? JSON.stringify(tol) : String(tol)}`);
  }
  return options as CheckOptions;
}

export function makeCheck(target: DisplayTarget) {
  function check(name: string, options?: CheckOptions): CheckPayload;
  function check(name: string, expected: unknown, options?: CheckOptions): CheckPayload;
  function check(name: string, ...args: unknown[]): CheckPayload {
    const fromSolution = args.length === 0 || (args.length === 1 && isOptions(args[0]));
    const options = checkedOptions(fromSolution ? args[0] : args[1]);
    const found = target.lookup(name);
    const reference = fromSolution ? target.reference(name) : { found: true as const, value: args[0] };
    const result: CheckPayload = !found.found
      ? { name, pass: false, message: `${name} is not defined yet: run the cell that defines it${found.near ? ` (did you mean ${found.near}?)` : ""}` }
      : reference === null
        ? { name, pass: false, message: `check("${name}") compares with the exercise's solution, which this run did not have` }
        : !reference.found
          ? { name, pass: false, message: `the exercise's solution does not define ${name}` }
          : compare(name, found.value, reference.value, options.tol ?? 1e-6);
    target.display(checkBundle(result).bundle);
    target.markShown(result);
    return result;
  }
  return check;
}

export function checkBundle(result: CheckPayload): RichOutput {
  return new RichOutput({ [MIME.check]: result, [MIME.text]: `${result.pass ? "✓" : "✗"} ${result.message}` });
}

interface Numeric { shape: number[]; data: ArrayLike<number> }

export function compare(name: string, actual: unknown, expected: unknown, tol: number): CheckPayload {
  const a = numeric(actual), e = numeric(expected);
  const shown = repr(expected, { depth: 1 });
  // a yes/no answer (check("atLeast95", true)) is right or wrong, not "too low by 1; tolerance 1e-06"
  if (typeof expected === "boolean" && typeof actual === "boolean") {
    return actual === expected ? { name, pass: true, message: `${name} is ${actual}, as expected` } : { name, pass: false, expected: shown, message: `${name} is ${actual}, expected ${expected}` };
  }
  if (a === null || e === null) {
    const pass = a === null && e === null && JSON.stringify(actual) === JSON.stringify(expected);
    return { name, pass, message: pass ? `${name} is correct` : `${name} is ${repr(actual, { depth: 1 })}, which is not the expected value`, ...(pass ? {} : { expected: shown }) };
  }
  const shapes = { actualShape: a.shape, expectedShape: e.shape };
  if (a.shape.join() !== e.shape.join()) {
    return { name, pass: false, ...shapes, expected: shown, message: `${name} has shape ${formatShape(a.shape)}, expected ${formatShape(e.shape)}` };
  }
  let maxError = 0, first = -1, wrong = 0;
  for (let i = 0; i < e.data.length; i++) {
    const x = a.data[i], y = e.data[i];
    const bothNaN = Number.isNaN(x) && Number.isNaN(y);
    const err = bothNaN ? 0 : x === y ? 0 : Math.abs(x - y);
    if (!bothNaN && (Number.isNaN(err) || err > maxError)) maxError = Number.isNaN(err) ? Infinity : err;
    if (!bothNaN && !(err <= tol * (1 + Math.abs(y)))) { wrong++; if (first < 0) first = i; }
  }
  if (first < 0) return { name, pass: true, ...shapes, maxError, message: `${name} is correct (largest difference ${summaryNumber(maxError)})` };
  const index = unravel(first, e.shape);
  const off = a.data[first]! - e.data[first]!;
  const by = Number.isFinite(off) ? `${off > 0 ? "too high" : "too low"} by ${summaryNumber(Math.abs(off))}` : `${summaryNumber(a.data[first]!)} where a finite value is expected`;
  const where = index.length ? `${name}[${index.join(", ")}] is ${by}` : `${name} is ${by}`;
  const others = index.length ? ` (${wrong} of ${e.data.length} values are off; the largest difference is ${summaryNumber(maxError)})` : "";
  return { name, pass: false, ...shapes, index, maxError, expected: shown, message: `${where}${others}; tolerance ${summaryNumber(tol)}` };
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

