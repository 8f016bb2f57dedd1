// mod: C = A mod B with the sign of B, as numpy's np.mod and Python's % (-5 mod 3 = 1, 5 mod -3 = -1);
// JavaScript's % keeps the sign of A instead. Computed as numpy's npy_divmod does: fmod, then one
// correction when the signs differ; a zero result takes B's sign; B = 0 gives NaN.
// Backward: C = A - floor(A / B) B, so dL/dA = G and dL/dB = -G ⊙ floor(A / B) (as PyTorch's remainder).
import { defineOp } from "../autograd/op.ts";
import { binary } from "../tensor/elementwise.ts";
import { unbroadcast } from "../autograd/unbroadcast.ts";

function remainder(a: number, b: number): number {
  const m = a % b;
  if (b === 0) return m; // NaN
  if (m === 0) return b < 0 ? -0 : 0;
  return b < 0 !== m < 0 ? m + b : m;
}

/** floor(a / b) as npy_divmod computes it: from the remainder, so a quotient just below an integer is not rounded up. */
function floorDivide(a: number, b: number): number {
  const m = a % b;
  if (b === 0) return a / b;
  let div = (a - m) / b;
  if (m !== 0 && b < 0 !== m < 0) div -= 1;
  if (div === 0) return 0;
  const f = Math.floor(div);
  return div - f > 0.5 ? f + 1 : f;
}

export const mod = defineOp({
  name: "mod",
  tex: (n) => `${n.in[0]} \\bmod ${n.in[1]}`,
  forward: ([a, b]) => binary("mod", a, b, remainder),
  backward: (g, [a, b], _out, _attrs, needs) => [
    needs[0] ? unbroadcast(g, a.shape) : null,
    needs[1] ? unbroadcast(binary("mod.backward", g, binary("mod.floor", a, b, floorDivide), (gi, q) => -gi * q), b.shape) : null,
  ],
  vjpTex: [(n) => n.g, (n) => `-${n.g} \\odot \\left\\lfloor \\frac{${n.in[0]}}{${n.in[1]}} \\right\\rfloor`],
  factorTex: [() => "1", (n) => `-\\left\\lfloor \\frac{${n.in[0]}}{${n.in[1]}} \\right\\rfloor`],
});
