// matmul: C = A B, the matrix product (numpy's A @ B), for 2-D arrays and stacks of them
// (leading "batch" axes broadcast like numpy's). 1-D operands are handled in functional.ts.
// Backward: dL/dA = G Bᵀ and dL/dB = Aᵀ G. Check the shapes: A is (m, k), B is (k, n), G is (m, n);
// G Bᵀ is (m, n)(n, k) = (m, k) like A, and Aᵀ G is (k, m)(m, n) = (k, n) like B.
import { defineOp } from "../autograd/op.ts";
import { Tensor } from "../tensor/tensor.ts";
import { broadcastShapes, formatShape, sizeOf, stridesOf, broadcastStrides } from "../tensor/shape.ts";
import { backend } from "../tensor/backend.ts";
import { unbroadcast } from "../autograd/unbroadcast.ts";
import { transposedTex } from "./transpose.ts";

function forward([a, b]: Tensor[]): Tensor {
  if (a.ndim < 2 || b.ndim < 2) {
    throw new Error(`matmul: expected arrays with at least 2 dimensions, got shapes ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  }
  const [m, k] = a.shape.slice(-2);
  const [k2, n] = b.shape.slice(-2);
  if (k !== k2) {
    throw new Error(`matmul: shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} are not aligned: ${k} != ${k2}`);
  }
  let batch: number[];
  try {
    batch = broadcastShapes("matmul", a.shape.slice(0, -2), b.shape.slice(0, -2));
  } catch {
    // name the operands' full shapes, not just their batch axes
    throw new Error(`matmul: shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} have batch axes ${formatShape(a.shape.slice(0, -2))} and ${formatShape(b.shape.slice(0, -2))} that could not be broadcast together`);
  }
  const count = sizeOf(batch);
  const out = new Float64Array(count * m * n);
  // where each batch member of A and B starts (stride 0 along broadcast batch axes)
  const sa = broadcastStrides(a.shape.slice(0, -2), batch);
  const sb = broadcastStrides(b.shape.slice(0, -2), batch);
  const sBatch = stridesOf(batch);
  for (let t = 0; t < count; t++) {
    let oa = 0;
    let ob = 0;
    for (let d = 0; d < batch.length; d++) {
      const i = Math.floor(t / sBatch[d]) % batch[d];
      oa += i * sa[d];
      ob += i * sb[d];
    }
    backend.current.gemm(a.data, oa * m * k, b.data, ob * k * n, out, t * m * n, m, k, n, false, false);
  }
  return new Tensor(out, [...batch, m, n]);
}

/**
 * A Bᵀ or Aᵀ B of two matrices without making the transpose first: the backend reads the operand
 * transposed (the same sums in the same order as forward(A, transpose(B)), so the same numbers).
 */
function product2d(a: Tensor, b: Tensor, transA: boolean, transB: boolean): Tensor {
  const [m, k] = transA ? [a.shape[1], a.shape[0]] : a.shape;
  const n = transB ? b.shape[0] : b.shape[1];
  const out = new Float64Array(m * n);
  backend.current.gemm(a.data, 0, b.data, 0, out, 0, m, k, n, transA, transB);
  return new Tensor(out, [m, n]);
}

/**
 * Two factors of a product written side by side, as maths writes X W_1; where a factor is a word
 * (\text{feats}, \mathit{lr}) a thin space keeps the names apart: feats Win, not featsWin.
 */
function juxtapose(a: string, b: string): string {
  const endsInWord = /\\(?:text|mathit)\{[^{}]*\}(?:[_^](?:\{[^{}]*\}|\\?\w+))*$/.test(a);
  const startsWithWord = /^\\(?:text|mathit)\{/.test(b);
  return endsInWord || startsWithWord ? `${a}\\, ${b}` : `${a} ${b}`;
}

/** Swap the last two axes (the transpose of every matrix in a stack). */
const mT = (t: Tensor) => t.transpose([...t.shape.keys()].map((i, _, all) =>
  i < all.length - 2 ? i : i === all.length - 2 ? all.length - 1 : all.length - 2));

export const matmul = defineOp({
  name: "matmul",
  tex: (n) => juxtapose(n.in[0], n.in[1]),
  forward,
  // Each gradient is a whole matrix product, so skip the one nobody needs: in X W1 the data X
  // needs no gradient, and G W1ᵀ (300 x 16 x 2 multiply-adds for the lesson) would be wasted.
  backward: (g, [a, b], _out, _attrs, needs) => {
    if (a.ndim === 2 && b.ndim === 2) {
      return [needs[0] ? product2d(g, b, false, true) : null, needs[1] ? product2d(a, g, true, false) : null];
    }
    return [
      needs[0] ? unbroadcast(g.matmul(mT(b)), a.shape) : null,
      needs[1] ? unbroadcast(mT(a).matmul(g), b.shape) : null,
    ];
  },
  vjpTex: [(n) => `${n.g}\\, ${transposedTex(n.in[1])}`, (n) => juxtapose(transposedTex(n.in[0]), n.g)],
  factorTex: [(n) => transposedTex(n.in[1]), (n) => transposedTex(n.in[0])],
  factorFirst: [false, true],
});
