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

/** Throws a DocumentError naming the field path of the first forbidden key anywhere in `value`. */
export function assertNoForbiddenKeys(value: unknown, file: string, path = ""): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => assertNoForbiddenKeys(item, file, childPath(path, i)));
  } else if (value !== null && typeof value === "object") {
    for (const key of Object.keys(value)) {
      if (isForbiddenKey(key)) {
        throw new DocumentError(file, { path: childPath(path, key) }, `the key "${key}" is not allowed`);
      }
      assertNoForbiddenKeys((value as Record<string, unknown>)[key], file, childPath(path, key));
    }
  }
}
