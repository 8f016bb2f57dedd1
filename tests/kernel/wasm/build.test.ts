// The WASM module is built from source by `npm install` and `npm run build` (tools/build-wasm.mjs);
// the copies checked in (kernel/wasm/build/kernels-wasm.ts and kernels-threads-wasm.ts, the shared-memory
// build) must be exactly what the source compiles to.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../../..");

it("tools/build-wasm.mjs rebuilds the checked-in modules byte for byte", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "stepbook-wasm-"));
  try {
    execFileSync(process.execPath, [path.join(ROOT, "tools/build-wasm.mjs"), "--out", dir], { stdio: "pipe" });
    for (const name of ["kernels-wasm.ts", "kernels-threads-wasm.ts"]) {
      const fresh = readFileSync(path.join(dir, name), "utf8");
      const checkedIn = readFileSync(path.join(ROOT, "kernel/wasm/build", name), "utf8");
      expect(fresh === checkedIn, `run \`npm run build:wasm\` and commit kernel/wasm/build/${name}`).toBe(true);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
