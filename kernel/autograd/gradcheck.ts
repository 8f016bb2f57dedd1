// gradcheck: compare autograd's gradients with central differences,
//   dL/dx_i ≈ (L(x + h e_i) - L(x - h e_i)) / 2h,
// and report the worst relative error for each input. In float64 a correct gradient agrees to
// about 1e-7 or better; a wrong one is usually off by more than 1e-2.
import { Tensor } from "../tensor/tensor.ts";
import { quietly } from "./mode.ts";
import { checkOptions } from "../tensor/options.ts";

export interface GradcheckResult {
  ok: boolean;
  /** per input: the worst |analytic - numeric| / max(1, |analytic|, |numeric|) and where it was. */
  inputs: { maxError: number; index: number; analytic: number; numeric: number }[];
  tolerance: number;
}

export function gradcheck(
  fn: (...inputs: Tensor[]) => Tensor,
  inputs: Tensor[],
  options?: { eps?: number; tol?: number },
): GradcheckResult {
  checkOptions("gradcheck", options, ["eps", "tol"]);
  const eps = options?.eps ?? 1e-6;
  const tol = options?.tol ?? 1e-5;
  const leaves = inputs.map((x) => new Tensor(x.data.slice(), x.shape).requiresGrad());
  const out = fn(...leaves);
  // a non-scalar output is reduced with fixed random-ish weights, so every output element is checked
  const weights = new Tensor(Float64Array.from({ length: out.size }, (_, i) => 1 + ((i * 7919) % 13) / 13), out.shape);
  const loss = out.size === 1 ? out.sum() : out.mul(weights).sum();
  loss.backward();
  const scalar = (xs: Tensor[]) => quietly(() => {
    const o = fn(...xs);
    return o.size === 1 ? o.sum().item() : o.mul(weights).sum().item();
  });
  const report = leaves.map((leaf, k) => {
    let worst = { maxError: 0, index: -1, analytic: 0, numeric: 0 };
    for (let i = 0; i < leaf.size; i++) {
      const probe = (delta: number) => {
        const xs = leaves.map((l) => new Tensor(l.data.slice(), l.shape));
        xs[k].data[i] += delta;
        return scalar(xs);
      };
      const numeric = (probe(eps) - probe(-eps)) / (2 * eps);
      const analytic = leaf.grad === null ? 0 : leaf.grad.data[i];
      const err = Math.abs(analytic - numeric) / Math.max(1, Math.abs(analytic), Math.abs(numeric));
      if (err > worst.maxError || worst.index < 0 || Number.isNaN(err)) worst = { maxError: err, index: i, analytic, numeric };
    }
    return worst;
  });
  return { ok: report.every((r) => r.maxError <= tol), inputs: report, tolerance: tol };
}
