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
import { copy } from "./copy.ts";
import { argmax, argmin } from "./argmax.ts";

export const OPS: readonly OpDef<any>[] = register([
  add, sub, mul, div, pow, negative, exp, log, sqrt, abs, sign, tanh, sin, cos, sigmoid, relu,
  maximum, minimum, where, greater, greaterEqual, less, lessEqual, equal, notEqual,
  sum, max, broadcastTo, matmul, reshape, transpose, gather, concatenate, copy, argmax, argmin,
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
