// einsum: Einstein summation, numpy's np.einsum("ij,jk->ik", A, B). Each operand's axes get a
// letter; letters in the output are kept, the others are summed over. Built from primitives, so it
// differentiates like them: an operand's own summed letters become a sum, a repeated letter within
// one operand ("ii") a diagonal (a gather), and each pair of operands one batched matmul:
//   A: (batch, keptA, summed) @ B: (batch, summed, keptB) -> (batch, keptA, keptB)
// then a transpose into the output's order. More than two operands are contracted left to right.
// Not supported: "..." (broadcast axes) and numpy's optimize/out/dtype options.
import type { Tensor, TensorLike } from "../tensor/tensor.ts";
import { formatShape, describe, sizeOf } from "../tensor/shape.ts";
import { arange } from "../tensor/create.ts";
import * as F from "./functional.ts";

interface Term {
  t: Tensor;
  letters: string[];
}

/** "ij,jk->ik" to the operands' letters and the output's (numpy's implicit output: letters seen once, sorted). */
function parse(subscripts: string, count: number): { inputs: string[][]; output: string[] } {
  if (typeof subscripts !== "string") throw new Error(`einsum: the first argument must be a subscripts string like "ij,jk->ik", got ${describe(subscripts)}`);
  const text = subscripts.replace(/\s+/g, "");
  if (text.includes(".")) throw new Error(`einsum: "..." (broadcasting) is not supported in "${subscripts}"`);
  const [lhs, rhs, extra] = text.split("->");
  if (extra !== undefined) throw new Error(`einsum: more than one "->" in "${subscripts}"`);
  const inputs = lhs.split(",").map((s) => [...s]);
  for (const letter of [...inputs.flat(), ...(rhs ?? "")]) {
    if (!/^[a-zA-Z]$/.test(letter)) throw new Error(`einsum: invalid subscript "${letter}" in "${subscripts}" (letters only)`);
  }
  if (inputs.length !== count) throw new Error(`einsum: "${subscripts}" names ${inputs.length} operand(s), but ${count} were given`);
  let output: string[];
  if (rhs === undefined) {
    const all = inputs.flat();
    output = [...new Set(all)].filter((c) => all.indexOf(c) === all.lastIndexOf(c)).sort();
  } else {
    output = [...rhs];
    if (new Set(output).size !== output.length) throw new Error(`einsum: output subscript string "${rhs}" includes a letter twice`);
    for (const c of output) {
      if (!inputs.flat().includes(c)) throw new Error(`einsum: output subscript "${c}" does not appear in the input subscripts of "${subscripts}"`);
    }
  }
  return { inputs, output };
}

/** One operand with each of its letters once: "ii" takes the diagonal, letters that stand nowhere else are summed. */
function prepare(term: Term, needed: Set<string>): Term {
  let { t, letters } = term;
  if (letters.length !== t.ndim) throw new Error(`einsum: operand has ${t.ndim} dimensions (shape ${formatShape(t.shape)}) but its subscripts "${letters.join("")}" name ${letters.length}`);
  // a repeated letter: keep only the positions where those axes have the same index (a diagonal)
  for (let i = 0; i < letters.length; i++) {
    const j = letters.indexOf(letters[i], i + 1);
    if (j < 0) continue;
    if (t.shape[i] !== t.shape[j]) throw new Error(`einsum: dimensions in operand for collapsing index "${letters[i]}" don't match (${t.shape[i]} != ${t.shape[j]})`);
    const along = arange(t.shape[i]);
    const index = t.shape.map((_, d) => (d === i || d === j ? along : null));
    // the diagonal axis moves to the front (two index arrays apart), or stays at i when i, j are neighbours
    t = t.slice(...index);
    const rest = letters.filter((_, d) => d !== i && d !== j);
    letters = j === i + 1 ? [...letters.slice(0, i), letters[i], ...letters.slice(j + 1)] : [letters[i], ...rest];
    i = -1; // start over: there may be more repeats
  }
  const summed = letters.map((c, d) => (needed.has(c) ? -1 : d)).filter((d) => d >= 0);
  if (summed.length > 0) {
    t = F.sum(t, { axis: summed });
    letters = letters.filter((c) => needed.has(c));
  }
  return { t, letters };
}

/** Contract two prepared operands into one whose letters are those still needed. */
function contract(a: Term, b: Term, needed: Set<string>): Term {
  const size = new Map<string, number>();
  for (const { t, letters } of [a, b]) {
    letters.forEach((c, d) => {
      const n = t.shape[d];
      if (size.has(c) && size.get(c) !== n && size.get(c) !== 1 && n !== 1) {
        throw new Error(`einsum: operands could not be broadcast together: subscript "${c}" has sizes ${size.get(c)} and ${n}`);
      }
      size.set(c, Math.max(size.get(c) ?? 1, n));
    });
  }
  const batch = a.letters.filter((c) => b.letters.includes(c) && needed.has(c));
  const summed = a.letters.filter((c) => b.letters.includes(c) && !needed.has(c));
  const keptA = a.letters.filter((c) => !b.letters.includes(c));
  const keptB = b.letters.filter((c) => !a.letters.includes(c));
  const arrange = (term: Term, order: string[], shape: number[]) => {
    const moved = F.transpose(term.t, order.map((c) => term.letters.indexOf(c)));
    // size-1 axes broadcast to the other operand's size before the reshape merges them
    return F.reshape(F.broadcastTo(moved, order.map((c) => size.get(c)!)), shape);
  };
  const n = (letters: string[]) => sizeOf(letters.map((c) => size.get(c)!));
  const left = arrange(a, [...batch, ...keptA, ...summed], [n(batch), n(keptA), n(summed)]);
  const right = arrange(b, [...batch, ...summed, ...keptB], [n(batch), n(summed), n(keptB)]);
  const letters = [...batch, ...keptA, ...keptB];
  const t = F.reshape(F.matmul(left, right), letters.map((c) => size.get(c)!));
  return { t, letters };
}

export function einsum(subscripts: string, ...operands: TensorLike[]): Tensor {
  if (operands.length === 0) throw new Error("einsum: at least one operand is needed");
  const { inputs, output } = parse(subscripts, operands.length);
  const terms = operands.map((x, i) => ({ t: F.asTensor(x), letters: inputs[i] }));
  // letters needed after operand i: in the output or in a later operand
  const neededAfter = (i: number) => new Set([...output, ...inputs.slice(i + 1).flat()]);
  let acc = prepare(terms[0], new Set([...neededAfter(0)]));
  for (let i = 1; i < terms.length; i++) {
    const needed = neededAfter(i);
    const next = prepare(terms[i], new Set([...needed, ...acc.letters]));
    const accTrim = prepare(acc, new Set([...needed, ...next.letters]));
    acc = contract(accTrim, next, needed);
  }
  acc = prepare(acc, new Set(output));
  return F.transpose(acc.t, output.map((c) => acc.letters.indexOf(c)));
}
