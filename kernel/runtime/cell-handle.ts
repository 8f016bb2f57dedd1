// What a running cell script reaches besides its scope: `__sb` (rewrite.ts), which stamps trace steps with
// their source line, names tensors after the variables they are assigned to, and reads names for
// `typeof`; and the lookup that lets a traced formula name a number as the code does.
import { Tensor } from "../tensor/tensor.ts";
import { activeTrace } from "../trace/active.ts";
import { evaluate, memberOf, type NumExpr } from "../trace/constant-expr.ts";
import { numExprText } from "../trace/text-expr.ts";
import { mathSpread, truth } from "./tensor-numbers.ts";
import { checkRowWrite, fields, forInValue, rows, switchValue } from "./tensor-rows.ts";

const own = (scope: Record<string, unknown>, name: string) => Object.prototype.hasOwnProperty.call(scope, name);

/** `__sb` in a cell script: source locations for the trace, tensor names, and `typeof` lookups. */
export function cellHandle(cellId: string, scope: Record<string, unknown>) {
  return {
    at(line: number): void {
      activeTrace()?.at(cellId, line);
    },
    /** Into a one-line arrow function: stamp its line, and return where the caller was (null untraced). */
    enter(line: number): { cell: string | null; line: number | null } | null {
      const trace = activeTrace();
      if (trace === null) return null;
      const caller = trace.location();
      trace.at(cellId, line);
      return caller;
    },
    /** Out of it with its value: the caller's location again. */
    leave<T>(caller: { cell: string | null; line: number | null } | null, value: T): T {
      if (caller !== null) activeTrace()?.at(caller.cell, caller.line);
      return value;
    },
    /** Name a tensor after the variable it is bound to; `local` for a function's own variable. */
    name<T>(value: T, name: string | (string | null)[], local = false): T {
      const bind = (t: Tensor, n: string) => {
        if (!nameable(t) && !(locallyNamed.has(t) && !local)) return;
        t.named(n);
        if (local) locallyNamed.add(t);
        else locallyNamed.delete(t);
      };
      if (Array.isArray(name)) {
        // const [Xtrain, Xtest, ytrain, ytest] = nn.trainTestSplit(...): each tensor by its element's name
        if (Array.isArray(value)) name.forEach((n, k) => { const v: unknown = value[k]; if (n !== null && v instanceof Tensor) bind(v, n); });
      } else if (value instanceof Tensor) bind(value, name);
      else if (isPlainObject(value)) {
        // const q = makeParams() -> {W1, b1, ...}: the trace writes q.W1 as W_1, not as an anonymous array
        for (const [key, v] of Object.entries(value)) if (v instanceof Tensor && v.name === null && /^[A-Za-z]\w*$/.test(key)) v.named(key);
      }
      return value;
    },
    /**
     * `a + b`, `a == b`, `a != b`, `a === b`, `a !== b` in a cell: as JavaScript has them, unless a tensor
     * would silently become text or an identity test.
     */
    binary(operator: Checked, a: unknown, b: unknown): unknown {
      // numbers first: a cell's loops add and compare numbers far more often than anything else
      if (typeof a === "number" && typeof b === "number") {
        switch (operator) {
          case "+": return a + b;
          case "==": case "===": return a === b;
          default: return a !== b;
        }
      }
      if (a instanceof Tensor || b instanceof Tensor) refuseOperator(operator, a, b);
      switch (operator) {
        case "+": return (a as number) + (b as number);
        case "==": return a == b;
        case "!=": return a != b;
        case "===": return a === b;
        case "!==": return a !== b;
      }
    },
    /** `total += L`: the value to add, unless it or the total is a tensor (total += L.item() is meant). */
    addend(total: unknown, value: unknown): unknown {
      if ((total instanceof Tensor || value instanceof Tensor) && typeof total !== "string") {
        throw new TypeError(`+= on a tensor: JavaScript's += does not add arrays as numpy's does (it would join them as text); write total += L.item() for the number in a one-element array, or x = x.add(y)`);
      }
      return value;
    },
    /**
     * `obj.loss += L`, `arr[i] += L`: as JavaScript adds, unless a tensor would become text. (The value is
     * found before the total is read: it differs from JavaScript only if finding it changes the total.)
     */
    addTo(target: Record<PropertyKey, unknown>, key: PropertyKey, value: unknown, text?: string): unknown {
      checkRowWrite(target, key, text);
      const total = target[key];
      return (target[key] = (total as number) + (this.addend(total, value) as number));
    },
    /** X[k], X.length, for (const row of X), [...X]: X as it is, unless a tensor (tensor-rows.ts). */
    rows,
    /** switch (X): refuses a tensor, which no case would match. */
    switchValue,
    /** for (const row in X): refuses a tensor (its property names, not its rows). */
    forInValue,
    /** {...X}, Object.keys(X), Object.values(X), Object.entries(X), Object.assign(o, X), structuredClone(X): refuses a tensor (its fields, not its values). */
    fields,
    /** if (x.greater(0)): a tensor counts as numpy's bool(x), its one value, or is refused. */
    truth,
    /** Math.max(...v): a 1-D tensor gives its numbers; a larger one is refused (its items are rows). */
    mathSpread,
    peek(name: string): unknown {
      return own(scope, name) ? scope[name] : undefined;
    },
  };
}

