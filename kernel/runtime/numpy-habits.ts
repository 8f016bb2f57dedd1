// Where a numpy habit means something else in JavaScript, found before a cell runs (analyze.ts) or checked
// while it runs (rewrite.ts routes the operators through cell-handle.ts): numpy's tuple (3, 2) is the comma
// operator's 2, X[0, 1] is X[1], X.shape == [2, 3] compares with a new array, and +, ==, === on a tensor
// make text or compare which object it is.
import type { JsNode } from "./analyze.ts";

/** A number or a name as a numpy tuple's item ((3, 2), (n, -1)), or null. */
export const tupleItem = (e: JsNode): string | null => (e.type === "Identifier" ? e.name : e.type === "Literal" && typeof e.value === "number" ? e.raw
  : e.type === "UnaryExpression" && e.operator === "-" && e.argument.type === "Literal" && typeof e.argument.value === "number" ? `-${e.argument.raw}` : null);
export const CHECKED_OPERATORS = new Set(["+", "==", "!=", "===", "!=="]);
/**
 * total += L and obj.loss += L, arr[i] += L, this.#x += L, super.x += L (not a target in parentheses, which the
 * rewrite cannot pass on)
 */
export const checkedAddition = (node: JsNode): boolean => node.operator === "+=" && node.start === node.left.start && (node.left.type === "Identifier"
  || rereadAddition(node.left) || (node.left.type === "MemberExpression" && node.left.object.type !== "Super" && node.left.property.type !== "PrivateIdentifier"));
/**
 * this.#x += L and super.x += L: __sb.addTo cannot reach a private field or super's property, so the check reads
 * the target a second time, as for total += L (the same value, unless it is a getter with side effects).
 */
export const rereadAddition = (left: JsNode): boolean => left.type === "MemberExpression" && !left.computed
  && (left.object.type === "Super" || (left.object.type === "ThisExpression" && left.property.type === "PrivateIdentifier"));

/** Why a parenthesised list of numbers and names (numpy's tuple) is refused, or null for other sequences. */
export function tupleMessage(node: JsNode, index: boolean): string | null {
  const parts = node.expressions.map(tupleItem);
  if (!parts.every((p: string | null) => p !== null)) return null;
  const last = parts[parts.length - 1];
  return index
    ? `X[${parts.join(", ")}] is X[${last}] in JavaScript (its comma operator gives the last value): write X.slice(${parts.join(", ")}) for numpy's X[${parts.join(", ")}]`
    : `(${parts.join(", ")}) is JavaScript's comma operator, which gives its last value (${last}), not numpy's tuple: write [${parts.join(", ")}] for a shape or a list`;
}

/**
 * Why x == [2, 3] (or !=, ===, !==) is refused: a new array is no other array (TypeScript refuses a number or
 * text beside an array literal as comparing types with no overlap); null for other comparisons.
 */
export function listComparisonMessage(node: JsNode): string | null {
  if (node.operator === "+" || !CHECKED_OPERATORS.has(node.operator)) return null;
  const list = [node.left, node.right].find((e: JsNode) => e.type === "ArrayExpression");
  if (list === undefined) return null;
  const items = list.elements.map((e: JsNode | null) => (e === null ? null : tupleItem(e)));
  const text = items.every((i: string | null) => i !== null) ? `[${items.join(", ")}]` : "[...]";
  const always = node.operator.startsWith("!") ? "true" : "false";
  return `x ${node.operator} ${text}: JavaScript's ${node.operator} asks whether x is that new array, which no array is (${always} for X.shape, whatever its items), not numpy's comparison of items; write np.arrayEqual(x, ${text}) (for a shape, np.arrayEqual(X.shape, ${text}))`;
}

