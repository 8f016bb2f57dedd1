// The benchmark page: the same figures as in Node, measured in the browser. bench/chromium.ts opens
// it in headless Chromium with the settings in the query string and reads window.benchResult.
import { measureAll, SETTINGS, type Settings } from "../figures.ts";

declare global {
  interface Window { benchResult?: unknown; benchError?: string }
}

const params = new URLSearchParams(location.search);
const settings: Settings = params.get("settings") !== null
  ? JSON.parse(params.get("settings")!)
  : SETTINGS[params.has("quick") ? "quick" : "full"];
const status = document.getElementById("status")!;

measureAll(settings).then(
  (figures) => {
    window.benchResult = figures;
    status.textContent = "done";
  },
  (error: unknown) => {
    window.benchError = String((error as Error)?.stack ?? error);
    status.textContent = `failed: ${window.benchError}`;
  },
);
