// The benchmark page: the same figures as in Node, measured in the browser. bench/chromium.ts opens
// it in headless Chromium with the settings in the query string and reads window.benchResult.
import { measureAll, SETTINGS, type Settings } from "../figures.ts";
import { runLesson } from "../lesson-profile.ts";
import { wasmReady } from "../../kernel/wasm/backend.ts";
import type { ThreadFigures } from "../threads.ts";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import tfjsWasm from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url";
import tfjsWasmSimd from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url";
import tfjsWasmThreadedSimd from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url";

// tfjs's wasm backend (a peer in the lesson table) fetches its module: Vite serves the files
setWasmPaths({
  "tfjs-backend-wasm.wasm": tfjsWasm,
  "tfjs-backend-wasm-simd.wasm": tfjsWasmSimd,
  "tfjs-backend-wasm-threaded-simd.wasm": tfjsWasmThreadedSimd,
});

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
  if (lesson !== null) return runLesson(JSON.parse(lesson));
  const figures = await measureAll(settings);
  if (figures.matmul !== undefined) figures.matmul.threads = await threadsInWorker();
  return figures;
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

/** 1 and 2 threads side by side, measured in a worker (a page's main thread cannot use threads). */
function threadsInWorker(): Promise<ThreadFigures> {
  const worker = new Worker(new URL("./threads-worker.ts", import.meta.url), { type: "module" });
  return new Promise<ThreadFigures>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<ThreadFigures | { error: string }>) => {
      if ("error" in e.data) reject(new Error(`threads worker: ${e.data.error}`));
      else resolve(e.data);
    };
    worker.onerror = (e) => reject(new Error(`threads worker: ${e.message}`));
    const maxRows = Number.isFinite(settings.matmulMaxRows) ? settings.matmulMaxRows : null;
    worker.postMessage([settings.threadRounds, settings.matmulMs, maxRows]);
  }).finally(() => worker.terminate());
}
