// Where the lesson's epoch spends its time: a CPU profile of one training run (bench/lesson-profile.ts)
// in Node (node:inspector) and in headless Chromium (the DevTools protocol), self time by function.
//   npx tsx bench/profile.ts [--backend wasm|js] [--traced] [--fused] [--epochs N] [--top N] [--no-chromium] [--no-node]
// --fused: the loss as one op, np.softmaxCrossEntropy, as lesson 09 writes it.
// WASM functions show as wasm-function[i]: `npx asc ... -t k.wat` (tools/build-wasm.mjs's flags) lists
// them in order. Sampled every 200 us of wall time: on a loaded machine, read the shares, not the ms.
import { Session } from "node:inspector/promises";
import { loadavg } from "node:os";
import { runLesson, type LessonProfileSettings } from "./lesson-profile.ts";
import { runPage, selfTimes, hasChromium, type CpuProfile, type SelfTime } from "./chromium.ts";
import type { BackendName } from "../kernel/tensor/backend.ts";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const settings: LessonProfileSettings = {
  backend: option("--backend", "wasm") as BackendName,
  traced: args.includes("--traced"),
  epochs: Number(option("--epochs", "1000")),
  fused: args.includes("--fused"),
};
const top = Number(option("--top", "30"));

function print(label: string, epochsPerSec: number, times: SelfTime[]): void {
  const total = times.reduce((s, t) => s + t.selfMs, 0);
  console.log(`\n${label}: ${epochsPerSec.toFixed(0)} epochs/s (${settings.backend}${settings.traced ? ", traced" : ""}${settings.fused ? ", fused loss" : ""}, ` +
    `${settings.epochs} epochs; load average ${loadavg()[0].toFixed(1)}); self time, ${total.toFixed(0)} ms sampled`);
  for (const t of times.slice(0, top)) {
    console.log(`  ${((100 * t.selfMs) / total).toFixed(1).padStart(5)}%  ${t.fn} ${t.url}${t.line >= 0 ? `:${t.line + 1}` : ""}`);
  }
}

if (!args.includes("--no-node")) {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 200 });
  runLesson({ ...settings, epochs: 50 }); // compile and warm up outside the profile
  await session.post("Profiler.start");
  const { epochsPerSec } = runLesson(settings);
  const { profile } = await session.post("Profiler.stop");
  session.disconnect();
  // the inspector's own `dispatch` (the native call that starts and stops the profiler) is not the lesson's
  const times = selfTimes(profile as unknown as CpuProfile).filter((t) => !(t.fn === "dispatch" && t.url === ""));
  print(`Node ${process.version}`, epochsPerSec, times);
}

if (!args.includes("--no-chromium") && hasChromium()) {
  const run = await runPage(`lesson=${encodeURIComponent(JSON.stringify(settings))}`, { profile: true });
  print(`Chromium ${run.version}`, (run.result as { epochsPerSec: number }).epochsPerSec, run.profile!);
}
