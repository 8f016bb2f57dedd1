// bench/threads.ts in a worker of the bench page: threads cannot run on a page's main thread (it may
// not block in Atomics.wait), and the kernel runs in a worker in the app too. The page posts
// [rounds, roundMs, maxRows] and gets the figures back (or { error }).
import { benchThreads } from "../threads.ts";
import { wasmReady } from "../../kernel/wasm/backend.ts";

self.onmessage = async (e: MessageEvent<[number, number, number | null]>) => {
  const [rounds, roundMs, maxRows] = e.data;
  try {
    await wasmReady();
    self.postMessage(await benchThreads(rounds, roundMs, maxRows ?? Infinity));
  } catch (error) {
    self.postMessage({ error: String((error as Error)?.stack ?? error) });
  }
};
