// Every primitive op, in one explicit list. Adding an op means adding it here; a duplicate name throws.
// Tests walk this list to check every op's gradient against finite differences and PyTorch.
import type { OpDef } from "../autograd/op.ts";
import { add } from "./add.ts";
import { sub } from "./sub.ts";
import { mul } from "./mul.ts";
import { div } from "./div.ts";
import { pow } from "./pow.ts";
import { negative } from "./negative.ts";
import { exp } from "./exp.ts";
import { log } from "./log.ts";
import { sqrt } from "./sqrt.ts";
import { abs } from "./abs.ts";
import { sign } from "./sign.ts";
import { tanh } from "./tanh.ts";
import { sin } from "./sin.ts";
import { cos } from "./cos.ts";
import { sigmoid } from "./sigmoid.ts";
import { relu } from "./relu.ts";
import { maximum } from "./maximum.ts";
import { minimum } from "./minimum.ts";
import { where } from "./where.ts";
import { greater, greaterEqual, less, lessEqual, equal, notEqual } from "./compare.ts";
import { sum } from "./sum.ts";
import { max } from "./max.ts";
import { broadcastTo } from "./broadcast-to.ts";
import { matmul } from "./matmul.ts";
import { reshape } from "./reshape.ts";
import { transpose } from "./transpose.ts";
import { gather } from "./gather.ts";
import { concatenate } from "./concatenate.ts";
import { copy, astype } from "./copy.ts";
import { argmax, argmin } from "./argmax.ts";
import { tan } from "./tan.ts";
import { log1p } from "./log1p.ts";
import { expm1 } from "./expm1.ts";
import { log2, log10 } from "./log2.ts";
import { floor, ceil, trunc, round } from "./rounding.ts";
import { mod } from "./mod.ts";
import { isnan, isinf, isfinite } from "./isnan.ts";
import { logicalAnd, logicalOr, logicalXor, logicalNot } from "./logical.ts";
import { clip } from "./clip.ts";
import { prod } from "./prod.ts";
import { cumsum } from "./cumsum.ts";
import { norm } from "./norm.ts";
import { argsort } from "./argsort.ts";
import { solve } from "./solve.ts";
import { softmaxOp } from "./softmax.ts";
import { softmaxCrossEntropyOp } from "./softmax-cross-entropy.ts";
import { sigmoidBinaryCrossEntropyOp } from "./sigmoid-binary-cross-entropy.ts";

export const OPS: readonly OpDef<any>[] = register([
  add, sub, mul, div, pow, negative, exp, log, sqrt, abs, sign, tanh, sin, cos, sigmoid, relu,
  maximum, minimum, where, greater, greaterEqual, less, lessEqual, equal, notEqual,
  sum, max, broadcastTo, matmul, reshape, transpose, gather, concatenate, copy, astype, argmax, argmin,
  tan, log1p, expm1, log2, log10, floor, ceil, trunc, round, mod, isnan, isinf, isfinite,
  logicalAnd, logicalOr, logicalXor, logicalNot, clip, prod, cumsum, norm, argsort, solve,
  softmaxOp, softmaxCrossEntropyOp, sigmoidBinaryCrossEntropyOp,
]);

function register(list: OpDef<any>[]): OpDef<any>[] {
  const seen = new Set<string>();
  for (const op of list) {
    if (seen.has(op.name)) throw new Error(`op registry: duplicate op "${op.name}"`);
    seen.add(op.name);
  }
  return list;
}

export function getOp(name: string): OpDef<any> {
  const op = OPS.find((o) => o.name === name);
  if (!op) throw new Error(`op registry: no op named "${name}"`);
  return op;
}
