// The builtins a cell can overwrite and the kernel needs. A cell runs in the kernel's own realm, so
// `Array.prototype.push = null`, `JSON.stringify = () => ""` or `Function.prototype.call = 0` would break
// the kernel's own code (the TypeScript compiler that compiles the next cell, the output sink, the
// protocol) and leave it silent. So the kernel takes a snapshot of them when it is loaded, before any
// cell ran, and `restore()` puts back whatever a cell replaced or deleted:
//   - every global constructor and namespace below (Object, Array, JSON, Promise, Map, Reflect, typed
//     arrays, ...), its own properties and its prototype's (symbols too: `Array.prototype[Symbol.iterator]`);
//   - the iterator prototypes (for...of, spread) and the host functions the kernel calls (postMessage,
//     setTimeout and clearTimeout, performance.now, structuredClone, queueMicrotask);
//   - a `then` added to Object/Array/Function.prototype (it would turn every value into a thenable and
//     hang every `await`).
// New properties (`Array.prototype.sum = ...`) are a cell's business and stay. The restore itself uses
// only functions captured here at load, so it works whatever the cell replaced. What it cannot undo (a
// frozen prototype whose property was replaced first) it reports, and Restart gives a fresh worker: a
// clean realm.

// Captured at load: the restore calls nothing else.
const { getOwnPropertyDescriptor, defineProperty, ownKeys, getPrototypeOf, deleteProperty } = Reflect;
const objectIs = Object.is;

const GLOBALS = [
  "Object", "Function", "Array", "String", "Number", "Boolean", "Symbol", "BigInt", "Math", "JSON", "Reflect",
  "Promise", "Map", "Set", "WeakMap", "WeakSet", "WeakRef", "Error", "TypeError", "RangeError", "SyntaxError",
  "ReferenceError", "EvalError", "URIError", "AggregateError", "RegExp", "Date", "Proxy", "ArrayBuffer",
  "SharedArrayBuffer", "DataView", "Atomics", "Float64Array", "Float32Array", "Int32Array", "Uint32Array", "Int16Array",
  "Uint16Array", "Int8Array", "Uint8Array", "Uint8ClampedArray", "BigInt64Array", "BigUint64Array", "WebAssembly",
  "Intl", "performance",
] as const;
const HOST_FUNCTIONS = [
  "postMessage", "setTimeout", "clearTimeout", "setInterval", "clearInterval", "queueMicrotask", "structuredClone",
  "eval", "parseInt", "parseFloat", "isNaN", "isFinite", "encodeURIComponent", "decodeURIComponent", "TextEncoder", "TextDecoder",
] as const;

interface Saved { target: object; key: PropertyKey; descriptor: PropertyDescriptor; label: string; data: boolean }

/** prototypes that have no `then` of their own (Promise.prototype's is in the snapshot). */
const THENLESS: object[] = [Object.prototype, Array.prototype, Function.prototype];

function describe(target: object, label: string, out: Saved[]): void {
  for (const key of ownKeys(target)) {
    const descriptor = getOwnPropertyDescriptor(target, key);
    if (descriptor) out.push({ target, key, descriptor, label: typeof key === "symbol" ? `${label}[${key.description}]` : `${label}.${key}`, data: "value" in descriptor });
  }
}

function snapshot(): Saved[] {
  const saved: Saved[] = [];
  const g = globalThis as unknown as Record<string, unknown>;
  for (const name of [...GLOBALS, ...HOST_FUNCTIONS]) {
    // where the binding lives: the global itself, or (in a browser worker) a prototype of it
    for (let holder: object | null = globalThis; holder !== null; holder = getPrototypeOf(holder)) {
      const descriptor = getOwnPropertyDescriptor(holder, name);
      if (descriptor) { saved.push({ target: holder, key: name, descriptor, label: name, data: "value" in descriptor }); break; }
    }
  }
  for (const name of GLOBALS) {
    const value = g[name];
    if ((typeof value !== "object" && typeof value !== "function") || value === null) continue;
    describe(value, name, saved);
    const proto = (value as { prototype?: unknown }).prototype;
    // (Function.prototype is itself a function)
    if ((typeof proto === "object" || typeof proto === "function") && proto !== null) describe(proto, `${name}.prototype`, saved);
  }
  const typedArray = getPrototypeOf(Int8Array) as { prototype: object };
  describe(typedArray, "TypedArray", saved);
  describe(typedArray.prototype, "TypedArray.prototype", saved);
  const arrayIterator = getPrototypeOf([][Symbol.iterator]()) as object;
  describe(arrayIterator, "ArrayIterator", saved);
  describe(getPrototypeOf(arrayIterator) as object, "Iterator.prototype", saved);
  describe(getPrototypeOf(new Map()[Symbol.iterator]()) as object, "MapIterator", saved);
  describe(getPrototypeOf(new Set()[Symbol.iterator]()) as object, "SetIterator", saved);
  describe(getPrototypeOf(""[Symbol.iterator]()) as object, "StringIterator", saved);
  if (typeof performance === "object") describe(getPrototypeOf(performance) as object, "performance", saved);
  return saved;
}

function same(a: PropertyDescriptor | undefined, b: PropertyDescriptor): boolean {
  return a !== undefined && objectIs(a.value, b.value) && a.get === b.get && a.set === b.set
    && a.writable === b.writable && a.enumerable === b.enumerable && a.configurable === b.configurable;
}

const SAVED = snapshot();

export interface Restored {
  /** what a cell had replaced or deleted and is now back, e.g. "Array.prototype.push". */
  restored: string[];
  /** what could not be put back (the realm stays broken until Restart). */
  broken: string[];
}

/** Put back every builtin of the snapshot a cell replaced or deleted (cheap when nothing changed). */
/** How many builtins the snapshot holds (for the tests and the README). */
export const intrinsicCount = (): number => SAVED.length;

export function restoreIntrinsics(): Restored {
  const restored: string[] = [], broken: string[] = [];
  for (let i = 0; i < SAVED.length; i++) {
    const s = SAVED[i]!;
    // fast path, no allocation: a data property still holding its value (a getter a cell put there
    // instead runs here, and whatever it does, the slow path below decides)
    if (s.data) {
      try {
        if ((s.target as Record<PropertyKey, unknown>)[s.key] === s.descriptor.value) continue;
      } catch { /* a getter that throws: restore below */ }
    }
    if (same(getOwnPropertyDescriptor(s.target, s.key), s.descriptor)) continue;
    const ok = defineProperty(s.target, s.key, s.descriptor) && same(getOwnPropertyDescriptor(s.target, s.key), s.descriptor);
    if (ok) restored[restored.length] = s.label;
    else broken[broken.length] = s.label;
  }
  for (let i = 0; i < THENLESS.length; i++) {
    const target = THENLESS[i]!;
    if (getOwnPropertyDescriptor(target, "then") === undefined) continue;
    const label = `${i === 0 ? "Object" : i === 1 ? "Array" : "Function"}.prototype.then`;
    if (deleteProperty(target, "then")) restored[restored.length] = label;
    else broken[broken.length] = label;
  }
  return { restored, broken };
}
