// Where a numpy habit means something else in JavaScript, found before a cell runs (analyze.ts) or checked
// while it runs (rewrite.ts routes the operators through cell-handle.ts): numpy's tuple (3, 2) is the comma
// operator's 2, X[0, 1] is X[1], X.shape == [2, 3] compares with a new array, and +, ==, === on a tensor
// make text or compare which object it is.
import type { JsNode } from "./analyze.ts";

/** A number or a name as a numpy tuple's item ((3, 2), (n, -1)), or null. */
export const tupleItem = (e: JsNode): string | null => (e.type === "Identifier" ? e.name : e.type === "Literal" && typeof e.value === "number" ? e.raw
  : e.type === "UnaryExpression" && e.operator === "-" && e.argument.type === "Literal" && typeof e.argument.value === "number" ? `-${e.argument.raw}` : null);
export const CHECKED_OPERATORS = new Set(["+", "==", "!=", "===", "!=="]);
/** total += L and obj.loss += L, arr[i] += L (not super.x, this.#x, or a target in parentheses, which the rewrite cannot pass on) */
export const checkedAddition = (node: JsNode): boolean => node.operator === "+=" && node.start === node.left.start && (node.left.type === "Identifier"
  || (node.left.type === "MemberExpression" && node.left.object.type !== "Super" && node.left.property.type !== "PrivateIdentifier"));

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
