// solve: X = A⁻¹ B, the solution of A X = B for a square A (numpy's np.linalg.solve), by Gaussian
// elimination with partial pivoting (LU, as LAPACK's gesv that numpy calls): at each column the row
// with the largest |value| becomes the pivot, which keeps the elimination stable.
// Backward: from A X = B, dX = A⁻¹ (dB - dA X); so dL/dB = A⁻ᵀ G (one more solve, with Aᵀ) and
// dL/dA = -(A⁻ᵀ G) Xᵀ = -dL/dB Xᵀ.
import { defineOp, apply, type OpDef } from "../autograd/op.ts";
import { Tensor } from "../tensor/tensor.ts";

/** X with A X = B, for A (n, n) and B (n, k); throws numpy's "Singular matrix" on an exact zero pivot. */
function luSolve(a: Tensor, b: Tensor): Tensor {
  const n = a.shape[0];
  const k = b.shape[1];
  const lu = a.data.slice();
  const x = b.data.slice();
  for (let j = 0; j < n; j++) {
    let p = j;
    for (let i = j + 1; i < n; i++) if (Math.abs(lu[i * n + j]) > Math.abs(lu[p * n + j])) p = i;
    if (lu[p * n + j] === 0) throw new Error("linalg.solve: Singular matrix");
    if (p !== j) {
      for (let c = 0; c < n; c++) [lu[j * n + c], lu[p * n + c]] = [lu[p * n + c], lu[j * n + c]];
      for (let c = 0; c < k; c++) [x[j * k + c], x[p * k + c]] = [x[p * k + c], x[j * k + c]];
    }
    const pivot = lu[j * n + j];
    for (let i = j + 1; i < n; i++) {
      const f = (lu[i * n + j] /= pivot);
      if (f === 0) continue;
      for (let c = j + 1; c < n; c++) lu[i * n + c] -= f * lu[j * n + c];
      for (let c = 0; c < k; c++) x[i * k + c] -= f * x[j * k + c]; // L y = P B, as we go
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    // U X = y, from the last row up
    for (let c = 0; c < k; c++) {
      let s = x[i * k + c];
      for (let m = i + 1; m < n; m++) s -= lu[i * n + m] * x[m * k + c];
      x[i * k + c] = s / lu[i * n + i];
    }
  }
  return new Tensor(x, [n, k]);
}

export const solve: OpDef<undefined> = defineOp({
  name: "solve",
  tex: (n) => `{${n.in[0]}}^{-1} ${n.in[1]}`,
  forward: ([a, b]) => luSolve(a, b),
  backward: (g, [a, b], out, _attrs, needs) => {
    const gb = apply(solve, [a.T, g], undefined);
    return [needs[0] ? gb.matmul(out.T).neg() : null, needs[1] ? gb : null];
  },
  vjpTex: [(n) => `-{${n.in[0]}}^{-\\top} ${n.g}\\, {${n.out}}^{\\top}`, (n) => `{${n.in[0]}}^{-\\top} ${n.g}`],
  factorTex: [(n) => `-{${n.in[0]}}^{-1} (\\cdot)\\, {${n.out}}^{\\top}`, (n) => `{${n.in[0]}}^{-1}`],
});
