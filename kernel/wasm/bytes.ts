// The bytes of a module checked in as base64 (kernel/wasm/build/*-wasm.ts), in Node and in browsers.
export function bytesOf(base64: string): Uint8Array {
  if (typeof atob === "function") return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return new Uint8Array(Buffer.from(base64, "base64"));
}
