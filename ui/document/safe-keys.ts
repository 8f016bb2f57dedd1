import { DocumentError } from "./errors.ts";

// Keys that reach Object.prototype (or a constructor's) when a parsed object is later merged or
// assigned into another object. Notebooks are untrusted input, so we refuse them outright.
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN_KEYS.has(key);
}

/** Appends a key to a JSON field path: `cells[2].metadata.tags`. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  const name = /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
  return path === "" ? name : /^[A-Za-z_$]/.test(name) ? `${path}.${name}` : `${path}[${name}]`;
}

/**
 * JSON nested deeper than this is refused: no notebook needs it, and every later recursive step
 * (copying metadata, writing it back with JSON.stringify) would overflow the stack on it.
 */
export const MAX_JSON_DEPTH = 200;

/**
 * Throws a DocumentError naming the field path of the first forbidden key anywhere in `value`, or of
 * the first value nested deeper than MAX_JSON_DEPTH. Walks with its own stack, so a hostile file
 * cannot overflow the call stack here.
 */
export function assertNoForbiddenKeys(value: unknown, file: string, path = ""): void {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path, depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (item.value === null || typeof item.value !== "object") continue;
    if (item.depth > MAX_JSON_DEPTH) {
      throw new DocumentError(file, { path: item.path.length > 120 ? `${item.path.slice(0, 120)}…` : item.path }, `JSON nested more than ${MAX_JSON_DEPTH} levels deep is not read`);
    }
    const children: typeof stack = [];
    if (Array.isArray(item.value)) {
      item.value.forEach((v, i) => children.push({ value: v, path: childPath(item.path, i), depth: item.depth + 1 }));
    } else {
      for (const key of Object.keys(item.value)) {
        if (isForbiddenKey(key)) {
          throw new DocumentError(file, { path: childPath(item.path, key) }, `the key "${key}" is not allowed`);
        }
        children.push({ value: (item.value as Record<string, unknown>)[key], path: childPath(item.path, key), depth: item.depth + 1 });
      }
    }
    // reversed, so the walk meets fields in document order
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}
