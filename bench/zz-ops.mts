import { np } from "../kernel/np.ts";
np.random.seed(1);
const X = np.random.randn(300, 16), Y = np.random.randn(300, 16), b = np.random.randn(16), W = np.random.randn(16, 16), P = X.abs().add(0.1);
const cases: Record<string, () => unknown> = {
  "tanh 300x16": () => X.tanh(), "exp 300x16": () => X.exp(), "log": () => P.log(), "add same": () => X.add(Y), "add bias": () => X.add(b),
  "mul scalar": () => X.mul(0.5), "matmul 300x16x16": () => X.matmul(W), "sum axis0": () => X.sum({ axis: 0 }), "sum axis1": () => X.sum({ axis: 1 }),
  "softmax": () => X.softmax(), "XT@Y": () => X.T.matmul(Y),
};
for (let rep = 0; rep < 2; rep++) for (const [name, f] of Object.entries(cases)) {
  const r: string[] = [];
  for (const be of ["js", "wasm"] as const) {
    np.setBackend(be);
    for (let i = 0; i < 300; i++) f();
    const n = 3000, t0 = performance.now();
    for (let i = 0; i < n; i++) f();
    r.push(`${be} ${((performance.now() - t0) / n * 1000).toFixed(1)}us`);
  }
  if (rep === 1) console.log(name.padEnd(20), r.join("  "));
}
