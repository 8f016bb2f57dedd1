// Page faults per epoch of the bench's lesson, in Node and in Chromium, and what one costs on this
// machine: `npx tsx bench/page-faults.ts` (Linux: it reads /proc). A fresh Float64Array that the
// allocator backs with memory the process has not touched before costs one minor fault per 4 KB page
// at first write; Node's allocator hands freed memory back to the next array, Chromium's does not
// (docs/speed.md, sixth pass). The faults are counted, not timed, so the figure does not depend on load.
import { readdirSync, readFileSync } from "node:fs";
import { runPage } from "./chromium.ts";
import { makeProblem } from "./lesson-data.ts";
import { trainPlain } from "./lesson-plain.ts";
import { trainStepbook } from "./lesson-stepbook.ts";

const EPOCHS = 1000;

/** minor faults so far of every Chromium renderer process, by pid */
function rendererFaults(): Map<number, number> {
  const faults = new Map<number, number>();
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (!cmd.includes("--type=renderer")) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      // after "pid (comm) ": state is field 3, minflt field 10
      faults.set(Number(pid), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[7]));
    } catch {
      /* the process ended */
    }
  }
  return faults;
}

/** Faults of the renderer over one page load that trains `epochs` epochs. */
async function chromiumFaults(lesson: { backend: string; traced: boolean; epochs: number }): Promise<number> {
  const seen = new Map<number, number>();
  const poll = setInterval(() => {
    for (const [pid, n] of rendererFaults()) seen.set(pid, Math.max(seen.get(pid) ?? 0, n));
  }, 100);
  try {
    await runPage(`lesson=${encodeURIComponent(JSON.stringify(lesson))}`);
  } finally {
    clearInterval(poll);
  }
  return [...seen.values()].reduce((a, b) => a + b, 0);
}

const nodeFaults = () => process.resourceUsage().minorPageFault;

/** microseconds per first touch of a page: a 64 MB array, one write per 4 KB page */
function faultCost(): { us: number; faults: number } {
  const pages = 16384;
  const f0 = nodeFaults();
  const t0 = performance.now();
  const a = new Uint8Array(pages * 4096);
  for (let p = 0; p < pages; p++) a[p * 4096] = 1;
  const us = ((performance.now() - t0) * 1000) / pages;
  return { us, faults: (nodeFaults() - f0) / pages };
}

const problem = makeProblem();
trainStepbook(problem, 50, false);
const rows: [string, string][] = [];
for (const traced of [false, true]) {
  const f0 = nodeFaults();
  trainStepbook(problem, EPOCHS, traced);
  rows.push([`Node, wasm, ${traced ? "traced" : "untraced"}`, ((nodeFaults() - f0) / EPOCHS).toFixed(1)]);
}
const f0 = nodeFaults();
trainPlain(problem, EPOCHS);
rows.push(["Node, plain loop", ((nodeFaults() - f0) / EPOCHS).toFixed(1)]);
for (const backend of ["wasm", "js"]) for (const traced of [false, true]) {
  // two page loads, short and long: the difference is the epochs' own, without the page's loading
  const short = await chromiumFaults({ backend, traced, epochs: 100 });
  const long = await chromiumFaults({ backend, traced, epochs: 100 + EPOCHS });
  rows.push([`Chromium, ${backend}, ${traced ? "traced" : "untraced"}`, ((long - short) / EPOCHS).toFixed(1)]);
}
for (const [what, n] of rows) console.log(`${what.padEnd(28)} ${n.padStart(7)} minor faults per epoch`);
const cost = faultCost();
console.log(`one first touch of a page here: ${cost.us.toFixed(2)} us (${cost.faults.toFixed(2)} faults a page)`);
