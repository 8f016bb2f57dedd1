// Set up for every browser test file (vite.config.ts, project e2e): the file's one Chromium
// (harness.ts launch() opens a fresh context of it) is closed after the file's own hooks.
import { afterAll } from "vitest";
import { closeBrowser } from "./harness.ts";

afterAll(closeBrowser);
