// The benchmark page: the same figures as in Node, measured in the browser. bench/chromium.ts opens
// it in headless Chromium with the settings in the query string and reads window.benchResult.
import { measureAll, SETTINGS, type Settings } from "../figures.ts";
import { runLesson } from "../lesson-profile.ts";
import { wasmReady } from "../../kernel/wasm/backend.ts";

declare global {
  interface Window { benchResult?: unknown; benchError?: string }
}

const params = new URLSearchParams(location.search);
const settings: Settings = params.get("settings") !== null
  ? { matmulMaxRows: Infinity, ...JSON.parse(params.get("settings")!) }
  : SETTINGS[params.has("quick") ? "quick" : "full"];
const status = document.getElementById("status")!;

// start after the page has loaded (the benchmark keeps the main thread busy for minutes)
const loaded = new Promise((resolve) => setTimeout(resolve, 100));
// `?lesson={backend, traced, epochs}`: one training run only, for bench/profile.ts
const lesson = params.get("lesson");
loaded.then(async () => {
  await wasmReady();
  return lesson !== null ? runLesson(JSON.parse(lesson)) : measureAll(settings);
}).then(
  (figures) => {
    window.benchResult = figures;
    status.textContent = "done";
  },
  (error: unknown) => {
    window.benchError = String((error as Error)?.stack ?? error);
    status.textContent = `failed: ${window.benchError}`;
  },
);
