// The live app of an exported site: ui/app/exported-entry.ts, loaded by the pages' live script from
// app/stepbook-app.js. Run after the exporter (package.json `build`):
//   vite build --config vite.export.config.ts --outDir dist/site/app --emptyOutDir false
// An app build (not a library build) on purpose: Vite's preload helper then fetches the CSS of every
// lazily loaded chunk (Monaco's stylesheet comes with the editor's chunk, as in the dev app). A library
// build gathers all CSS into one file that nothing requests, which left the editor unstyled.
import { defineConfig, type Plugin } from "vite";

// The exported page hands the app its one lesson; the dev app's bundled course is left empty.
const emptyCourse = (): Plugin => ({
  name: "stepbook-empty-course",
  resolveId: (id) => (id === "virtual:stepbook/course" ? "\0virtual:stepbook/course" : null),
  load: (id) => (id === "\0virtual:stepbook/course" ? "export default {};" : null),
});

export default defineConfig({
  base: "./",
  plugins: [emptyCourse()],
  publicDir: false,
  worker: { format: "es" },
  build: {
    outDir: "dist/site/app",
    emptyOutDir: false,
    copyPublicDir: false,
    rollupOptions: {
      input: { "stepbook-app": "ui/app/exported-entry.ts" },
      // keep `enhance` exported: the page's live script imports it
      preserveEntrySignatures: "exports-only",
      output: { entryFileNames: "[name].js" },
    },
  },
});
