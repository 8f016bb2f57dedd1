// The WASM module is built from source by `npm install` and `npm run build` (tools/build-wasm.mjs);
// the copy checked in (kernel/wasm/build/kernels-wasm.ts) must be exactly what the source compiles to.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../../..");

it("tools/build-wasm.mjs rebuilds the checked-in module byte for byte", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "stepbook-wasm-"));
  try {
    execFileSync(process.execPath, [path.join(ROOT, "tools/build-wasm.mjs"), "--out", dir], { stdio: "pipe" });
    const fresh = readFileSync(path.join(dir, "kernels-wasm.ts"), "utf8");
    const checkedIn = readFileSync(path.join(ROOT, "kernel/wasm/build/kernels-wasm.ts"), "utf8");
    expect(fresh === checkedIn, "run `npm run build:wasm` and commit kernel/wasm/build/kernels-wasm.ts").toBe(true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
