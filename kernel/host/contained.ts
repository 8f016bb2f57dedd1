// The kernel that `stepbook run`, `stepbook export` (and `npm run build`) and the lesson tests use: a
// child process under Node's permission model (see SECURITY.md). The child entry is bundled with
// esbuild into one file (Node 20 cannot load TypeScript, and a loader such as tsx needs a worker and
// file system access that the permission model is there to refuse), cached by content under
// node_modules/.cache/stepbook/; the child may read that one file and nothing else.
//   --experimental-permission      no file writes, no child processes, no workers, no native addons
//   --allow-fs-read=BUNDLE         reads: the kernel's own code only
//   --max-old-space-size           a runaway allocation ends the process (reported) before the machine
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { ProcessKernelHost } from "./process.ts";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const ENTRY = join(REPO, "kernel/host/process-child.ts");
const CACHE = join(REPO, "node_modules/.cache/stepbook");

export interface ContainedKernelOptions {
  /** refuse tensors above this many bytes (default: the kernel's 1 GiB). */
  maxTensorBytes?: number;
  /** the child's JavaScript heap in MB (default 2048). */
  maxHeapMb?: number;
  /** how long past a cell's time limit its process is killed (default 2000 ms). */
  killGraceMs?: number;
}

let bundled: Promise<string> | null = null;

/** The child entry as one ES module file (built once per process; rebuilt when its content changes). */
export function kernelBundle(): Promise<string> {
  bundled ??= (async () => {
    const out = await build({ entryPoints: [ENTRY], bundle: true, platform: "node", format: "esm", target: "node20", write: false, logLevel: "silent", legalComments: "none" });
    const code = out.outputFiles[0]!.contents;
    const file = join(CACHE, `kernel-${createHash("sha256").update(code).digest("hex").slice(0, 16)}.mjs`);
    if (!existsSync(file)) {
      mkdirSync(CACHE, { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, code);
      (await import("node:fs")).renameSync(temp, file);
    }
    return file;
  })();
  bundled.catch(() => { bundled = null; });
  return bundled;
}

/** The Node flags the kernel process runs under (SECURITY.md lists what each one refuses). */
export function permissionFlags(bundle: string, maxHeapMb = 2048): string[] {
  return ["--experimental-permission", `--allow-fs-read=${bundle}`, `--max-old-space-size=${maxHeapMb}`, "--disable-warning=ExperimentalWarning", "--disable-proto=throw"];
}

/** A fresh kernel in its own contained process (one per lesson), ready to run cells. */
export async function containedKernel(options: ContainedKernelOptions = {}): Promise<ProcessKernelHost> {
  const entry = await kernelBundle();
  const host = new ProcessKernelHost({ entry, nodeArgs: permissionFlags(entry, options.maxHeapMb), maxTensorBytes: options.maxTensorBytes, killGraceMs: options.killGraceMs });
  await host.ready;
  return host;
}
