// A short, readable text form of any value, for text/plain outputs and console.log. Like Node's
// util.inspect, but small, the same in the browser and Node, and bounded: long arrays and deep objects
// are cut, so printing a 1e6-element array costs what printing 100 elements costs.
import { Tensor } from "../tensor/tensor.ts";

export interface ReprOptions {
  /** nesting depth shown before `[Object]`. */
  depth?: number;
  /** array items and object keys shown before "... n more". */
  maxItems?: number;
  /** strings are quoted when nested or shown as a result, raw when printed by console.log. */
  quoteStrings?: boolean;
}

const DEFAULTS = { depth: 2, maxItems: 100, quoteStrings: true };

export function repr(value: unknown, options: ReprOptions = {}): string {
  const o = { ...DEFAULTS, ...options };
  return format(value, o.depth, o, new Set(), o.quoteStrings);
}

function format(value: unknown, depth: number, o: typeof DEFAULTS, seen: Set<object>, quote: boolean): string {
  switch (typeof value) {
    case "string": return quote ? quoteString(value) : value;
    case "number": return Object.is(value, -0) ? "-0" : String(value);
    case "bigint": return `${value}n`;
    case "boolean": case "undefined": return String(value);
    case "symbol": return value.toString();
    case "function": {
      const name = value.name ? ` ${value.name}` : " (anonymous)";
      return /^class\b/.test(Function.prototype.toString.call(value)) ? `[class${name}]` : `[Function${name}]`;
    }
  }
  if (value === null) return "null";
  const obj = value as object;
  if (obj instanceof Tensor) return obj.toString();
  if (seen.has(obj)) return "[Circular]";
  if (obj instanceof Error) return obj.stack ?? `${obj.name}: ${obj.message}`;
  if (obj instanceof Date) return Number.isNaN(obj.getTime()) ? "Invalid Date" : obj.toISOString();
  if (obj instanceof RegExp) return obj.toString();
  if (obj instanceof Promise) return "Promise { <pending> }";
  const nested = (v: unknown) => format(v, depth - 1, o, seen, true);
  seen.add(obj);
  try {
    if (Array.isArray(obj) || ArrayBuffer.isView(obj)) {
      const items = obj as ArrayLike<unknown>;
      const prefix = Array.isArray(obj) ? "" : `${obj.constructor.name}(${items.length}) `;
      if (depth < 0) return `${prefix}[Array]`;
      return prefix + bracket("[", "]", list(items.length, o.maxItems, (i) => nested(items[i])));
    }
    if (obj instanceof Map) {
      if (depth < 0) return "[Map]";
      const entries = [...obj.entries()];
      return `Map(${obj.size}) ` + bracket("{", "}", list(entries.length, o.maxItems, (i) => `${nested(entries[i][0])} => ${nested(entries[i][1])}`));
    }
    if (obj instanceof Set) {
      if (depth < 0) return "[Set]";
      const values = [...obj];
      return `Set(${obj.size}) ` + bracket("{", "}", list(values.length, o.maxItems, (i) => nested(values[i])));
    }
    const ctor = Object.getPrototypeOf(obj)?.constructor;
    const prefix = ctor && ctor !== Object && typeof ctor.name === "string" && ctor.name ? `${ctor.name} ` : "";
    if (depth < 0) return `[${prefix.trim() || "Object"}]`;
    const keys = Object.keys(obj);
    const record = obj as Record<string, unknown>;
    return prefix + bracket("{", "}", list(keys.length, o.maxItems, (i) => `${keyText(keys[i])}: ${nested(record[keys[i]])}`));
  } finally {
    seen.delete(obj);
  }
}

function list(length: number, max: number, item: (i: number) => string): string[] {
  const out: string[] = [];
  for (let i = 0; i < Math.min(length, max); i++) out.push(item(i));
  if (length > max) out.push(`... ${length - max} more item${length - max === 1 ? "" : "s"}`);
  return out;
}

// One line when short, one item per line when long (like Node).
function bracket(open: string, close: string, items: string[]): string {
  if (items.length === 0) return `${open}${close}`;
  const oneLine = `${open} ${items.join(", ")} ${close}`;
  if (oneLine.length <= 72 && !oneLine.includes("\n")) return open === "[" ? `[${items.join(", ")}]` : oneLine;
  return `${open}\n${items.map((s) => "  " + s.replace(/\n/g, "\n  ")).join(",\n")}\n${close}`;
}

function keyText(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : quoteString(key);
}

function quoteString(s: string): string {
  return `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\n/g, "\\n")}'`;
}