/**
 * Where numpy reads an array by rows and JavaScript reads a tensor as a plain object: X[0], X[i] = v, X.length
 * (undefined, or a property silently set), delete X[0] (true, and nothing removed), `for (const row of X)`, [...X],
 * const [a, b] = X, Array.from(X) (not iterable, or []), and `switch (X)` (=== to each case, never true); and where
 * a tensor stands for a yes/no, numbers or its own fields (a condition, Math.max(...v), {...X}). The rewrite passes
 * the value through __sb.rows, __sb.truth, ... (cell-handle.ts, tensor-rows.ts, tensor-numbers.ts), which give
 * anything but a tensor back as it is.
 *   member:  X[k] with k not a string literal, and X.length (the object is wrapped, so X is evaluated once and the
 *            read, write or delete stays JavaScript's own); not a callee (X[k]() keeps its `this`). `from`: the
 *            guard after which the object's code starts (the member itself when it is a guard), if any
 *   guard:   an optional link (a?.b, f?.()) that a checked member follows (a?.b[0]): wrapping a?.b would lose its
 *            short-circuit, so the code from the chain's start to `end` becomes
 *            ((__sbt = a) == null ? undefined : __sbt?.b[0]), and the member wraps __sbt?.b there. Not for
 *            o.f?.() (calling __sbt would lose its `this`), nor in delete's operand (delete a?.b[0]): those
 *            members stay unchecked
 *   iterate: a for-of's right side, a spread, an array pattern's value, Array.from's first argument
 *            (`nested` when each row is destructured too: for (const [x, y] of X))
 *   in:      the right side of k in X: a tensor refuses a number key there (numpy's `2 in X` asks for a value)
 *   truth:   a condition (if, while, do, for, ?:, !, through && and ||, and the left of a && b or a || b as a
 *            value): if (loss.less(0.01)) was always true, as any object is; a tensor counts as numpy's bool(x),
 *            one value or refused. A name or a property (`nested`) only when it holds a mask
 *            (const done = err.less(tol); if (done)), and so the left of && and || as a value: if (W.grad) and
 *            f() || fallback are JavaScript's "is there one", kept as they are
 *   math:    a spread argument of Math's functions, Math.max(...v) (`write` when it is the only argument, as the
 *            message writes the call out): a 1-D tensor gives its numbers, as numpy's max(v) and math.hypot(*v)
 *            read them; a larger one gives rows, not numbers. (Math.exp(X) is not rewritten: the tensor's own
 *            conversion to a number refuses it, and names Math.exp, at no cost to a loop's Math.exp(x))
 *   switch:  switch (X)
 *   forIn:   for (const row in X), Python's `for row in X` written with JavaScript's `in`: X's property names
 *   fields:  {...X}, Object.keys(X), Object.values(X), Object.entries(X), Object.assign(o, X), structuredClone(X):
 *            a tensor's fields (id, data, shape, ...), where numpy's values were meant (`how` says which)
 */
export interface HabitSite {
  node: JsNode;
  kind: "member" | "guard" | "iterate" | "in" | "switch" | "forIn" | "fields" | "truth" | "math";
  nested?: boolean; write?: boolean; from?: JsNode; end?: number; how?: FieldsUse; fn?: string;
}
/** what reads a value's own fields: {...X}, Object.keys(X), Object.values(X), Object.entries(X), Object.assign(o, X), structuredClone(X) */
export type FieldsUse = "spread" | "keys" | "values" | "entries" | "assign" | "clone";

const NEVER_TENSOR = new Set(["ArrayExpression", "ObjectExpression", "Literal", "TemplateLiteral", "Super",
  "FunctionExpression", "ArrowFunctionExpression", "ClassExpression"]);

