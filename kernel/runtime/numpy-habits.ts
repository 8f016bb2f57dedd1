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
 * (undefined, or a property silently set), `for (const row of X)`, [...X], const [a, b] = X, Array.from(X) (not
 * iterable, or []), and `switch (X)` (=== to each case, never true). The rewrite passes the object through
 * __sb.rows (cell-handle.ts, tensor-rows.ts), which gives anything but a tensor back as it is.
 *   member: X[k] with k not a string literal, and X.length (the object is wrapped, so X is evaluated once
 *           and the read or write stays JavaScript's own); not a callee (X[k]() keeps its `this`), not after
 *           an optional link in the same chain (a?.b[0] would lose its short-circuit), not delete's operand
 *   iterate: a for-of's right side, a spread, an array pattern's value, Array.from's first argument
 *           (`nested` when each row is destructured too: for (const [x, y] of X))
 *   switch:  switch (X)
 *   forIn:   for (const row in X), Python's `for row in X` written with JavaScript's `in`: X's property names
 */
export interface RowSite { node: JsNode; kind: "member" | "iterate" | "switch" | "forIn"; nested?: boolean; write?: boolean }

const NEVER_TENSOR = new Set(["ArrayExpression", "ObjectExpression", "Literal", "TemplateLiteral", "Super",
  "FunctionExpression", "ArrowFunctionExpression", "ClassExpression"]);

export function rowSites(program: JsNode): RowSite[] {
  const sites: RowSite[] = [];
  const skip = new WeakSet<JsNode>();
  /** X[0] -= v, X[0]++: read before written, so their refusal is a write's */
  const written = new WeakSet<JsNode>();
  const iterate = (node: JsNode | null | undefined, nested = false) => { if (node && !NEVER_TENSOR.has(node.type)) sites.push({ node, kind: "iterate", nested }); };
  const visit = (node: JsNode): void => {
    switch (node.type) {
      case "MemberExpression": {
        const key = node.property;
        const reads = node.computed ? !(key.type === "Literal" && typeof key.value === "string") : key.type === "Identifier" && key.name === "length";
        if (reads && !skip.has(node) && !NEVER_TENSOR.has(node.object.type) && !optionalBefore(node.object)) sites.push({ node, kind: "member", write: written.has(node) });
        break;
      }
      case "CallExpression": case "NewExpression":
        skip.add(node.callee);
        if (node.type === "CallExpression" && isArrayFrom(node.callee)) iterate(node.arguments[0]?.type === "SpreadElement" ? null : node.arguments[0]);
        break;
      case "TaggedTemplateExpression": skip.add(node.tag); break;
      case "UnaryExpression": if (node.operator === "delete") skip.add(node.argument); break;
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
      case "ObjectExpression": for (const p of node.properties) skip.add(p); break; // {...X} copies properties, it does not iterate
      case "SpreadElement": if (!skip.has(node)) iterate(node.argument); break;
      case "SwitchStatement": if (!NEVER_TENSOR.has(node.discriminant.type)) sites.push({ node: node.discriminant, kind: "switch" }); break;
      case "ForInStatement": if (!NEVER_TENSOR.has(node.right.type)) sites.push({ node: node.right, kind: "forIn" }); break;
    }
    for (const k in node) {
      if (k === "loc") continue;
      const v = node[k];
      if (Array.isArray(v)) { for (const c of v) if (c && typeof c.type === "string") visit(c); } else if (v && typeof v === "object" && typeof v.type === "string") visit(v);
    }
  };
  visit(program);
  return sites;
}

/** Whether an optional link (?.) comes before this point of its chain: then wrapping would break its short-circuit. */
function optionalBefore(node: JsNode): boolean {
  for (let n = node; n.type === "MemberExpression" || n.type === "CallExpression"; n = n.type === "MemberExpression" ? n.object : n.callee) if (n.optional) return true;
  return false;
}

const isArrayFrom = (callee: JsNode) => callee.type === "MemberExpression" && !callee.computed && callee.object.type === "Identifier"
  && callee.object.name === "Array" && callee.property.name === "from";
