// Rewrites a cell's JavaScript so it runs in the kernel's persistent scope (see analyze.ts for what is
// found where). Every edit keeps to its line, so line numbers stay those of the TypeScript source.
//
//   const Z1 = X.matmul(W1)   ->  __sb.at(3);__scope.Z1 = __sb.name(__scope.X.matmul(__scope.W1), "Z1")
//   while (true) {}           ->  while (true) {if (--__sbg.n < 0) __sbg.check();}
//   x + 1   (last, no `;`)    ->  return (__scope.x + 1)
//
// Openers are attached to the right of a position and closers to the left; edits are applied outer
// constructs first, so where an inner and an outer closer meet at one position the inner comes first.
import MagicString from "magic-string";
import type { Analysis, JsNode } from "./analyze.ts";
import { linkObject, rereadAddition, habitSites } from "./numpy-habits.ts";

/** Statement-level interrupt check: a decrement most of the time, a real check every few thousand. */
export const GUARD = "if (--__sbg.n < 0) __sbg.check();";
const EXPRESSION_GUARD = "--__sbg.n < 0 && __sbg.check()";

export interface RewriteOptions {
  /** names the kernel scope already holds (earlier cells, builtins). */
  isKnown: (name: string) => boolean;
  /** names of the host's globals (Math, console, ...), left alone unless the cell declares them. */
  isGlobal: (name: string) => boolean;
  /** false leaves X[k], X.length, for-of and switch unchecked: only to measure what the check costs (bench/cell-operators.ts). */
  rowGuards?: boolean;
}

export interface Rewritten {
  magic: MagicString;
  /** whether the cell ends in an expression whose value is its result. */
  hasResult: boolean;
  defines: string[];
  uses: string[];
}