export function habitSites(program: JsNode): HabitSite[] {
  const sites: HabitSite[] = [];
  const skip = new WeakSet<JsNode>();
  /** X[0] -= v, X[0]++: read before written, so their refusal is a write's */
  const written = new WeakSet<JsNode>();
  /** each guard and its chain (the innermost ChainExpression around it) */
  const guards = new Map<JsNode, JsNode>();
  let chain: JsNode | null = null;
  const iterate = (node: JsNode | null | undefined, nested = false) => { if (node && !NEVER_TENSOR.has(node.type)) sites.push({ node, kind: "iterate", nested }); };
  /** conditions already checked, so the && or || inside one is not checked again as a value */
  const tested = new WeakSet<JsNode>();
  /**
   * a condition's calls, names and properties, through && and ||: if (loss.less(0.01)), while (!done && err.greater(tol));
   * a name or a property only for a mask (`nested`: if (W.grad) asks whether there is one), and a call too when
   * `maskOnly` (the left of a && b as a value: f() || fallback keeps a tensor as JavaScript's default)
   */
  const condition = (node: JsNode | null | undefined, maskOnly = false): void => {
    if (node) tested.add(node);
    if (node?.type === "LogicalExpression" && node.operator !== "??") { condition(node.left, maskOnly); condition(node.right, maskOnly); }
    else if (node?.type === "CallExpression" || (node?.type === "ChainExpression" && node.expression.type === "CallExpression")) sites.push({ node, kind: "truth", nested: maskOnly });
    else if (node?.type === "Identifier" || node?.type === "MemberExpression" || node?.type === "ChainExpression") sites.push({ node, kind: "truth", nested: true });
  };
  const fields = (node: JsNode | undefined, how: FieldsUse) => { if (node && node.type !== "SpreadElement" && !NEVER_TENSOR.has(node.type)) sites.push({ node, kind: "fields", how }); };
  const visit = (node: JsNode): void => {
    switch (node.type) {
      case "MemberExpression": {
        const key = node.property;
        const reads = node.computed ? !(key.type === "Literal" && typeof key.value === "string") : key.type === "Identifier" && key.name === "length";
        if (!reads || skip.has(node) || NEVER_TENSOR.has(node.object.type)) break;
        // X?.[0] short-circuits itself: __sb.rows(X)?.[0] is undefined where X is, as the chain was
        const link = node.optional ? null : optionalLink(node.object);
        if (link === "unsafe" || (link !== null && (chain === null || skip.has(chain)))) break;
        if (link !== null) guards.set(link, chain!);
        sites.push({ node, kind: "member", write: written.has(node) });
        break;
      }
      case "CallExpression": case "NewExpression":
        skip.add(node.callee);
        if (node.type === "CallExpression" && isArrayFrom(node.callee)) iterate(node.arguments[0]?.type === "SpreadElement" ? null : node.arguments[0]);
        if (node.type === "CallExpression" && mathFunction(node.callee) !== null) {
          // Math.max(...v) (in place of the spread's own __sb.rows), `write` when it is the only argument
          for (const a of node.arguments) {
            if (a.type !== "SpreadElement" || NEVER_TENSOR.has(a.argument.type)) continue;
            skip.add(a);
            sites.push({ node: a.argument, kind: "math", fn: mathFunction(node.callee)!, write: node.arguments.length === 1 });
          }
        }
        if (node.type === "CallExpression") {
          const how = objectFunction(node.callee);
          if (how === "assign") for (const a of node.arguments.slice(1)) fields(a, how);
          else if (how !== null) fields(node.arguments[0], how);
        }
        break;
      case "TaggedTemplateExpression": skip.add(node.tag); break;
      // delete X[0] goes to the tensor's view, which refuses it; delete a?.b[0] needs its chain as it is
      case "UnaryExpression":
        if (node.operator === "delete" && node.argument.type === "ChainExpression") skip.add(node.argument);
        if (node.operator === "!") condition(node.argument);
        break;
      case "IfStatement": case "WhileStatement": case "DoWhileStatement": case "ForStatement": case "ConditionalExpression": condition(node.test); break;
      // const ok = L.less(0.01) && acc.greater(0.9): the left decides, as a condition (a mask's value, as numpy's `and`)
      case "LogicalExpression": if (node.operator !== "??" && !tested.has(node)) condition(node.left, true); break;
      // 2 in X: JavaScript's property test, where numpy asks whether a value equals 2 (#x in o is a brand check)
      case "BinaryExpression": if (node.operator === "in" && node.left.type !== "PrivateIdentifier" && !NEVER_TENSOR.has(node.right.type)) sites.push({ node: node.right, kind: "in" }); break;
      case "UpdateExpression": written.add(node.argument); break;
      case "AssignmentExpression":
        if (checkedAddition(node)) skip.add(node.left); // __sb.addTo checks obj[k] += v itself
        else if (node.operator !== "=") written.add(node.left);
        if (node.left.type === "ArrayPattern") iterate(node.right);
        break;
      case "VariableDeclarator": if (node.id.type === "ArrayPattern") iterate(node.init); break;
      case "ForOfStatement": {
        const left = node.left.type === "VariableDeclaration" ? node.left.declarations[0].id : node.left;
        iterate(node.right, left.type === "ArrayPattern");
        break;
      }
      // {...X} copies properties, it does not iterate
      case "ObjectExpression": for (const p of node.properties) { skip.add(p); if (p.type === "SpreadElement") fields(p.argument, "spread"); } break;
      case "SpreadElement": if (!skip.has(node)) iterate(node.argument); break;
      case "SwitchStatement": if (!NEVER_TENSOR.has(node.discriminant.type)) sites.push({ node: node.discriminant, kind: "switch" }); break;
      case "ForInStatement": if (!NEVER_TENSOR.has(node.right.type)) sites.push({ node: node.right, kind: "forIn" }); break;
    }
    const outer = chain;
    if (node.type === "ChainExpression") chain = node;
    for (const k in node) {
      if (k === "loc") continue;
      const v = node[k];
      if (Array.isArray(v)) { for (const c of v) if (c && typeof c.type === "string") visit(c); } else if (v && typeof v === "object" && typeof v.type === "string") visit(v);
    }
    chain = outer;
  };
  visit(program);
  for (const site of sites) if (site.kind === "member") site.from = guards.has(site.node) ? site.node : guardOnSpine(site.node.object, guards) ?? undefined;
  // a guard's code ends where the next guard up its chain begins (at that one's object), or where the chain ends
  for (const [link, of] of guards) {
    let above: JsNode | null = null;
    for (const g of guards.keys()) if (g !== link && guardOnSpine(linkObject(g), guards, link) === link) above = g;
    sites.push({ node: link, kind: "guard", end: above === null ? of.end : linkObject(above).end });
  }
  return sites;
}

