import { defineConfig } from "vitest/config";
import { notebooksPlugin } from "./ui/dev/notebooks-plugin.ts";
import { CONTENT_SECURITY_POLICY } from "./ui/export/csp.ts";

// Cross-origin isolation lets the kernel worker use SharedArrayBuffer + Atomics for interrupts; the
// Content-Security-Policy forbids inline script in the app (see ui/export/csp.ts).
const isolation = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
  "Content-Security-Policy": CONTENT_SECURITY_POLICY,
};

export default defineConfig({
  plugins: [notebooksPlugin()],
  server: { headers: isolation },
  preview: { headers: isolation },
  worker: { format: "es" },
  // The kernel's worker imports these; Vite's scan of index.html does not reach a worker, so without
  // this list the first Run on a fresh install finds them, re-optimises and reloads the page (the click
  // is lost).
  optimizeDeps: { include: ["acorn", "sucrase", "magic-string", "d3-dsv", "yaml", "markdown-it", "katex", "@observablehq/plot", "@dagrejs/dagre", "idb-keyval"] },
  test: {
    // One and a half workers per core (3 on 2 cores). Much of a file's time is waiting: on Chromium and
    // its kernel worker, on servers, on the CLI's and the kernel's child processes, on a cell's time
    // limit. With one worker per core, .ci/run on 2 cores used 19.6 CPU-minutes in 17.25 minutes (1.1
    // of 2 cores busy); a third worker fills that wait. Each e2e file has its own Chromium and server and
    // shares the builds (tests/e2e/built.ts, one build per entry).
    maxWorkers: "150%",
    projects: [
      {
        extends: true,
        test: {
          name: "node",
          environment: "node",
          setupFiles: ["tests/backend-setup.ts"],
          include: ["tests/kernel/**/*.test.ts", "tests/runtime/**/*.test.ts", "tests/document/**/*.test.ts", "tests/cli/**/*.test.ts", "tests/dev/**/*.test.ts", "tests/notebooks/**/*.test.ts", "tests/export/**/*.test.ts", "tests/bench/**/*.test.ts", "tests/hostile/*.test.ts"],
        },
      },
      {
        // the kernel's tests once more on the reference backend ("node" runs them on the default, wasm)
        extends: true,
        test: {
          name: "kernel-js",
          environment: "node",
          setupFiles: ["tests/backend-setup.ts"],
          env: { STEPBOOK_BACKEND: "js" },
          include: ["tests/kernel/**/*.test.ts"],
          exclude: ["tests/kernel/wasm/**"], // the backend's own tests need no second run
        },
      },
      {
        extends: true,
        test: {
          name: "dom",
          environment: "happy-dom",
          include: ["tests/ui/**/*.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          environment: "node",
          include: ["tests/e2e/**/*.test.ts", "tests/hostile/browser/*.test.ts"],
          setupFiles: ["tests/e2e/setup.ts"],
          // Each file starts its own Chromium and server (builds are shared, tests/e2e/built.ts), so e2e files
          // share the two workers with the other projects' files: run one after another, the browser files
          // left a core idle for ~15 minutes (.ci/run: 22.5 min wall for 19.5 CPU-minutes).
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
