import { DocumentError } from "./errors.ts";
import { childPath } from "./safe-keys.ts";
import type { JsonObject, JsonValue } from "./types.ts";

/**
 * Typed access to untrusted JSON that fails with the field path (`cells[2].outputs[0].text`),
 * so a broken notebook says exactly which field is wrong.
 */
export class JsonFields {
  constructor(readonly file: string) {}

  fail(path: string, reason: string): never {
    throw new DocumentError(this.file, { path: path || "(root)" }, reason);
  }

  object(value: unknown, path: string): JsonObject {
    if (value === null || typeof value !== "object" || Array.isArray(value)) this.fail(path, `must be an object, found ${describe(value)}`);
    return value as JsonObject;
  }

  array(value: unknown, path: string): JsonValue[] {
    if (!Array.isArray(value)) this.fail(path, `must be an array, found ${describe(value)}`);
    return value;
  }

  string(value: unknown, path: string): string {
    if (typeof value !== "string") this.fail(path, `must be a string, found ${describe(value)}`);
    return value;
  }

  boolean(value: unknown, path: string): boolean {
    if (typeof value !== "boolean") this.fail(path, `must be true or false, found ${describe(value)}`);
    return value;
  }

  integer(value: unknown, path: string): number {
    if (!Number.isInteger(value)) this.fail(path, `must be an integer, found ${describe(value)}`);
    return value as number;
  }

  /** nbformat multiline strings: one string, or a list of lines to join. */
  text(value: unknown, path: string): string {
    if (Array.isArray(value)) return value.map((line, i) => this.string(line, childPath(path, i))).join("");
    return this.string(value, path);
  }

  /** The value of a required field. */
  required(object: JsonObject, key: string, path: string): JsonValue {
    if (!Object.hasOwn(object, key)) this.fail(childPath(path, key), "is missing");
    return object[key]!;
  }

  /** The value of an optional field, or undefined. */
  optional(object: JsonObject, key: string): JsonValue | undefined {
    return Object.hasOwn(object, key) ? object[key] : undefined;
  }
}

/** The fields of `object` other than `known`, for keeping what we do not interpret. */
export function otherFields(object: JsonObject, known: readonly string[]): JsonObject | undefined {
  const rest = Object.fromEntries(Object.entries(object).filter(([key]) => !known.includes(key)));
  return Object.keys(rest).length > 0 ? rest : undefined;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return typeof value === "string" ? `the string ${JSON.stringify(value.slice(0, 40))}` : `${typeof value} ${String(value)}`;
}