/** The object of a member, the callee of a call: the chain one link down. */
export const linkObject = (link: JsNode): JsNode => (link.type === "CallExpression" ? link.callee : link.object);

/** The nearest optional link (?.) on the chain down from this point (a?.b for a?.b.c), null, or "unsafe" for o.f?.(). */
function optionalLink(node: JsNode): JsNode | "unsafe" | null {
  for (let n = node; n.type === "MemberExpression" || n.type === "CallExpression"; n = linkObject(n)) {
    if (n.optional) return n.type === "CallExpression" && n.callee.type === "MemberExpression" ? "unsafe" : n;
  }
  return null;
}

/** The first guard on the chain down from this point (the node itself included; `stop` counts as one), or null. */
function guardOnSpine(node: JsNode, guards: Map<JsNode, JsNode>, stop?: JsNode): JsNode | null {
  for (let n = node; n.type === "MemberExpression" || n.type === "CallExpression"; n = linkObject(n)) if (n === stop || guards.has(n)) return n;
  return null;
}

/** Math.max, Math.hypot, ...: the function's name, by name (as Array.from), or null. */
function mathFunction(callee: JsNode): string | null {
  return callee.type === "MemberExpression" && !callee.computed && callee.object.type === "Identifier" && callee.object.name === "Math" ? callee.property.name : null;
}

/** Object.keys, values, entries or assign, or structuredClone, by name (as Array.from), or null. */
function objectFunction(callee: JsNode): FieldsUse | null {
  if (callee.type === "Identifier" && callee.name === "structuredClone") return "clone";
  if (callee.type !== "MemberExpression" || callee.computed || callee.object.type !== "Identifier" || callee.object.name !== "Object") return null;
  const name = callee.property.name;
  return name === "keys" || name === "values" || name === "entries" || name === "assign" ? name : null;
}

const isArrayFrom = (callee: JsNode) => callee.type === "MemberExpression" && !callee.computed && callee.object.type === "Identifier"
  && callee.object.name === "Array" && callee.property.name === "from";
