// "Did you mean ...?" for a misspelt name: `Z1.tahn()` throws "Z1.tahn is not a function" and
// `np.lnspace(...)` "np.lnspace is not a function"; `Xtrian` throws "Xtrian is not defined". The
// nearest name that exists (at most 2 edits, a swap of two neighbours counting as one) is suggested:
// a method of the value the receiver names in the cell's scope (a tensor's methods when the receiver
// is a chain such as `X.matmul(W)` that cannot be looked up), or a variable of the scope. An Array method on a
// tensor (X.map, X.includes, X.push) gets what numpy's way is instead: a tensor is not a JavaScript array; and
// Python's builtins (len, range, print, ...) what to write here.

import { Tensor } from "../tensor/tensor.ts";

/** Edits between a and b: insertions, deletions, substitutions and swaps of two neighbours. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The one nearest candidate within 2 edits (1 for names of 3 letters or fewer), or null (none, or a tie).
 * Between two as near, the one with the same letters wins (tahn: tanh, not tan), then the one as long.
 */
export function nearest(name: string, candidates: Iterable<string>): string | null {
  const limit = name.length <= 3 ? 1 : 2;
  const lower = name.toLowerCase();
  const letters = (w: string) => [...w.toLowerCase()].sort().join("");
  let best: string | null = null, bestScore = Infinity, tie = false;
  for (const c of new Set(candidates)) {
    if (c === name || c.startsWith("_")) continue;
    const d = editDistance(lower, c.toLowerCase());
    if (d > limit) continue;
    const score = d - (c.toLowerCase() === lower ? 0.5 : 0) - (letters(c) === letters(name) ? 0.25 : 0) - (c.length === name.length ? 0.125 : 0);
    if (score < bestScore) [best, bestScore, tie] = [c, score, false];
    else if (score === bestScore) tie = true;
  }
  return best !== null && !tie ? best : null;
}

/** The methods (functions) reachable on a value: own and inherited, Object.prototype's left out. */
function methodsOf(value: unknown): string[] {
  const names: string[] = [];
  for (let o = value as object | null; o !== null && o !== Object.prototype && o !== Function.prototype; o = Object.getPrototypeOf(o)) {
    for (const key of Object.getOwnPropertyNames(o)) {
      try {
        if (typeof Object.getOwnPropertyDescriptor(o, key)?.value === "function") names.push(key);
      } catch { /* an exotic object: skip the key */ }
    }
  }
  return names;
}

/** Python's builtins a numpy user writes in a cell (len(X), range(n), print(x)), and what to write here. */
const PYTHON: Record<string, string> = {
  len: "numpy's len(X) is X.shape[0] here; a list's or a text's length is a.length",
  range: "write np.arange(n) for numpy's array, for (let i = 0; i < n; i++) for a loop over range(n)",
  print: "write console.log(x), or display(x) for an array's table",
  enumerate: "write for (const [i, row] of [...X].entries()) (a list: a.entries())",
  zip: "write a.map((x, i) => [x, b[i]]), or np.stack([x, y], {axis: 1}) for two arrays",
  sum: "write np.sum(x) or x.sum() for an array, a.reduce((s, v) => s + v, 0) for a list",
  max: "write np.max(x) or x.max() for an array, Math.max(a, b) or Math.max(...list) for numbers",
  min: "write np.min(x) or x.min() for an array, Math.min(a, b) or Math.min(...list) for numbers",
  abs: "write np.abs(x) for an array, Math.abs(n) for a number",
  round: "write np.round(x) for an array, Math.round(n) for a number",
  any: "write x.any() or np.any(x) (x.greater(0).any() for numpy's any(x > 0))",
  all: "write x.all() or np.all(x)",
  sorted: "write np.sort(x) for an array, [...list].sort((a, b) => a - b) for numbers",
  reversed: "write x.slice(\"::-1\") for an array, [...list].reverse() for a list",
  set: "write new Set(list), or np.unique(x) for an array's distinct values",
  tuple: "write [a, b] (a shape is a list: np.zeros([3, 2]))",
  float: "write x.item() for the number in a one-element array, Number(text) for text",
  int: "write Math.trunc(n), or Number.parseInt(text) for text",
  str: "write String(x)",
  list: "write X.tolist() for an array, [...items] for anything iterable",
  type: "write typeof x, or X.dtype and X.shape for an array",
  isinstance: "write x instanceof C",
  None: "write null",
  True: "write true",
  False: "write false",
  self: "write this, inside a class's methods",
  dict: "write { key: value } or new Map()",
  math: "write Math (Math.sqrt(2), Math.PI)",
};