export function rewrite(js: string, program: JsNode, a: Analysis, options: RewriteOptions): Rewritten {
  const s = new MagicString(js);
  const topLevel = a.topLevel;
  const inScope = (name: string) => topLevel.has(name) || options.isKnown(name);

  for (const statement of a.callingStatements) {
    s.appendRight(statement.start, `__sb.at(${statement.loc!.start.line});`);
  }

  // Jupyter's rule: the last expression statement is the result, unless a `;` ends it.
  const last = program.body[program.body.length - 1];
  const hasResult = last?.type === "ExpressionStatement" && !js.slice(last.start, last.end).trimEnd().endsWith(";");
  if (hasResult) {
    s.appendRight(last.start, "return (");
    s.prependLeft(last.expression.end, ")");
  }

  for (const { node, statement } of a.topDeclarations) {
    s.update(node.start, node.declarations[0].start, "");
    node.declarations.forEach((d: JsNode, i: number) => {
      if (d.id.type !== "Identifier" && statement) {
        // A destructuring assignment statement needs parentheses, and a `;` so the previous line
        // cannot swallow the `(` as a call.
        s.appendRight(d.start, i === 0 ? ";(" : "(");
        s.prependLeft(d.end, ")");
      }
      if (!d.init && statement) s.prependLeft(d.end, " = undefined");
    });
  }

  for (const node of a.topClasses) {
    s.appendRight(node.start, `__scope.${node.id.name} = `);
    s.prependLeft(node.end, ";");
  }

  for (const body of a.loopBodies) {
    if (body.type === "BlockStatement") s.appendLeft(body.start + 1, GUARD);
    else {
      s.appendRight(body.start, `{${GUARD} `);
      s.prependLeft(body.end, " }");
    }
  }

  for (const body of a.functionBodies) {
    if (body.type === "BlockStatement") s.appendLeft(body.start + 1, GUARD);
    else {
      // a one-line arrow (r => r.abs().sub(delta / 2)) stamps its steps with its own line, then gives
      // the caller's back: the trace's formula finds `delta` there, and the caller's .backward() keeps its line
      // (only where it may call something: x => x * 2 makes no step)
      const calls = js.slice(body.start, body.end).includes("(");
      s.appendRight(body.start, calls ? `(${EXPRESSION_GUARD}, __sb.leave(__sb.enter(${body.loc!.start.line}), ` : `(${EXPRESSION_GUARD}, `);
      s.prependLeft(body.end, calls ? "))" : ")");
    }
  }

  for (const { init, name, local } of a.bindings) {
    s.appendRight(init.start, "__sb.name(");
    s.prependLeft(init.end, `, ${JSON.stringify(name)}${local ? ", true" : ""})`);
  }

  const defines = new Set(topLevel.keys());
  const uses = new Set<string>();
  /** how each rewritten identifier reads now (__scope.x) */
  const scoped = new Map<JsNode, string>();
  for (const ref of a.freeRefs) {
    const name: string = ref.node.name;
    if (!ref.declaration && !inScope(name) && options.isGlobal(name)) continue;
    let text = `__scope.${name}`;
    // An unknown name under `typeof` is "undefined", not a ReferenceError.
    if (ref.typeofOperand && !inScope(name)) text = `__sb.peek(${JSON.stringify(name)})`;
    if (!ref.shorthand) scoped.set(ref.node, text);
    if (ref.shorthand) text = `${name}: ${text}`;
    s.update(ref.node.start, ref.node.end, text);
    if (ref.assigned) defines.add(name);
    if ((!ref.assigned || ref.compound) && !topLevel.has(name)) uses.add(name);
  }

  // numpy's habits (numpy-habits.ts habitSites): X[k] -> __sb.rows(X, "X")[k], for (r of X) -> for (r of __sb.rows((X), "X")),
  // if (f()) -> if (__sb.truth((f()), "f()")), {...X} -> {...__sb.fields("spread", (X), "X")}.
  // A wrapped value is outer to any operator that starts where it does ([...a + b]), a member is inner (a[i] + 1):
  // values are wrapped before the operators, members after.
  const sites = options.rowGuards === false ? [] : habitSites(program);
  /** the code of X for messages (X, this.W, o.t), then the flags, with no trailing defaults: `, "X"`, `, "X", true` */
  const rowArgs = (node: JsNode, nested = false, write = false) => {
    const text = js.slice(node.start, node.end).replace(/\?\.(?=[[(])/g, "").replace(/\?\./g, ".");
    const args = [text.length <= 40 && /^(?:this|[A-Za-z_$][\w$]*)(?:\.[A-Za-z_$][\w$]*)*$/.test(text) ? JSON.stringify(text) : "undefined", String(nested), String(write)];
    while (args.length > 0 && /^(?:undefined|false)$/.test(args[args.length - 1]!)) args.pop();
    return args.map((a) => `, ${a}`).join("");
  };
  for (const { node, kind, nested, how, fn, write } of sites) {
    if (kind === "member" || kind === "guard") continue;
    s.appendRight(node.start, kind === "switch" ? "__sb.switchValue((" : kind === "forIn" ? "__sb.forInValue((" : kind === "fields" ? `__sb.fields("${how}", (`
      : kind === "truth" ? "__sb.truth((" : kind === "math" ? `__sb.mathSpread(${JSON.stringify(fn)}, (` : "__sb.rows((");
    s.prependLeft(node.end, `)${kind === "truth" ? conditionText(js.slice(node.start, node.end), nested) : kind === "math" ? rowArgs(node, write) : rowArgs(node, nested)})`);
  }

  // x + 1, x == 2, x === 2: __sb.binary("+", x, 1), which refuses a tensor where JavaScript would make text or
  // compare identity; total += L: total += __sb.addend(total, L); obj.loss += L: __sb.addTo(obj, "loss", L)
  for (const node of a.operators) {
    if (node.type === "AssignmentExpression" && (node.left.type === "Identifier" || rereadAddition(node.left))) {
      const total = node.left.type === "Identifier" ? scoped.get(node.left) ?? node.left.name : js.slice(node.left.start, node.left.end);
      s.appendRight(node.right.start, `__sb.addend(${total}, `);
      s.prependLeft(node.right.end, ")");
      continue;
    }
    if (node.type === "AssignmentExpression") {
      const { object, property, computed } = node.left;
      const open = tokenAt(js, object.end, computed ? "[" : ".");
      const close = computed ? tokenAt(js, property.end, "]") : property.end - 1;
      const assign = tokenAt(js, close + 1, "+=");
      if (open < 0 || close < 0 || assign < 0) continue;
      s.appendRight(node.start, "__sb.addTo(");
      if (computed) {
        s.update(open, open + 1, ", ");
        s.update(close, assign + 2, ",");
      } else s.update(open, assign + 2, `, ${JSON.stringify(property.name)},`);
      s.prependLeft(node.end, `${rowArgs(object)})`);
      continue;
    }
    const at = tokenAt(js, node.left.end, node.operator);
    if (at < 0 || js.startsWith(`${node.operator}=`, at)) continue;
    s.appendRight(node.start, `__sb.binary(${JSON.stringify(node.operator)}, `);
    s.update(at, at + node.operator.length, ",");
    s.prependLeft(node.end, ")");
  }

  // a?.b[0]: ((__sbt = a) == null ? undefined : __sb.rows(__sbt?.b, "a.b")[0]), a guard's ternary outside the
  // members after it; between guards of one chain, the outer (the later link) first
  const guardAt = (link: JsNode) => tokenAt(js, linkObject(link).end, "?.");
  const guards = sites.filter((g) => g.kind === "guard" && guardAt(g.node) >= 0).sort((a, b) => linkObject(b.node).end - linkObject(a.node).end);
  for (const { node, end } of guards) {
    const at = guardAt(node);
    s.appendRight(node.start, "((__sbt = ");
    s.appendLeft(at, ") == null ? undefined : ");
    s.appendRight(at, "__sbt");
    s.prependLeft(end!, ")");
  }
  for (const { node, kind, write, from } of sites) {
    if (kind !== "member") continue;
    const close = tokenAt(js, node.object.end, node.optional ? "?." : node.computed ? "[" : ".");
    if (close < 0 || (from !== undefined && guardAt(from) < 0)) continue;
    // after a guard, the object's code starts with its __sbt (and is __sbt alone for the guard itself)
    if (from === undefined) s.appendRight(node.start, "__sb.rows(");
    else s.appendLeft(guardAt(from), "__sb.rows(");
    if (from === node) s.appendRight(close, `${rowArgs(node.object, false, write)})`);
    else s.prependLeft(close, `${rowArgs(node.object, false, write)})`);
  }

  // Function declarations are hoisted: publish them before the first statement runs.
  const hoisted = [...topLevel].filter(([, kind]) => kind === "function").map(([name]) => `__scope.${name} = ${name};`);
  s.prepend(`(async function (__sb, __scope, __sbg) {"use strict";${guards.length > 0 ? "let __sbt;" : ""}${hoisted.join("")}`);
  s.append(`\n})(...globalThis[Symbol.for("stepbook.cell")])`);
  return { magic: s, hasResult, defines: [...defines], uses: [...uses] };
}

/** `, "loss.less(0.01)"`: a condition's code for its message, when it is short and on one line; `, true` for a mask only */
const conditionText = (code: string, maskOnly?: boolean) =>
  `${code.length <= 60 && !code.includes("\n") ? `, ${JSON.stringify(code)}` : maskOnly ? ", undefined" : ""}${maskOnly ? ", true" : ""}`;

/**
 * Where a token is, from the end of the operand before it: past spaces, closing parentheses and
 * comments; -1 if it is not found there.
 */
function tokenAt(js: string, from: number, token: string): number {
  let i = from;
  while (i < js.length) {
    if (/\s|\)/.test(js[i])) i++;
    else if (js.startsWith("//", i)) i = js.indexOf("\n", i) < 0 ? js.length : js.indexOf("\n", i);
    else if (js.startsWith("/*", i)) i = js.indexOf("*/", i) < 0 ? js.length : js.indexOf("*/", i) + 2;
    else break;
  }
  return js.startsWith(token, i) ? i : -1;
}
