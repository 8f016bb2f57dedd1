// Cell-execution latency: transpile + rewrite + run of a small cell, median over many runs.
// Run with: npx tsx tests/runtime/latency.ts   (a program, not a test: tests never assert on time)
import { compileCell } from "../../kernel/runtime/compile.ts";
import { Kernel } from "../../kernel/runtime/kernel.ts";
import { NodeKernelHost } from "../../kernel/host/node.ts";

const CELL = `const xs: number[] = [1, 2, 3, 4];
let total = 0;
for (const x of xs) total += x * x;
function mean(v: number[]): number { return v.reduce((a, b) => a + b, 0) / v.length }
console.log("total", total);
mean(xs) + total`;
const TENSOR_CELL = `const Z1 = X.matmul(W1).add(b1);
const A1 = np.tanh(Z1);
A1.shape`;
const RUNS = 2000;

async function median(label: string, fn: () => unknown | Promise<unknown>): Promise<void> {
  for (let i = 0; i < 200; i++) await fn(); // warm up the JIT
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.floor(q * (times.length - 1))].toFixed(3);
  console.log(`${label.padEnd(52)} median ${at(0.5)} ms   p90 ${at(0.9)} ms`);
}

const silent = () => undefined;
let n = 0;
const request = (code: string) => ({ type: "execute_request" as const, id: `r${++n}`, cellId: "c", code, trace: false });

await median("compile only (sucrase + acorn + rewrite)", () => compileCell(CELL, { filename: "stepbook-cell-0.js" }));
const kernel = new Kernel();
await median("Kernel.execute, indirect eval (the worker's path)", () => kernel.execute(request(CELL), silent));
const host = new NodeKernelHost();
await median("NodeKernelHost.execute, vm (no time limit)", () => host.execute(CELL, { cellId: "c", trace: false }));
await median("NodeKernelHost.execute, vm with a 60 s time limit", () => host.execute(CELL, { cellId: "c", trace: false, timeoutMs: 60_000 }));
await kernel.execute(request("const X = np.random.rand(4, 2)\nconst W1 = np.random.rand(2, 3)\nconst b1 = np.zeros([3])"), silent);
await median("Kernel.execute of a 3-line tensor cell, traced", () => kernel.execute({ ...request(TENSOR_CELL), trace: true }, silent));