const ROW_WALKS = new Set(["map", "forEach", "filter", "reduce", "reduceRight", "some", "every", "find", "findIndex", "findLast", "findLastIndex", "flatMap"]);

/** X.map(f), X.includes(v), X.push(v) on a tensor: it is not a JavaScript array; what numpy's way is. */
function arrayMethodHint(x: string, name: string): string {
  const what = "a tensor is not a JavaScript array";
  if (ROW_WALKS.has(name)) return `${what}: [...${x}].${name}(...) walks its rows (numpy's for row in ${x}), ${x}.tolist().${name}(...) its numbers; an np op on the whole array (${x}.mul(2), np.exp(${x}), ${x}.sum({axis: 1})) is numpy's way`;
  switch (name) {
    case "includes": return `${what}: write ${x}.equal(v).any() for numpy's v in ${x}`;
    case "indexOf": case "lastIndexOf": return `${what}: write np.nonzero(${x}.equal(v)) for numpy's np.nonzero(${x} == v), ${x}.tolist().${name}(v) for a vector's place`;
    case "push": case "pop": case "shift": case "unshift": case "splice":
      return `${what}, and its size is fixed, as numpy's: write ${x} = np.concatenate([${x}, v]) for a new one (numpy's np.append), ${x}.slice("1:") without the first row`;
    case "at": return `${what}: write ${x}.slice(i) for numpy's ${x}[i] (a row), ${x}.get(i, j) for one number`;
    case "join": return `${what}: write ${x}.tolist().join(", ")`;
    case "reverse": case "toReversed": return `${what}: write ${x}.slice("::-1") for numpy's ${x}[::-1]`;
    case "concat": return `${what}: write np.concatenate([${x}, y]) for numpy's np.concatenate`;
    case "fill": return `${what}: write np.fullLike(${x}, v) for a new array of v (numpy's X.fill(v) changes X in place)`;
    case "flat": return `${what}: write ${x}.flatten() for numpy's X.flatten()`;
    case "toSorted": return `${what}: write np.sort(${x}) for a sorted copy`;
    case "entries": case "keys": case "values": return `${what}: write [...${x}].${name}() for its rows (for (const [i, row] of [...${x}].entries()) is numpy's enumerate(${x}))`;
    default: return `${what}: [...${x}] gives its rows, ${x}.tolist() its values as nested lists`;
  }
}

/**
 * A hint for an error message ("did you mean tanh?"), or null. `scope` is the cell's variables,
 * `chain` the value a call chain such as `X.matmul(W)` most likely returns (a tensor).
 */
export function suggestFor(message: string, scope: Record<string, unknown>, chain: unknown): string | null {
  const call = /^(.+)\.([A-Za-z_$][\w$]*) is not a function$/.exec(message);
  if (call) {
    const [, receiver, name] = call;
    let value: unknown = chain;
    if (/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(receiver!)) {
      value = receiver!.split(".").reduce<unknown>((v, key) => {
        if (v === null || v === undefined) return undefined;
        try {
          return (v as Record<string, unknown>)[key];
        } catch {
          return undefined;
        }
      }, scope);
    }
    if (value === null || value === undefined) return null;
    const head = scope[receiver!.split(/[.(]/)[0]!];
    if ((value instanceof Tensor || (value === chain && (head instanceof Tensor || head === scope.np))) && name! in Array.prototype) return arrayMethodHint(receiver!, name!);
    const found = nearest(name!, methodsOf(value));
    return found === null ? null : `did you mean ${receiver}.${found}?`;
  }
  const undefinedName = /^([A-Za-z_$][\w$]*) is not defined$/.exec(message);
  if (undefinedName && Object.hasOwn(PYTHON, undefinedName[1]!)) return `Python's ${undefinedName[1]}: ${PYTHON[undefinedName[1]!]}`;
  if (undefinedName) {
    const names: string[] = [];
    for (const key in scope) names.push(key);
    const found = nearest(undefinedName[1]!, names);
    return found === null ? null : `did you mean ${found}?`;
  }
  return null;
}
