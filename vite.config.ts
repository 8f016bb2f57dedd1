import { defineConfig } from "vitest/config";

// Cross-origin isolation lets the kernel worker use SharedArrayBuffer + Atomics for interrupts.
const isolation = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

export default defineConfig({
  server: { headers: isolation },
  preview: { headers: isolation },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "node",
          environment: "node",
          include: ["tests/kernel/**/*.test.ts", "tests/runtime/**/*.test.ts", "tests/document/**/*.test.ts", "tests/cli/**/*.test.ts", "tests/notebooks/**/*.test.ts"],
        },
      },
    ],
  },
});