/**
 * How the code wrote this number on that source line: the top-level number variable with this value
 * (`alpha` for 0.05 in `w.assignSub(w.grad.mul(alpha))`), else the one arithmetic of such variables and
 * numbers on the line that computes exactly this value (`1 - beta1` for 0.1 in `g1.mul(1 - beta1)`), so a
 * traced formula can write it as the code does. Null when none, or when two different ones would (the
 * number itself, written on the line, is one of them).
 */
export function constantName(value: number, source: string | undefined, line: number | null, scope: Record<string, unknown>, builtins: ReadonlySet<string>,
  exprs: readonly { line: number; expr: NumExpr }[] = []): NumExpr | null {
  if (source === undefined || line === null) return null;
  const text = source.split("\n")[line - 1];
  if (text === undefined) return null;
  for (const name of new Set(text.match(/[A-Za-z_$][\w$]*/g) ?? [])) {
    if (!builtins.has(name) && own(scope, name) && scope[name] === value) return { name, value };
  }
  const lookup = (name: string): number | null => {
    // out.size, X.shape[0]: read off a kernel tensor (its own getters, no code of the cell's)
    const m = memberOf(name);
    if (m !== null) {
      const t = !builtins.has(m.of) && own(scope, m.of) ? scope[m.of] : undefined;
      if (!(t instanceof Tensor)) return null;
      return m.member === "size" ? t.size : m.member === "ndim" ? t.ndim : t.shape[m.index] ?? null;
    }
    return !builtins.has(name) && own(scope, name) && typeof scope[name] === "number" ? scope[name] as number : null;
  };
  const found = new Map<string, NumExpr>();
  // the number itself written on the line (mul(0.5) beside delta / 2 = 0.5): which of them made it, the line
  // cannot say, so the step shows the number
  for (const literal of text.match(/(?<![\w.$])\d+(?:\.\d*)?(?:e[+-]?\d+)?/gi) ?? []) if (Number(literal) === value) found.set(literal, { num: value });
  for (const e of exprs) {
    if (e.line !== line) continue;
    const v = evaluate(e.expr, lookup);
    if (v !== null && Object.is(v.value, value)) found.set(numExprText(v.expr).text, v.expr);
  }
  return found.size === 1 ? [...found.values()][0]! : null;
}

