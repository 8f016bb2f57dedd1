// The live app of an exported site: ui/app/exported-entry.ts as an ES library, loaded by the pages'
// live script from app/stepbook-app.js. Run after the exporter (package.json `build`):
//   vite build --config vite.export.config.ts --outDir dist/site/app --emptyOutDir false
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
    lib: { entry: "ui/app/exported-entry.ts", formats: ["es"], fileName: () => "stepbook-app.js" },
    outDir: "dist/site/app",
    emptyOutDir: false,
    copyPublicDir: false,
  },
});
