// Selects the kernel's backend for a test run: STEPBOOK_BACKEND=js or wasm (unset: the default).
// vite.config.ts runs tests/kernel twice in CI, once per backend, through this file.
import { setBackend, type BackendName } from "../kernel/tensor/backend.ts";

const name = process.env.STEPBOOK_BACKEND;
if (name !== undefined && name !== "") setBackend(name as BackendName);