/**
 * What a source line calls a named tensor: the one top-level variable written on the line that holds it,
 * where the line does not write the tensor's own name. A layer's weights keep their layer's names
 * (dense_2/kernel), but after `const W2 = dense2.kernel` the line `dZ2.matmul(W2.T)` is the lesson's
 * dZ_2 W_2^T, and its step should say so; a line that writes neither (`L.backward()`) keeps the tensor's
 * name. Read when the trace is written out, after the cell ran; each line's words are read once.
 */
export function aliasNames(sourceOf: (cell: string | null) => string | undefined, scope: Record<string, unknown>, builtins: ReadonlySet<string>) {
  const lines = new Map<string, string[]>();
  const wordsOn = (cell: string | null, line: number): string[] => {
    const key = `${cell}\n${line}`;
    let words = lines.get(key);
    if (words === undefined) {
      // with the lines that continue its chain of calls (a step is stamped with its statement's first line)
      const all = sourceOf(cell)?.split("\n") ?? [];
      let text = all[line - 1] ?? "";
      for (let k = line; k < all.length && /^\s*\??\./.test(all[k]!); k++) text += `\n${all[k]}`;
      // a member (dense2.kernel) is not a variable: only words not after a dot
      words = [...new Set(text.match(/(?<![\w$.])[A-Za-z_$][\w$]*/g) ?? [])].filter((w) => !builtins.has(w) && own(scope, w));
      lines.set(key, words);
    }
    return words;
  };
  return (t: Tensor, cell: string | null, line: number | null): string | null => {
    if (line === null || t.name === null) return null;
    const words = wordsOn(cell, line);
    if (words.includes(t.name)) return null;
    const holding = words.filter((w) => scope[w] === t);
    return holding.length === 1 ? holding[0]! : null;
  };
}

type Checked = "+" | "==" | "!=" | "===" | "!==";

/** Why JavaScript's + or == on a tensor is refused, and what to write (a string + a tensor is text, as numpy's repr). */
function refuseOperator(operator: Checked, a: unknown, b: unknown): void {
  if (operator === "+") {
    if (typeof a === "string" || typeof b === "string") return;
    throw new TypeError("x + y on a tensor: JavaScript's + does not add arrays as numpy's does (it would join them as text); write x.add(y) or np.add(x, y), and x.item() for the number in a one-element array");
  }
  if (a === null || a === undefined || b === null || b === undefined) return;
  // x === y asks whether two tensors are one object; a tensor is never === a number, a boolean or text
  const primitive = (v: unknown) => typeof v === "number" || typeof v === "boolean" || typeof v === "string" || typeof v === "bigint";
  if ((operator === "===" || operator === "!==") && !primitive(a) && !primitive(b)) return;
  const method = `x.${operator.startsWith("=") ? "equal" : "notEqual"}(y) for an array of true/false, np.arrayEqual(x, y) for one answer, x.item() ${operator} y for the number in a one-element array`;
  if (operator === "===" || operator === "!==") {
    throw new TypeError(`x ${operator} 2 on a tensor: a tensor is never JavaScript's === to a number or text, so it is always ${operator === "!=="}; write ${method}`);
  }
  throw new TypeError(`x ${operator} y on a tensor: JavaScript's ${operator} asks whether they are the same object, not numpy's elementwise comparison; write ${method}, or ${operator}= to ask whether they are one object`);
}

/**
 * Tensors named only by a function's own variable (conv1d's `let y`): the caller's top-level
 * `const yOut = conv1d(x, w)` renames them, so the lesson's yOut and dwByHand are not both "y".
 */
const locallyNamed = new WeakSet<Tensor>();

/**
 * Whether a variable's name may name this tensor: an unnamed one, or a layer's output that nn named
 * after the layer (const codeStep = encoder.apply(x) reads codeStep, as the lesson's equation does; a
 * layer's weights keep their layer's names, and an explicit .named() always wins).
 */
function nameable(t: Tensor): boolean {
  return t.name === null || (t.node !== null && t.name.includes("/"));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}
